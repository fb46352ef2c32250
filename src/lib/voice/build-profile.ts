/**
 * Building a voice profile from the reading part of a take: the prompt's syllables are aligned to
 * the recording (syllable-alignment.ts), the recording is analysed by the vocoder once
 * (reading-frames.ts), and each aligned syllable becomes a unit; timbre statistics are gathered
 * over the vowels. The alignment and the analysis's frame ranges are independent, so a build can run
 * them on several threads (`buildVoiceProfileInParts`).
 */
import { readLyrics } from '../lyrics/read-lyrics';
import type { Language } from '../take/types';
import type { F0Contour, FrameRange } from '../vocoder/types';
import { findBreaths } from './breaths';
import { cutRecordedOnset, isVoicedObstruent } from './recorded-onsets';
import { unvoiceFrication } from './frication-voicing';
import { alignSyllables, type AlignedSyllable } from './syllable-alignment';
import { assembleProfile, type VoiceProfile } from './profile';
import { framesNotIn, joinRuns, splitRuns } from './frame-runs';
import { analyzeReadingFrames, readingFramesFrom, sparseRangeOf, type ReadingFrames } from './reading-frames';
import { soundingFrameRuns } from './sounding-frames';
import { UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, encodeFramesWith, type VoiceUnit } from './voice-units';

export interface BuildProfileOptions {
	/** Hummed notes (MIDI pitches) for the singing range. */
	humMidiPitches?: number[];
	/** Vibrato habit measured from the hum, when known (default 5.5 Hz, 35 cents). */
	vibrato?: { rateHz: number; depthCents: number };
}

export function buildVoiceProfile(reading: Float32Array, sampleRate: number, language: Language, promptLines: string[], options: BuildProfileOptions = {}): VoiceProfile {
	const aligned = alignReading(reading, sampleRate, language, promptLines);
	return assembleReadingProfile(reading, language, aligned, analyzeReadingFrames(reading, sampleRate), options);
}

/** The prompt's syllables aligned to the reading (throws AlignmentError when they cannot be). */
export function alignReading(reading: Float32Array, sampleRate: number, language: Language, promptLines: string[]): AlignedSyllable[] {
	return alignSyllables(reading, sampleRate, promptLines.flatMap((line) => readLyrics(line, language)));
}

/**
 * Runs the parts of a build, possibly elsewhere (worker threads). Each is a pure function of its
 * inputs: `reading-frames.ts` and `alignReading`.
 */
export interface ReadingPartRunner {
	align(reading: Float32Array, sampleRate: number, language: Language, promptLines: string[]): Promise<AlignedSyllable[]>;
	f0(reading: Float32Array, sampleRate: number): Promise<F0Contour>;
	melCepstra(reading: Float32Array, sampleRate: number, f0: F0Contour, ranges: FrameRange[]): Promise<Float32Array>;
	sparseApBands(reading: Float32Array, sampleRate: number, f0: F0Contour, ranges: FrameRange[]): Promise<Float64Array>;
}

/** How a build in parts schedules its envelope and aperiodicity (`buildVoiceProfileInParts`). */
export interface PartsOptions {
	/** Groups of frames each of the envelope and the aperiodicity is analysed in (default 2). */
	parts?: number;
	/**
	 * Wait for the alignment and analyse only the frames units are cut from (`unitFrameRuns`). For a
	 * caller that keeps the thread the f0 leaves busy meanwhile (the analyze stage transcribes the
	 * hum there); otherwise that thread would idle, and the frames where the reading sounds
	 * (`soundingFrameRuns`) are analysed as soon as the f0 is known instead.
	 */
	analyseOnceAligned?: boolean;
}

/**
 * The same profile as `buildVoiceProfile`, its parts run by `runner`: the alignment beside the f0,
 * then the envelope and aperiodicity of the frames where the reading sounds (or, with
 * `analyseOnceAligned`, of the frames units are cut from) in `parts` groups of about equal size
 * each, then of any unit frame left out; the units are assembled here. On two free cores the song
 * bench's 60 s English and Mandarin takes were analysed (hum and voice) in 2.4 and 2.9 s this way
 * (medians of six, 2026-12-06); the whole build on one thread had taken 4.6–5.4 s.
 */
export async function buildVoiceProfileInParts(
	reading: Float32Array,
	sampleRate: number,
	language: Language,
	promptLines: string[],
	runner: ReadingPartRunner,
	options: BuildProfileOptions & PartsOptions = {}
): Promise<VoiceProfile> {
	const parts = options.parts ?? 2;
	if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a whole number ≥ 1; got ${parts}.`);
	const f0Known = runner.f0(reading, sampleRate);
	const aligning = runner.align(reading, sampleRate, language, promptLines);
	// A failure of either is reported by its await below, even while the other still runs.
	f0Known.catch(() => {});
	aligning.catch(() => {});
	let aligned = options.analyseOnceAligned ? await aligning : null;
	const f0 = await f0Known;
	const frames = f0.f0Hz.length;
	const fp = f0.framePeriodSeconds;
	const analyse = (runs: FrameRange[], sparseRuns: FrameRange[], groups: number) => ({
		// Aperiodicity first: the longer parts, so that no thread is left with one alone at the end.
		sparseBands: splitRuns(sparseRuns, groups).filter((g) => g.length > 0).map((ranges) => runner.sparseApBands(reading, sampleRate, f0, ranges)),
		melCepstra: splitRuns(runs, groups).filter((g) => g.length > 0).map((ranges) => runner.melCepstra(reading, sampleRate, f0, ranges))
	});
	const sparseOf = (runs: FrameRange[]) => joinRuns(runs.map((r) => sparseRangeOf(r, frames)), 0);
	const firstRuns = aligned ? unitFrameRuns(aligned, fp, frames) : soundingFrameRuns(reading, sampleRate, fp, frames);
	const firstSparse = sparseOf(firstRuns);
	const first = analyse(firstRuns, firstSparse, parts);
	for (const p of [...first.sparseBands, ...first.melCepstra]) p.catch(() => {});
	aligned ??= await aligning;
	// Unit frames the first runs left out (a syllable the aligner stretched into a pause): usually none.
	const unitRuns = unitFrameRuns(aligned, fp, frames);
	const restRuns = framesNotIn(unitRuns, firstRuns);
	const restSparse = framesNotIn(sparseOf(unitRuns), firstSparse);
	const rest = analyse(restRuns, restSparse, 1);
	const [sparseBands, melCepstra] = await Promise.all([
		Promise.all([...first.sparseBands, ...rest.sparseBands]).then((p) => joinRows(p, (n) => new Float64Array(n))),
		Promise.all([...first.melCepstra, ...rest.melCepstra]).then((p) => joinRows(p, (n) => new Float32Array(n)))
	]);
	return assembleReadingProfile(reading, language, aligned, readingFramesFrom(sampleRate, f0, [...firstRuns, ...restRuns], melCepstra, [...firstSparse, ...restSparse], sparseBands), options);
}

/** Fewest frames a unit is cut from: a shorter aligned syllable makes none. */
const MIN_UNIT_FRAMES = 4;

/** Frames [from, to) the unit of aligned syllable `a` is cut from; null where it makes none. */
export function unitFrameSpan(a: AlignedSyllable, fp: number, frameCount: number): FrameRange | null {
	const from = Math.max(0, Math.floor(a.startSeconds / fp));
	const to = Math.min(frameCount, Math.ceil(a.endSeconds / fp));
	return to - from >= MIN_UNIT_FRAMES ? { from, to } : null;
}

/**
 * Spans under this apart are analysed as one run, s: a few pause frames cost less than another
 * range's set-up, and the runs of a reading stay few (10–22 on the test readings, against 10–34
 * with none joined).
 */
const RUN_JOIN_SECONDS = 0.1;

/**
 * The frames the units are cut from, as ascending runs: every unit's span (`unitFrameSpan`), spans
 * less than RUN_JOIN_SECONDS apart joined. The units read no other frame's envelope or
 * aperiodicity, so the pauses need none: 5–18 % of a reading's frames on the test readings, more
 * where a take ends in silence.
 */
export function unitFrameRuns(aligned: AlignedSyllable[], fp: number, frameCount: number): FrameRange[] {
	const spans = aligned.map((a) => unitFrameSpan(a, fp, frameCount)).filter((r): r is FrameRange => r !== null);
	spans.sort((a, b) => a.from - b.from);
	return joinRuns(spans, Math.round(RUN_JOIN_SECONDS / fp));
}

/** The parts' rows, one after another. */
function joinRows<T extends Float32Array | Float64Array>(parts: T[], make: (length: number) => T): T {
	const out = make(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}

/** Each aligned syllable becomes a unit; timbre statistics are gathered over the vowels. */
export function assembleReadingProfile(reading: Float32Array, language: Language, aligned: AlignedSyllable[], frames: ReadingFrames, options: BuildProfileOptions = {}): VoiceProfile {
	const fp = frames.framePeriodSeconds;
	const frameCount = frames.f0Hz.length;
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const units: VoiceUnit[] = [];
	const vowelSums = new Map<string, { sum: Float64Array; count: number }>();
	for (const a of aligned) {
		const span = unitFrameSpan(a, fp, frameCount);
		if (!span) continue;
		const { from, to } = span;
		const coded = encodeFramesWith(frames.f0Hz, frames.melCepstrumOf, frames.apBandsOf, from, to);
		const s = a.syllable;
		// Frication the f0 tracker called voiced is sung as noise and recorded whole (frication-voicing.ts).
		const alignedNucleus = s.onset.length === 0 ? 0 : Math.max(0, Math.round(a.nucleusStartSeconds / fp) - from);
		unvoiceFrication(reading, frames.fs, fp, { onset: s.onset, nucleusStartFrame: alignedNucleus }, from, coded.f0Hz);
		// The vowel starts where the aligner put its nucleus, or at the first voiced frame after that:
		// sung vowels are held voiced, so they must not begin on the tail of a voiceless consonant.
		let nucleusStartFrame = Math.min(to - from - 2, alignedNucleus);
		while (nucleusStartFrame < to - from - 2 && !(coded.f0Hz[nucleusStartFrame] > 0)) nucleusStartFrame++;
		// The coda starts where the aligner put its first phone, leaving the vowel at least 2 frames.
		const codaPhone = a.phones.find((p) => p.role === 'coda');
		const codaStartFrame = codaPhone ? Math.max(nucleusStartFrame + 2, Math.min(to - from, Math.round(codaPhone.startSeconds / fp) - from)) : to - from;
		// A voiceless onset's recording is kept, to be sung as recorded (onset-splice.ts).
		const cut = cutRecordedOnset(reading, frames.fs, fp, { onset: s.onset, f0Hz: coded.f0Hz, nucleusStartFrame, codaStartFrame, voicedObstruentFrames: voicedObstruentFrames(a, from, nucleusStartFrame, fp) }, from);
		// A voiced consonant's high band is sung as recorded only when it is noise (a burst, frication): harmonics there
		// (an approximant "r", a "the" read as a glide) would sound at the reading's pitch over the note's.
		const recordedOnset = cut && (cut.band !== 'high' || meanHighAperiodicity(coded.apBands, cut.fromFrame, cut.toFrame) >= MIN_HIGH_BAND_APERIODICITY) ? cut : null;
		units.push({ language: s.language, reading: s.reading, onset: s.onset, nucleus: s.nucleus, coda: s.coda, tone: s.tone, stress: s.stress, nucleusStartFrame, codaStartFrame, ...coded, ...(recordedOnset ? { recordedOnset } : {}) });
		// Timbre: the vowel's frames (its first 70 %, before the glide into a coda).
		const vowelEnd = nucleusStartFrame + Math.max(1, Math.round(0.7 * (codaStartFrame - nucleusStartFrame)));
		const entry = vowelSums.get(s.nucleus[0]) ?? { sum: new Float64Array(order + 1), count: 0 };
		for (let i = nucleusStartFrame; i < vowelEnd; i++) {
			for (let q = 0; q <= order; q++) entry.sum[q] += coded.melCepstra[i * (order + 1) + q];
			entry.count++;
		}
		vowelSums.set(s.nucleus[0], entry);
	}
	return assembleProfile({
		language,
		fs: frames.fs,
		framePeriodSeconds: fp,
		fftSize: frames.fftSize,
		units,
		kind: 'reading',
		vowelMelCepstra: Object.fromEntries([...vowelSums].map(([vowel, e]) => [vowel, Array.from(e.sum, (v) => v / Math.max(1, e.count))])),
		hummedMidi: options.humMidiPitches,
		vibrato: options.vibrato,
		// The user's own inhalations in the reading's pauses, to start sung phrases with.
		breaths: findBreaths(reading, frames.fs, { f0Hz: frames.f0Hz, framePeriodSeconds: fp, spans: aligned })
	});
}

/**
 * Unit frames [from, to) of the onset's voiced obstruents as the aligner placed them (b of "bl",
 * ð of "the"), reaching the vowel when the onset ends in one; undefined when it has none.
 */
function voicedObstruentFrames(a: AlignedSyllable, unitStartFrame: number, nucleusStartFrame: number, fp: number): [number, number] | undefined {
	const onset = a.phones.filter((p) => p.role === 'onset');
	const first = onset.findIndex((p) => isVoicedObstruent(p.ipa));
	if (first < 0) return undefined;
	let last = first;
	while (last + 1 < onset.length && isVoicedObstruent(onset[last + 1].ipa)) last++;
	const from = Math.max(0, Math.round(onset[first].startSeconds / fp) - unitStartFrame);
	const to = last === onset.length - 1 ? nucleusStartFrame : Math.min(nucleusStartFrame, Math.round(onset[last].endSeconds / fp) - unitStartFrame);
	return to > from ? [from, to] : undefined;
}

/**
 * Least mean aperiodicity (0 periodic … 1 noise) at 3 and 6 kHz for a voiced consonant's recording
 * to be sung above 2 kHz. Measured on the 11 real voices' voiced onsets: bursts and frication
 * 0.7–1.0, a few approximant-like ones 0.3–0.45.
 */
const MIN_HIGH_BAND_APERIODICITY = 0.5;

/** Mean aperiodicity of the 3 and 6 kHz bands over frames [from, to) of coded bands (UNIT_AP_BAND_HZ per frame). */
function meanHighAperiodicity(apBands: Float32Array, from: number, to: number): number {
	const bands = UNIT_AP_BAND_HZ.length;
	const high = [UNIT_AP_BAND_HZ.indexOf(3000), UNIT_AP_BAND_HZ.indexOf(6000)];
	let sum = 0;
	for (let f = from; f < to; f++) for (const b of high) sum += apBands[f * bands + b];
	return sum / Math.max(1, (to - from) * high.length);
}
