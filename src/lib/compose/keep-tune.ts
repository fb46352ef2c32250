/**
 * "Keep my tune": the verse is the hummed tune itself — its first whole phrases, up to eight bars,
 * on the beat grid with the user's rhythm and at the pitches they sang (humToTune) — and the chorus
 * develops its first phrase as "Develop my tune" does (the 8-bar chorus of the composer's 16-bar
 * melody, moved to follow the kept verse, so form, phrasing and cadences stay the composer's).
 */
import { ticksPerBar, type SongKey, type SongNote, type TimeSignature } from '../song/types';
import type { TuneNote } from './hum-tune';
import { composeMelody } from './melody';
import type { ComposedMelody, ComposeMelodyOptions, MelodicMotif, MidiRange, PhraseSummary } from './melody-types';
import { melodicScaleForm, scaleDegreeOf } from './scale';
import { songWarning } from './song-warning';

export interface KeepTuneInput {
	/** The hum's phrases (tunePhrases of humToTune), beats of the hum's tempo. */
	phrases: readonly (readonly TuneNote[])[];
	/** Song ticks per hum beat (PPQ, or PPQ·2^k when the song's tempo is an octave away from the hum's). */
	ticksPerBeat: number;
	/** The motif the chorus develops (the hum's first phrase); null develops a stock motif. */
	motif: MelodicMotif | null;
	key: SongKey;
	tempoBpm: number;
	timeSignature: TimeSignature;
	rangeMidi: MidiRange;
	seed: number;
	candidate?: number;
	/** Longest verse, bars (default 8). */
	maxVerseBars?: number;
}

export interface KeptTune extends ComposedMelody {
	/** Bars of the verse that are the hummed tune. */
	verseBars: number;
	/** How many of the hum's phrases the verse keeps, of how many. */
	keptPhrases: number;
	hummedPhrases: number;
}

/** Bars a verse may have: an even number from 4 (the composer's smallest section) to 8. */
function verseBarsFor(endTicks: number, barTicks: number, maxBars: number): number {
	const bars = Math.ceil(endTicks / barTicks);
	return Math.min(maxBars, Math.max(4, bars + (bars % 2)));
}

export function keepTune(input: KeepTuneInput, options: ComposeMelodyOptions = {}): KeptTune {
	const { phrases, ticksPerBeat, key, timeSignature } = input;
	const maxVerseBars = input.maxVerseBars ?? 8;
	if (!Number.isInteger(maxVerseBars) || maxVerseBars < 4 || maxVerseBars > 8 || maxVerseBars % 2 !== 0) throw new RangeError(`maxVerseBars must be 4, 6 or 8, got ${maxVerseBars}`);
	if (!(ticksPerBeat > 0)) throw new RangeError(`ticksPerBeat must be > 0, got ${ticksPerBeat}`);
	const barTicks = ticksPerBar(timeSignature);
	const capTicks = maxVerseBars * barTicks;
	const origin = phrases[0]?.[0]?.onsetBeats ?? 0;
	const toTicks = (beats: number) => Math.round((beats - origin) * ticksPerBeat);

	// Whole phrases while they fit; the first is kept even when it alone runs past the cap (cut there).
	const verse: SongNote[] = [];
	let kept = 0;
	for (const phrase of phrases) {
		const last = phrase[phrase.length - 1];
		const endTicks = toTicks(last.onsetBeats + last.durationBeats);
		if (kept > 0 && endTicks > capTicks) break;
		for (const n of phrase) {
			const startTicks = toTicks(n.onsetBeats);
			if (startTicks >= capTicks) break;
			const durationTicks = Math.min(toTicks(n.onsetBeats + n.durationBeats), capTicks) - startTicks;
			verse.push({ startTicks, durationTicks, midiPitch: n.midiPitch, syllable: null, phrase: kept });
		}
		kept++;
	}
	if (verse.length < 2) throw new RangeError('keepTune needs a hummed tune of at least two notes');
	const lastNote = verse[verse.length - 1];
	const verseBars = verseBarsFor(lastNote.startTicks + lastNote.durationTicks, barTicks, maxVerseBars);
	const verseTicks = verseBars * barTicks;

	// The composer's 16-bar melody gives an 8-bar chorus (room for the lyric whatever the verse's
	// length); it moves by whole bars to follow the kept verse, so its metre is unchanged.
	const developed = composeMelody(
		{ motif: input.motif, key, tempoBpm: input.tempoBpm, timeSignature, rangeMidi: input.rangeMidi, bars: 16, seed: input.seed, candidate: input.candidate },
		options
	);
	const composedChorus = developed.sections[1];
	const composedChorusTicks = composedChorus.startBar * barTicks;
	const shiftTicks = verseTicks - composedChorusTicks;
	const chorus = developed.melody.filter((n) => n.startTicks >= composedChorusTicks).map((n) => ({ ...n, startTicks: n.startTicks + shiftTicks }));
	const firstChorusPhrase = Math.min(...chorus.map((n) => n.phrase));
	const melody = [...verse, ...chorus.map((n) => ({ ...n, phrase: n.phrase - firstChorusPhrase + kept }))];

	const form = melodicScaleForm(key);
	const keptSummaries: PhraseSummary[] = Array.from({ length: kept }, (_, index) => {
		const inPhrase = verse.filter((n) => n.phrase === index);
		const startBar = Math.floor(inPhrase[0].startTicks / barTicks);
		const end = inPhrase[inPhrase.length - 1];
		return {
			index,
			startBar,
			bars: Math.max(1, Math.ceil((end.startTicks + end.durationTicks) / barTicks) - startBar),
			cadence: 'closed',
			endDegree: scaleDegreeOf(end.midiPitch, key, form) ?? 0
		};
	});
	const chorusSummaries = developed.phrases
		.filter((p) => p.startBar >= composedChorus.startBar)
		.map((p) => ({ ...p, index: p.index - firstChorusPhrase + kept, startBar: p.startBar - composedChorus.startBar + verseBars }));
	// The composer judged its chorus against its own verse; here the verse is the hummed one.
	const warnings = developed.warnings.filter((w) => w.code !== 'chorus-not-higher');
	const versePeak = Math.max(...verse.map((n) => n.midiPitch));
	if (chorus.length > 0 && Math.max(...chorus.map((n) => n.midiPitch)) <= versePeak) {
		warnings.push(songWarning('chorus-not-higher', {}));
	}
	if (kept < phrases.length) {
		warnings.push(
			songWarning(
				'tune-shortened',
				{ kept, hummed: phrases.length, bars: verseBars }
			)
		);
	}
	return {
		...developed,
		melody,
		sections: [
			{ ...developed.sections[0], startBar: 0, bars: verseBars },
			{ ...composedChorus, startBar: verseBars }
		],
		warnings,
		phrases: [...keptSummaries, ...chorusSummaries],
		statements: developed.statements
			.filter((s) => s.startTicks >= composedChorusTicks)
			.map((s) => ({ ...s, startTicks: s.startTicks + shiftTicks, phrase: s.phrase - firstChorusPhrase + kept })),
		verseBars,
		keptPhrases: kept,
		hummedPhrases: phrases.length
	};
}
