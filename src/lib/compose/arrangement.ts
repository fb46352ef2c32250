/**
 * The backing for a song: drums, bass, comping chords and a pad, from the song's chords, form and
 * style (presets in styles.ts), as timed events in seconds for the Tone.js renderer. The same song
 * and seed always give the same backing. Nothing sounds after the last chord ends; the last chord
 * is the ending — struck once and held, with a crash.
 */
import { BACKING_INSTRUMENTS, type BackingEvent, type BackingInstrument, type BackingScore, type BackingTrack } from '../song/backing-types';
import { sectionInstrumentGainsDb } from '../song/instrument-settings';
import { secondsToTicks, STYLE_NAMES, ticksToSeconds, type Song, type SongChord, type StyleName } from '../song/types';
import { planForm, sectionOfEachBar, type SongForm } from './arrangement-form';
import { bassPart } from './arrangement-bass';
import { drumsPart, type DrumGrooves } from './arrangement-drums';
import { chordsPart, padPart } from './arrangement-keys';
import type { TickNote } from './arrangement-pattern';
import { seededRandom } from './arrangement-random';
import { STRAIGHT, type Swing } from './groove';
import { ARRANGEMENT_STYLES, TRIPLE_METRE, type ArrangementStyle } from './styles';

export type ArrangeInput = Pick<Song, 'chords' | 'sections' | 'tempoBpm' | 'timeSignature' | 'style' | 'key' | 'instruments'>;

export interface ArrangeOptions {
	/** Seed of the variations and velocity humanising (default 0). */
	seed?: number;
}

/** Quietest velocity written; softer notes would not be heard in the mix. */
const MIN_VELOCITY = 0.05;
/** Offsets that give each part its own random stream, so changing one part leaves the others as they were. */
const PART_SEED_STRIDE = 7919;

/**
 * Throws RangeError for a song without chords, with overlapping chords, or with a bad tempo, time
 * signature or style.
 *
 * Sections may have styles of their own and the instruments settings (mute, solo, level; see
 * song/instrument-settings.ts): the song is arranged whole in each style used, and each section
 * takes the notes that start in it from its style's arrangement, so a section's style changes
 * only that section's notes (the others are arranged exactly as before). An instrument gets one
 * track per sound it takes (patch and gain): one track each for a song without such settings
 * (the same score as before they existed), more where sections differ.
 */
export function arrange(song: ArrangeInput, options: ArrangeOptions = {}): BackingScore {
	const { seed = 0 } = options;
	if (!Number.isFinite(seed)) throw new RangeError(`seed ${seed} is not a finite number`);
	for (const style of [song.style, ...song.sections.map((s) => s.style ?? song.style)]) {
		if (!STYLE_NAMES.includes(style)) throw new RangeError(`style "${style}" is not one of ${STYLE_NAMES.join(', ')}`);
	}
	if (!(song.tempoBpm >= 20 && song.tempoBpm <= 400)) throw new RangeError(`tempoBpm ${song.tempoBpm} is outside [20, 400]`);
	const { beatsPerBar, beatUnit } = song.timeSignature;
	if (!(Number.isInteger(beatsPerBar) && beatsPerBar >= 1 && beatsPerBar <= 16 && [2, 4, 8, 16].includes(beatUnit))) {
		throw new RangeError(`timeSignature ${beatsPerBar}/${beatUnit} is outside 1–16 beats of 2, 4, 8 or 16`);
	}
	const chords = checkedChords(song.chords);
	const form = planForm(chords, song.sections, song.timeSignature);
	const durationSeconds = ticksToSeconds(form.endTicks, song.tempoBpm);
	const barSection = sectionOfEachBar(song.sections, form.bars.length);
	// Bars before the first section (none in an edited song) count as the first section's.
	const sectionAt = (ticks: number): number => Math.max(song.sections.length > 0 ? 0 : -1, barSection[Math.min(barSection.length - 1, Math.max(0, Math.floor(ticks / form.barTicks)))] ?? -1);
	const styleOf = (section: number): StyleName => song.sections[section]?.style ?? song.style;
	const gainsOf = song.sections.map((section) => sectionInstrumentGainsDb(song, section));
	const noSection = sectionInstrumentGainsDb(song, {});

	const partsByStyle = new Map<StyleName, Record<BackingInstrument, TickNote[]>>();
	const partsIn = (style: StyleName) => {
		let parts = partsByStyle.get(style);
		if (!parts) partsByStyle.set(style, (parts = stylePartsFor(song, chords, form, style, seed)));
		return parts;
	};

	const tracks: BackingTrack[] = [];
	for (const instrument of BACKING_INSTRUMENTS) {
		// One group of sections per sound, in the order the sections first use it.
		const groups = new Map<string, { patch: string; gainDb: number; sections: Set<number> }>();
		const sectionIndices = song.sections.length > 0 ? song.sections.map((_, i) => i) : [-1];
		for (const section of sectionIndices) {
			const levelDb = (section >= 0 ? gainsOf[section] : noSection)[instrument];
			if (levelDb === -Infinity) continue;
			const preset = ARRANGEMENT_STYLES[styleOf(section)][instrument];
			const gainDb = preset.gainDb + levelDb;
			const key = `${preset.patch}\0${gainDb}`;
			const group = groups.get(key) ?? { patch: preset.patch, gainDb, sections: new Set<number>() };
			group.sections.add(section);
			groups.set(key, group);
		}
		for (const group of groups.values()) {
			const notes = [...group.sections].flatMap((section) => partsIn(styleOf(section))[instrument].filter((n) => sectionAt(n.startTicks) === section));
			tracks.push({ instrument, patch: group.patch, gainDb: group.gainDb, events: toSeconds(notes, song.tempoBpm, durationSeconds) });
		}
	}
	return { style: song.style, tempoBpm: song.tempoBpm, durationSeconds, tracks };
}

/** The four parts of the whole song arranged in one style (each part with its own random stream). */
function stylePartsFor(song: ArrangeInput, chords: SongChord[], form: SongForm, styleName: StyleName, seed: number): Record<BackingInstrument, TickNote[]> {
	const style = ARRANGEMENT_STYLES[styleName];
	const metre = metrePatterns(style, song.timeSignature.beatsPerBar, song.timeSignature.beatUnit);
	const random = (part: number): (() => number) => seededRandom(seed + PART_SEED_STRIDE * part);
	const strumTicks = secondsToTicks(style.chords.strumSeconds, song.tempoBpm);
	return {
		drums: drumsPart(form, style.drums, metre.drums, metre.swing, random(1)),
		bass: bassPart(form, chords, song.key, style.bass, metre.bass, metre.swing, random(2)),
		chords: chordsPart(form, chords, style.chords, metre.chords, metre.swing, strumTicks, random(3)),
		pad: padPart(form, chords, style.pad)
	};
}

function checkedChords(chords: readonly SongChord[]): SongChord[] {
	if (chords.length === 0) throw new RangeError('chords is empty: the arranger needs at least one chord');
	const sorted = [...chords].sort((a, b) => a.startTicks - b.startTicks);
	sorted.forEach((c, i) => {
		if (!(c.startTicks >= 0 && c.durationTicks > 0)) throw new RangeError(`chord ${i} at ${c.startTicks} ticks has duration ${c.durationTicks}: start must be ≥ 0, duration > 0`);
		if (!(Number.isInteger(c.rootPitchClass) && c.rootPitchClass >= 0 && c.rootPitchClass <= 11)) throw new RangeError(`chord ${i} rootPitchClass ${c.rootPitchClass} is outside the integers 0–11`);
		const next = sorted[i + 1];
		if (next && next.startTicks < c.startTicks + c.durationTicks) throw new RangeError(`chord ${i} (${c.startTicks}+${c.durationTicks} ticks) overlaps the next one at ${next.startTicks}`);
	});
	return sorted;
}

/** The style's patterns for the song's metre: its own for 4/4 (and other metres, cut or repeated), the shared triple ones for 3/4 and x/8 in threes. */
function metrePatterns(style: ArrangementStyle, beatsPerBar: number, beatUnit: number): { drums: DrumGrooves; bass: { light: string; full: string }; chords: { light: string; full: string }; swing: Swing } {
	const triple = beatUnit === 4 && beatsPerBar === 3 ? TRIPLE_METRE['3/4'] : beatUnit === 8 && beatsPerBar % 3 === 0 ? TRIPLE_METRE['6/8'] : null;
	if (!triple) return { drums: style.drums, bass: style.bass, chords: style.chords, swing: style.swing };
	// An arpeggio style keeps its arpeggio (cut to the bar); block-chord styles take the waltz comp.
	const arpeggio = /\d/.test(style.chords.light);
	return { drums: triple, bass: triple.bass, chords: arpeggio ? style.chords : triple.chords, swing: STRAIGHT };
}

function toSeconds(notes: readonly TickNote[], tempoBpm: number, durationSeconds: number): BackingEvent[] {
	return notes
		.map((n) => {
			const timeSeconds = ticksToSeconds(n.startTicks, tempoBpm);
			const endSeconds = Math.min(durationSeconds, ticksToSeconds(n.startTicks + n.durationTicks, tempoBpm));
			return { timeSeconds, durationSeconds: endSeconds - timeSeconds, midiPitch: n.midiPitch, velocity: Math.min(1, Math.max(MIN_VELOCITY, n.velocity)) };
		})
		.filter((e) => e.durationSeconds > 0 && e.timeSeconds < durationSeconds)
		.sort((a, b) => a.timeSeconds - b.timeSeconds || a.midiPitch - b.midiPitch);
}
