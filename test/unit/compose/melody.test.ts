import { describe, expect, it } from 'vitest';
import { composeCandidates, composeMelody } from '../../../src/lib/compose/melody';
import type { ComposedMelody, ComposeMelodyInput, ComposeMelodyOptions, MelodicMotif } from '../../../src/lib/compose/melody-types';
import { motifFromHum } from '../../../src/lib/compose/motif-from-hum';
import { stockMotif } from '../../../src/lib/compose/motif-stock';
import { PPQ, ticksPerBar, type SongKey, type SongNote, type TimeSignature } from '../../../src/lib/song/types';
import { hummedNotes } from '../../helpers/hum-notes';

// Ground truth written independently of the composer's own helpers: scales, spelling and rules below.
const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR = [0, 2, 3, 5, 7, 8, 10];
const mod12 = (n: number) => ((n % 12) + 12) % 12;
const fromTonic = (midi: number, key: SongKey) => mod12(midi - key.tonicPitchClass);

/** Degree 1..7, the raised 7th of minor counted as 7; null for chromatic notes. */
function degree(midi: number, key: SongKey): number | null {
	const pc = fromTonic(midi, key);
	const scale = key.mode === 'major' ? MAJOR : NATURAL_MINOR;
	const i = scale.indexOf(pc);
	if (i >= 0) return i + 1;
	return key.mode === 'minor' && pc === 11 ? 7 : null;
}

/** Absolute diatonic position (octave × 7 + degree − 1) of an in-key note, for spelling and transposition. */
function diatonic(midi: number, key: SongKey): number | null {
	const d = degree(midi, key);
	if (d === null) return null;
	const octave = Math.floor((midi - key.tonicPitchClass) / 12);
	// The raised 7th (11 semitones above the tonic) sits in the tonic's octave like the natural 7th.
	return octave * 7 + d - 1;
}

/** Augmented or diminished, by spelling: generic size from scale positions, quality from semitones. */
function isAugmentedOrDiminished(a: number, b: number, key: SongKey): boolean {
	const semis = Math.abs(b - a);
	if (semis === 6) return true;
	const da = diatonic(a, key);
	const db = diatonic(b, key);
	if (da === null || db === null) return false;
	const generic = Math.abs(db - da);
	const simple = semis - 12 * Math.floor(generic / 7);
	const plain = [[0], [1, 2], [3, 4], [5], [7], [8, 9], [10, 11]][generic % 7];
	return !plain.includes(simple);
}

function widened(range: { low: number; high: number }): { low: number; high: number } {
	const width = range.high - range.low;
	if (width >= 9) return range;
	const extra = 9 - width;
	return { low: range.low - Math.floor(extra / 2), high: range.high + Math.ceil(extra / 2) };
}

const hum = hummedNotes;

interface Case {
	name: string;
	input: Omit<ComposeMelodyInput, 'seed'>;
	/** The motif whose interval pattern must appear (after the composer's adaptation, these are all clean). */
	motif: MelodicMotif;
	options?: ComposeMelodyOptions;
}

const C_MAJOR: SongKey = { tonicPitchClass: 0, mode: 'major' };
const A_MINOR: SongKey = { tonicPitchClass: 9, mode: 'minor' };
const EB_MAJOR: SongKey = { tonicPitchClass: 3, mode: 'major' };
const FS_MINOR: SongKey = { tonicPitchClass: 6, mode: 'minor' };
const G_MAJOR: SongKey = { tonicPitchClass: 7, mode: 'major' };
const FOUR_FOUR: TimeSignature = { beatsPerBar: 4, beatUnit: 4 };
const THREE_FOUR: TimeSignature = { beatsPerBar: 3, beatUnit: 4 };

// A hummed A-minor figure: E D C B C (quarter, eighth, eighth, quarter, quarter) at 100 bpm, 30 cents sharp.
const hummedMinor = motifFromHum({ notes: hum([[64, 1], [62, 0.5], [60, 0.5], [59, 1], [60, 1]], 100, 30), tempoBpm: 100, key: A_MINOR, tuningCents: 30 })!;
// A two-bar G-major figure with a leap of a sixth that steps back: G4 E5 D5 B4 | C5 A4 G4.
const longMajor: MelodicMotif = {
	key: G_MAJOR,
	tempoBpm: 90,
	source: 'hum',
	lengthTicks: 2 * 1920,
	notes: [
		{ offsetTicks: 0, durationTicks: 480, midiPitch: 67 },
		{ offsetTicks: 480, durationTicks: 480, midiPitch: 76 },
		{ offsetTicks: 960, durationTicks: 480, midiPitch: 74 },
		{ offsetTicks: 1440, durationTicks: 480, midiPitch: 71 },
		{ offsetTicks: 1920, durationTicks: 720, midiPitch: 72 },
		{ offsetTicks: 2640, durationTicks: 240, midiPitch: 69 },
		{ offsetTicks: 2880, durationTicks: 960, midiPitch: 67 }
	]
};

const CASES: Case[] = [
	{
		name: 'C major, stock motif, comfortable range, 16 bars',
		input: { motif: null, key: C_MAJOR, tempoBpm: 90, rangeMidi: { low: 55, high: 72 }, bars: 16 },
		motif: stockMotif(C_MAJOR)
	},
	{
		name: 'A minor, hummed motif, narrow range (widened), 8 bars',
		input: { motif: hummedMinor, key: A_MINOR, tempoBpm: 100, rangeMidi: { low: 57, high: 63 }, bars: 8 },
		motif: hummedMinor
	},
	{
		name: 'Eb major, stock motif, 3/4, wide range, 12 bars',
		input: { motif: null, key: EB_MAJOR, tempoBpm: 110, timeSignature: THREE_FOUR, rangeMidi: { low: 53, high: 77 }, bars: 12 },
		motif: stockMotif(EB_MAJOR, { timeSignature: THREE_FOUR })
	},
	{
		name: 'F# minor, stock motif, low voice, 132 bpm, 16 bars',
		input: { motif: null, key: FS_MINOR, tempoBpm: 132, rangeMidi: { low: 43, high: 57 }, bars: 16 },
		motif: stockMotif(FS_MINOR)
	},
	{
		// Its peak is the top of the range: only a move along the scale leaves the chorus room to climb.
		name: 'G major, two-bar motif with a recovered sixth, 10 bars, moved by scale degrees',
		input: { motif: longMajor, key: G_MAJOR, tempoBpm: 80, rangeMidi: { low: 60, high: 76 }, bars: 10 },
		motif: longMajor,
		options: { motifTransposition: 'scale-degree' }
	}
];

const SEEDS = Array.from({ length: 50 }, (_, i) => i * 7919 + 3);

interface Stats {
	melodies: number;
	notes: number;
	outOfKey: number;
	minInKeyRatio: number;
	intervals: number;
	steps: number;
	leapsOverFifth: number;
	largestLeap: number;
	chorusRises: number[];
	kinds: Map<string, number>;
}
const stats: Stats = { melodies: 0, notes: 0, outOfKey: 0, minInKeyRatio: 1, intervals: 0, steps: 0, leapsOverFifth: 0, largestLeap: 0, chorusRises: [], kinds: new Map() };

/** Every property the brief asks of a melody; returns the first failure as text, or null. */
function check(c: Case, result: ComposedMelody): string | null {
	const { key, tempoBpm, bars = 16 } = c.input;
	const ts = c.input.timeSignature ?? FOUR_FOUR;
	const bar = ticksPerBar(ts);
	const songTicks = bars * bar;
	const strong = ts.beatsPerBar % 2 === 0 ? [0, bar / 2] : [0];
	const minNote = tempoBpm <= 120 ? PPQ / 4 : PPQ / 2;
	const notes: SongNote[] = result.melody;
	if (notes.length < bars) return `only ${notes.length} notes`;
	const range = widened(c.input.rangeMidi);

	// Range ±2.
	for (const n of notes) if (n.midiPitch < range.low - 2 || n.midiPitch > range.high + 2) return `note ${n.midiPitch} outside ${range.low}–${range.high} ±2`;
	// In key ≥ 95 %.
	const outOfKey = notes.filter((n) => degree(n.midiPitch, key) === null).length;
	const inKeyRatio = 1 - outOfKey / notes.length;
	if (inKeyRatio < 0.95) return `in-key ratio ${inKeyRatio.toFixed(3)}`;
	// Intervals.
	for (let i = 1; i < notes.length; i++) {
		const a = notes[i - 1].midiPitch;
		const b = notes[i].midiPitch;
		if (Math.abs(b - a) > 12) return `leap ${b - a} at ${i}`;
		if (b !== a && isAugmentedOrDiminished(a, b, key)) return `augmented/diminished ${a}→${b} at ${i}`;
		if (Math.abs(b - a) > 7) {
			const next = notes[i + 1];
			if (!next) return 'melody ends on a leap larger than a fifth';
			const back = next.midiPitch - b;
			if (!(Math.sign(back) === -Math.sign(b - a) && Math.abs(back) >= 1 && Math.abs(back) <= 2)) return `leap ${b - a} at ${i} not recovered (${back})`;
		}
	}
	// Rhythm: in order, no overlaps, inside the bars, on the sixteenth grid, long enough.
	for (let i = 0; i < notes.length; i++) {
		const n = notes[i];
		if (n.startTicks % (PPQ / 4) !== 0 || n.durationTicks % (PPQ / 4) !== 0) return `note ${i} off the sixteenth grid`;
		if (n.durationTicks < minNote) return `note ${i} shorter than ${minNote} ticks`;
		if (n.startTicks + n.durationTicks > songTicks) return `note ${i} past the last bar`;
		if (i > 0 && n.startTicks < notes[i - 1].startTicks + notes[i - 1].durationTicks) return `note ${i} overlaps`;
		if (n.syllable !== null) return 'syllable set';
	}
	// Sections: verse + chorus covering the bars.
	const [verse, chorus] = result.sections;
	if (result.sections.length !== 2 || verse.kind !== 'verse' || chorus.kind !== 'chorus') return 'sections not verse + chorus';
	if (verse.startBar !== 0 || chorus.startBar !== verse.bars || verse.bars + chorus.bars !== bars) return 'sections do not tile the bars';
	if (bars === 16 && verse.bars !== 8) return 'a 16-bar melody should have an 8-bar verse';
	if (bars === 8 && verse.bars !== 4) return 'an 8-bar melody should have a 4-bar verse';
	// Phrases: contiguous indices, 2 or 4 bars, breath after each, cadences on strong beats and stable degrees.
	const phraseCount = Math.max(...notes.map((n) => n.phrase)) + 1;
	for (let p = 0; p < phraseCount; p++) {
		const inPhrase = notes.filter((n) => n.phrase === p);
		if (inPhrase.length === 0) return `phrase ${p} empty`;
		const first = inPhrase[0];
		const last = inPhrase[inPhrase.length - 1];
		if (first.startTicks % bar !== 0) return `phrase ${p} does not start on a bar line`;
		const next = notes.find((n) => n.phrase === p + 1);
		const phraseBars = ((next ? next.startTicks : songTicks) - first.startTicks) / bar;
		if (next && phraseBars !== 2 && phraseBars !== 4) return `phrase ${p} lasts ${phraseBars} bars`;
		const end = last.startTicks + last.durationTicks;
		if (next && next.startTicks - end < PPQ / 2) return `no breath after phrase ${p}`;
		if (!strong.includes(last.startTicks % bar)) return `phrase ${p} cadence at ${last.startTicks % bar} ticks into the bar`;
		const d = degree(last.midiPitch, key);
		const sectionEnd = result.sections.some((s) => (s.startBar + s.bars) * bar === (next ? next.startTicks : songTicks));
		const allowed = sectionEnd ? [1, 3, 5] : [1, 2, 3, 5, 7];
		if (d === null || !allowed.includes(d)) return `phrase ${p} ends on degree ${d}`;
	}
	const final = notes[notes.length - 1];
	if (degree(final.midiPitch, key) !== 1 || final.startTicks % bar !== 0) return 'last note not the tonic on a downbeat';
	// The motif's interval pattern, exactly or as a diatonic transposition.
	const motifPitches = c.motif.notes.map((n) => n.midiPitch);
	const exact = motifPitches.slice(1).map((p, i) => p - motifPitches[i]);
	const motifSteps = motifPitches.map((p) => diatonic(p, c.motif.key)!);
	const stepPattern = motifSteps.slice(1).map((s, i) => s - motifSteps[i]);
	let found = false;
	for (let i = 0; i + motifPitches.length <= notes.length && !found; i++) {
		const window = notes.slice(i, i + motifPitches.length).map((n) => n.midiPitch);
		const semis = window.slice(1).map((p, j) => p - window[j]);
		const positions = window.map((p) => diatonic(p, key));
		const steps = positions.every((s) => s !== null) ? positions.slice(1).map((s, j) => s! - positions[j]!) : null;
		found = semis.every((s, j) => s === exact[j]) || (steps !== null && steps.every((s, j) => s === stepPattern[j]));
	}
	if (!found) return 'motif interval pattern not found';

	// Statistics for the summary.
	stats.melodies++;
	stats.notes += notes.length;
	stats.outOfKey += outOfKey;
	stats.minInKeyRatio = Math.min(stats.minInKeyRatio, inKeyRatio);
	for (let i = 1; i < notes.length; i++) {
		const size = Math.abs(notes[i].midiPitch - notes[i - 1].midiPitch);
		stats.intervals++;
		if (size <= 2) stats.steps++;
		if (size > 7) stats.leapsOverFifth++;
		stats.largestLeap = Math.max(stats.largestLeap, size);
	}
	const chorusStart = chorus.startBar * bar;
	const versePeak = Math.max(...notes.filter((n) => n.startTicks < chorusStart).map((n) => n.midiPitch));
	const chorusPeak = Math.max(...notes.filter((n) => n.startTicks >= chorusStart).map((n) => n.midiPitch));
	stats.chorusRises.push(chorusPeak - versePeak);
	for (const s of result.statements) stats.kinds.set(s.kind, (stats.kinds.get(s.kind) ?? 0) + 1);
	return null;
}

describe('composeMelody', () => {
	for (const c of CASES) {
		it(`keeps every rule for 50 seeds × 2 candidates: ${c.name}`, () => {
			const failures: string[] = [];
			let climbing = 0;
			let total = 0;
			for (const seed of SEEDS) {
				for (const result of composeCandidates({ ...c.input, seed }, 2, c.options)) {
					const problem = check(c, result);
					if (problem) failures.push(`seed ${seed} candidate ${result.candidate}: ${problem}`);
					const bar = ticksPerBar(c.input.timeSignature ?? FOUR_FOUR);
					const chorusStart = result.sections[1].startBar * bar;
					const verse = result.melody.filter((n) => n.startTicks < chorusStart).map((n) => n.midiPitch);
					const chorus = result.melody.filter((n) => n.startTicks >= chorusStart).map((n) => n.midiPitch);
					total++;
					if (Math.max(...chorus) > Math.max(...verse)) climbing++;
					else expect(result.warnings.map((w) => w.code)).toContain('chorus-not-higher');
				}
			}
			expect(failures.slice(0, 5)).toEqual([]);
			// The chorus peaks above the verse (the rare exception is announced in warnings, checked above).
			expect(climbing / total).toBeGreaterThanOrEqual(0.95);
		});
	}

	it('develops the motif in several ways: every kind appears, and each 16-bar melody uses at least two', () => {
		const kinds = new Set<string>();
		for (const seed of SEEDS) {
			const result = composeMelody({ ...CASES[0].input, seed });
			const used = new Set(result.statements.map((s) => s.kind));
			expect(used.size).toBeGreaterThanOrEqual(2);
			for (const k of used) kinds.add(k);
			// The first statement is the motif itself, at the start of the song.
			expect(result.statements[0]).toMatchObject({ kind: 'repeat', startTicks: 0, transposeSteps: 0 });
		}
		expect([...kinds].sort()).toEqual(['augmentation', 'fragment', 'inversion', 'repeat', 'rhythm', 'sequence']);
	});

	it('is reproducible: the same seed and candidate give byte-identical output; other candidates differ', () => {
		for (const c of CASES) {
			const input = { ...c.input, seed: 424242 };
			const a = JSON.stringify(composeMelody({ ...input, candidate: 3 }));
			const b = JSON.stringify(composeMelody({ ...input, candidate: 3 }));
			expect(a).toBe(b);
			const batch = composeCandidates(input, 5);
			expect(JSON.stringify(batch[3])).toBe(a);
			const melodies = batch.map((r) => JSON.stringify(r.melody));
			expect(new Set(melodies).size).toBe(5);
			// Asking from candidate 2 gives the same candidates 2..4.
			expect(composeCandidates({ ...input, candidate: 2 }, 3).map((r) => JSON.stringify(r))).toEqual(batch.slice(2).map((r) => JSON.stringify(r)));
			// Another seed gives another melody.
			expect(JSON.stringify(composeMelody({ ...input, seed: 424243 }).melody)).not.toBe(melodies[0]);
		}
	});

	it('widens a range narrower than a sixth symmetrically and says so', () => {
		const result = composeMelody({ motif: null, key: C_MAJOR, tempoBpm: 90, rangeMidi: { low: 60, high: 64 }, seed: 5 });
		expect(result.rangeMidi).toEqual({ low: 58, high: 67 });
		expect(result.warnings.some((w) => w.code === 'range-widened')).toBe(true);
		const wide = composeMelody({ motif: null, key: C_MAJOR, tempoBpm: 90, rangeMidi: { low: 55, high: 72 }, seed: 5 });
		expect(wide.rangeMidi).toEqual({ low: 55, high: 72 });
		expect(wide.warnings).toEqual([]);
	});

	it('makes the chorus climb: its peak is above the verse peak on average by at least two semitones', () => {
		const rises = SEEDS.map((seed) => {
			const r = composeMelody({ ...CASES[0].input, seed });
			const chorusStart = r.sections[1].startBar * 1920;
			const peak = (from: number, to: number) => Math.max(...r.melody.filter((n) => n.startTicks >= from && n.startTicks < to).map((n) => n.midiPitch));
			return peak(chorusStart, Infinity) - peak(0, chorusStart);
		});
		expect(Math.min(...rises)).toBeGreaterThan(0);
		expect(rises.reduce((a, b) => a + b, 0) / rises.length).toBeGreaterThanOrEqual(2);
	});

	it('adapts a motif too quick for the tempo: notes under an eighth at 150 bpm are absorbed, off-grid onsets snapped', () => {
		const quick: MelodicMotif = {
			key: C_MAJOR,
			tempoBpm: 150,
			source: 'hum',
			lengthTicks: 1440,
			notes: [
				{ offsetTicks: 0, durationTicks: 120, midiPitch: 60 },
				{ offsetTicks: 120, durationTicks: 120, midiPitch: 62 },
				{ offsetTicks: 250, durationTicks: 470, midiPitch: 64 },
				{ offsetTicks: 720, durationTicks: 720, midiPitch: 67 }
			]
		};
		for (const seed of SEEDS.slice(0, 10)) {
			const result = composeMelody({ motif: quick, key: C_MAJOR, tempoBpm: 150, rangeMidi: { low: 55, high: 72 }, bars: 8, seed });
			expect(result.warnings.some((w) => w.code === 'motif-notes-dropped')).toBe(true);
			for (const n of result.melody) {
				expect(n.startTicks % 240).toBe(0);
				expect(n.durationTicks).toBeGreaterThanOrEqual(240);
			}
			// The surviving motif C E G (the D absorbed) opens the song.
			expect(result.melody.slice(0, 3).map((n) => n.midiPitch - result.melody[0].midiPitch)).toEqual([0, 4, 7]);
		}
	});

	it('rejects out-of-range input with RangeErrors naming the value', () => {
		const base: ComposeMelodyInput = { motif: null, key: C_MAJOR, tempoBpm: 90, rangeMidi: { low: 55, high: 72 }, seed: 1 };
		expect(() => composeMelody({ ...base, bars: 9 })).toThrow(/bars must be an even integer in \[8, 16\], got 9/);
		expect(() => composeMelody({ ...base, bars: 18 })).toThrow(RangeError);
		expect(() => composeMelody({ ...base, tempoBpm: 0 })).toThrow(/tempoBpm/);
		expect(() => composeMelody({ ...base, rangeMidi: { low: 70, high: 60 } })).toThrow(/rangeMidi.high/);
		expect(() => composeMelody({ ...base, candidate: -1 })).toThrow(/candidate/);
		expect(() => composeMelody({ ...base, seed: 1.5 })).toThrow(/seed/);
		expect(() => composeMelody({ ...base, key: { tonicPitchClass: 12, mode: 'major' } })).toThrow(/tonicPitchClass/);
		expect(() => composeCandidates(base, 0)).toThrow(/count/);
		expect(() => composeMelody(base, { maxRepeatedNotes: 0 })).toThrow(/maxRepeatedNotes/);
		expect(() => composeMelody(base, { maxMotifBars: 9 })).toThrow(/maxMotifBars/);
		expect(() => composeMelody(base, { motifTransposition: 'sideways' as 'octave' })).toThrow(/motifTransposition/);
	});

	it('by default moves the motif by octaves only, brings it back literally in the chorus, and never repeats a pitch more than 3 times running', () => {
		for (const c of CASES.slice(0, 4)) {
			for (const seed of SEEDS.slice(0, 10)) {
				const result = composeMelody({ ...c.input, seed });
				const bar = ticksPerBar(c.input.timeSignature ?? FOUR_FOUR);
				const chorusStart = result.sections[1].startBar * bar;
				for (const s of result.statements) if (s.kind !== 'inversion') expect(s.transposeSteps % 7, `${c.name} seed ${seed} ${s.kind}`).toBe(0);
				expect(result.statements.some((s) => s.startTicks >= chorusStart && s.kind === 'repeat'), `${c.name} seed ${seed}`).toBe(true);
				let run = 1;
				result.melody.forEach((n, i) => {
					run = i > 0 && n.midiPitch === result.melody[i - 1].midiPitch ? run + 1 : 1;
					expect(run, `${c.name} seed ${seed}`).toBeLessThanOrEqual(3);
				});
			}
		}
	});

	it('moves the motif along the scale (sequences) when asked for scale-degree transposition', () => {
		const moved = SEEDS.slice(0, 10).flatMap((seed) => composeMelody({ ...CASES[0].input, seed }, { motifTransposition: 'scale-degree' }).statements);
		expect(moved.some((s) => s.kind === 'sequence' && s.transposeSteps % 7 !== 0)).toBe(true);
	});

	it('prints a summary of the measured figures', () => {
		// Runs after the property tests above (vitest runs a file's tests in order).
		expect(stats.melodies).toBeGreaterThan(0);
		const rises = stats.chorusRises;
		console.log(
			[
				`melodies ${stats.melodies}`,
				`notes ${stats.notes}`,
				`in-key ratio ${(1 - stats.outOfKey / stats.notes).toFixed(4)} (min per melody ${stats.minInKeyRatio.toFixed(3)})`,
				`step ratio (<= 2 semitones) ${(stats.steps / stats.intervals).toFixed(3)}`,
				`leaps > fifth ${((100 * stats.leapsOverFifth) / stats.intervals).toFixed(2)} per 100 intervals`,
				`largest leap ${stats.largestLeap} semitones`,
				`chorus rise mean ${(rises.reduce((a, b) => a + b, 0) / rises.length).toFixed(2)} semitones, min ${Math.min(...rises)}`,
				`development kinds ${[...stats.kinds].map(([k, n]) => `${k}:${n}`).join(' ')}`
			].join('\n')
		);
	});
});
