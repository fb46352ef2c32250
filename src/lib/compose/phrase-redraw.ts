/**
 * "Another melody for this phrase": one phrase of a finished song drawn again by the composer's own
 * phrase builder (melody-phrase.ts), everything else kept. The phrase keeps its place (its first
 * note's start to its last note's end, so the breaths around it and the phrases before and after
 * sound as before), its syllables (set again by the lyric fitter, lyrics-fit.ts), the song's
 * chords, key and range; it joins the notes before and after it by the singability rules, and a
 * Cantonese phrase is bent to its tones as a composed one is (tone-adapt.ts). Among a few drafts
 * the one whose strong notes sit best on the chords under them wins.
 *
 * The song does not keep the hummed motif, so the phrase is developed from the song's own opening
 * (its first phrase's first bar, or two), which is where the composer stated the motif.
 */
import { LyricsError } from '../lyrics/types';
import { PPQ, ticksPerBar, type Song, type SongNote } from '../song/types';
import { chordPitchClasses, mod12 } from './chords';
import { fitLyricsToMelody } from './lyrics-fit';
import { longestRepeatedRun, melodyPhraseContext } from './melody';
import { findRuleViolations } from './melody-rules';
import type { MelodicMotif, MidiRange, PhraseCadence } from './melody-types';
import { buildPhrase, type DraftNote, type PhraseState } from './melody-phrase';
import type { PhrasePlan } from './phrase-plan';
import { createRng, mixSeed } from './random';
import { scaleDegreeOf } from './scale';
import { adaptMelodyToTones } from './tone-adapt';

export interface RedrawPhraseOptions {
	/** Phrase drafts tried before giving up (default 64). */
	maxAttempts?: number;
	/** Good drafts compared before the best is taken (default 3: few, so another seed gives another melody, not the same best one). */
	draftsCompared?: number;
}

/** The song's notes of phrase `phrase`: indices into its melody (contiguous: phrases run in time order). */
export function phraseNoteIndices(song: Song, phrase: number): number[] {
	return song.melody.flatMap((n, i) => (n.phrase === phrase ? [i] : []));
}

/** The song's opening as a motif: its first phrase's notes in their first bar (two when one holds fewer than two notes). */
function openingMotif(song: Song): MelodicMotif | null {
	const first = song.melody[0];
	if (!first) return null;
	const tpb = ticksPerBar(song.timeSignature);
	const barStart = Math.floor(first.startTicks / tpb) * tpb;
	for (const bars of [1, 2]) {
		const notes = song.melody.filter((n) => n.phrase === first.phrase && n.startTicks < barStart + bars * tpb);
		if (notes.length < 2) continue;
		const motifNotes = notes.map((n, i) => {
			const next = notes[i + 1];
			const end = Math.min(n.startTicks + n.durationTicks, next ? next.startTicks : Infinity);
			return { offsetTicks: n.startTicks - first.startTicks, durationTicks: Math.max(1, end - n.startTicks), midiPitch: n.midiPitch };
		});
		const last = motifNotes[motifNotes.length - 1];
		return { notes: motifNotes, lengthTicks: last.offsetTicks + last.durationTicks, key: song.key, tempoBpm: song.tempoBpm, source: 'hum' };
	}
	return null;
}

/**
 * The draft's notes held to the phrase's place: notes before `fromTicks` or from `toTicks` on are
 * left out (one that straddles the start keeps its part after it), and the last note lasts to
 * `toTicks`; null when nothing singable is left.
 */
function holdToPlace(notes: readonly DraftNote[], fromTicks: number, toTicks: number, minNoteTicks: number, phrase: number): SongNote[] | null {
	const kept: SongNote[] = [];
	for (const n of notes) {
		const start = Math.max(n.startTicks, fromTicks);
		const end = Math.min(n.startTicks + n.durationTicks, toTicks);
		if (end - start < minNoteTicks) continue;
		kept.push({ startTicks: start, durationTicks: end - start, midiPitch: n.midiPitch, syllable: null, phrase });
	}
	const last = kept[kept.length - 1];
	if (!last) return null;
	last.durationTicks = toTicks - last.startTicks;
	return kept;
}

/** Share of the notes (weighted by length, on-beat notes double) that are tones of the chord sounding at their start. */
function chordFit(notes: readonly SongNote[], song: Song, beatTicks: number): number {
	let fit = 0;
	let total = 0;
	for (const n of notes) {
		const chord = song.chords.find((c) => c.startTicks <= n.startTicks && n.startTicks < c.startTicks + c.durationTicks);
		const weight = n.durationTicks * (n.startTicks % beatTicks === 0 ? 2 : 1);
		total += weight;
		if (chord && chordPitchClasses(chord.rootPitchClass, chord.quality).includes(mod12(n.midiPitch))) fit += weight;
	}
	return total > 0 ? fit / total : 0;
}

const signature = (notes: readonly SongNote[]) => notes.map((n) => `${n.startTicks}/${n.durationTicks}/${n.midiPitch}`).join(',');

/**
 * The notes phrase `phrase` of `song` gets from draw `seed` (another seed, another melody), with
 * its syllables on them; null when no draft both differs from the phrase as it is and keeps every
 * rule. Throws RangeError when the song has no such phrase or it carries no syllable.
 */
export function redrawPhrase(song: Song, phrase: number, seed: number, options: RedrawPhraseOptions = {}): SongNote[] | null {
	const maxAttempts = options.maxAttempts ?? 64;
	const draftsCompared = options.draftsCompared ?? 3;
	const indices = phraseNoteIndices(song, phrase);
	if (indices.length === 0) throw new RangeError(`There is no phrase ${phrase + 1} in this song.`);
	const own = indices.map((i) => song.melody[i]);
	const syllables = own.flatMap((n) => (n.syllable ? [n.syllable] : []));
	if (syllables.length === 0) throw new RangeError(`Phrase ${phrase + 1} has no words: give its notes syllables first.`);
	const before = song.melody.slice(0, indices[0]);
	const after = song.melody.slice(indices[indices.length - 1] + 1);
	const fromTicks = own[0].startTicks;
	const toTicks = Math.max(...own.map((n) => n.startTicks + n.durationTicks));

	const pitches = song.melody.map((n) => n.midiPitch);
	const rangeMidi: MidiRange = { low: Math.min(...pitches), high: Math.max(...pitches) };
	const { ctx, options: composer } = melodyPhraseContext({
		motif: openingMotif(song),
		key: song.key,
		tempoBpm: Math.min(300, Math.max(30, song.tempoBpm)),
		timeSignature: song.timeSignature,
		rangeMidi,
		seed
	});
	const tpb = ctx.barTicks;
	const startBar = Math.floor(fromTicks / tpb);
	const sectionIndex = Math.max(0, song.sections.findIndex((s) => startBar >= s.startBar && startBar < s.startBar + s.bars));
	const section = song.sections[sectionIndex];
	const chorus = section?.kind === 'chorus';
	const soft = chorus ? ctx.softRange : { low: ctx.softRange.low, high: ctx.verseSoftHigh };
	const mean = own.reduce((s, n) => s + n.midiPitch, 0) / own.length;
	const lastDegree = scaleDegreeOf(own[own.length - 1].midiPitch, song.key);
	const cadence: PhraseCadence = after.length === 0 ? 'final' : lastDegree === 2 || lastDegree === 5 ? 'half' : 'closed';
	const plan: PhrasePlan = {
		index: phrase,
		section: chorus ? 'chorus' : 'verse',
		sectionIndex,
		startBar,
		// To the bar line at or after its last note's end (the builder leaves its breath before it; the last note then lasts to where the old one ended).
		bars: Math.max(1, Math.ceil(toTicks / tpb) - startBar),
		cadence,
		firstInSection: !before.some((n) => section && n.startTicks >= section.startBar * tpb),
		registerTarget: Math.min(1, Math.max(0, (mean - soft.low) / Math.max(1, soft.high - soft.low))),
		climax: false
	};
	// The motif has been heard by now (the song opened with it): every statement may develop it.
	const state: PhraseState = { lastTransposeSteps: 0, versePeakMidi: null, motifStated: true, previousStatements: [], restatePhrase: null };
	const history = before.slice(-2).map((n) => n.midiPitch);
	const next = after.slice(0, 2).map((n) => n.midiPitch);
	const maxRepeated = Math.max(composer.maxRepeatedNotes, longestRepeatedRun(pitches));
	const current = signature(own);

	let best: { notes: SongNote[]; score: number } | null = null;
	let compared = 0;
	for (let attempt = 0; attempt < maxAttempts && compared < draftsCompared; attempt++) {
		const rng = createRng(mixSeed(seed, phrase, attempt));
		const built = buildPhrase(ctx, plan, history, state, rng, { allowStatements: attempt % 4 !== 3 });
		if (!built) continue;
		const held = holdToPlace(built.notes, fromTicks, toTicks, ctx.minNoteTicks, phrase);
		if (!held) continue;
		let notes: SongNote[];
		try {
			notes = fitLyricsToMelody(held, syllables, song.timeSignature).notes;
		} catch (e) {
			if (e instanceof LyricsError) continue;
			throw e;
		}
		if (notes[0]?.syllable === null || notes.filter((n) => n.syllable).length !== syllables.length) continue;
		if (song.language === 'yue') notes = adaptMelodyToTones(notes, song.key, ctx.hardRange).notes;
		if (notes.some((n) => n.midiPitch < ctx.hardRange.low || n.midiPitch > ctx.hardRange.high)) continue;
		// Singable where it joins the line: no rule broken from its first note to the next phrase's second.
		const line = [...history, ...notes.map((n) => n.midiPitch), ...next];
		if (findRuleViolations(line, song.key).some((v) => v.index >= history.length && v.index < line.length - Math.max(0, next.length - 1))) continue;
		if (longestRepeatedRun(line) > maxRepeated) continue;
		if (signature(notes) === current) continue;
		compared++;
		const end = scaleDegreeOf(notes[notes.length - 1].midiPitch, song.key);
		const cadenceKept = cadence === 'final' ? end === 1 : cadence === 'half' ? end === 2 || end === 5 : end === 1 || end === 3 || end === 5;
		const score = chordFit(notes, song, (PPQ * 4) / song.timeSignature.beatUnit) + (cadenceKept ? 0.3 : 0) + 0.1 * rng.next();
		if (!best || score > best.score) best = { notes, score };
	}
	return best?.notes ?? null;
}

/** The phrase's notes of `song` replaced by `notes` (every other note the same object). */
export function withPhraseNotes(song: Song, phrase: number, notes: SongNote[]): Song {
	const indices = phraseNoteIndices(song, phrase);
	return { ...song, melody: [...song.melody.slice(0, indices[0]), ...notes, ...song.melody.slice(indices[indices.length - 1] + 1)] };
}
