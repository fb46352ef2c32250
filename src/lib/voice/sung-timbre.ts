/**
 * Singing timbre from a speaking voice: the envelopes of a sung phrase (cut from a reading) keep
 * the balance of speech, weaker above 0.5 kHz than the same person singing (issue 14 measured
 * 4–6 dB between 0.5 and 7.6 kHz). This step reshapes each voiced frame's power envelope before
 * synthesis the way singing changes a voice's spectrum. Consonants are not reshaped: given the
 * timeline's frame roles, each syllable's consonant frames (voiced or not) are moved only as far as
 * their own vowel was, below 1 kHz and above 2 kHz, so each keeps its spoken level against its
 * vowel (without roles, unvoiced frames are raised above 2 kHz as much as the phrase's voiced
 * frames were there).
 *
 * The gain shape of a frame, dB over frequency:
 * - Source tilt: harder, more adducted phonation in singing flattens the glottal source spectrum;
 *   its partials fall ~12 dB/octave in soft speech and ~9 dB/octave or less in loud voice, and
 *   H1 loses its lead over H2 (Gauffin & Sundberg 1989; Nordenberg & Sundberg 2004: the LTAS
 *   above 1 kHz rises faster than the overall level as the voice gets louder). So a rising tilt of
 *   SOURCE_TILT_DB_PER_OCTAVE from the frame's own fundamental up (harmonic n raised by
 *   tilt · log₂ n dB), flat above TILT_TOP_HZ so air noise and hiss are not lifted.
 * - Effort rising with pitch: singers sing high notes louder and brighter (the phonetogram's lower
 *   contour rises with f0; Titze 1992, Sundberg 1987), so per octave a note lies above the voice's
 *   speaking f0 the tilt steepens by TILT_PER_OCTAVE_ABOVE_SPEAKING dB/octave and the level rises
 *   by LEVEL_DB_PER_OCTAVE_ABOVE_SPEAKING dB (a note below speaking pitch gets less, down to half
 *   an octave's worth).
 * - Singer's-formant cluster: trained voices cluster F3–F5 into a peak near 2.5–3.5 kHz (Sundberg
 *   1974); untrained and pop singers show a weaker one. A gentle CLUSTER_DB on a raised-cosine
 *   band centred at 2.8 kHz (CLUSTER_BAND_HZ, log frequency), plus CLUSTER_PEAK_DB on the
 *   envelope's own peaks in that band in proportion to how far they stand above their
 *   surroundings (±LOCAL_MEAN_HZ): the voice's own F3/F4 come forward rather than a flat shelf.
 * - Vowel identity: formants are not moved with pitch (no formant tuning). Around each peak of the
 *   envelope the gain is held at the peak's own value (±PLATEAU_HZ) and eased back with zero slope
 *   and curvature there. That alone did not keep them: a rising gain turns any stretch where the
 *   envelope falls more gently than the gain rises (a shoulder, the slow fall from 0 Hz to a weak
 *   F1) into a rise, and a new peak appears at its end (on one real Mandarin voice 1266 of 2464
 *   sung vowel frames gained a local maximum below 5 kHz). So the scaled gain finally follows the
 *   envelope (`followEnvelope`): from bin to bin it may undo at most MAX_STEP_SHARE of the
 *   envelope's own step, rising freely where the envelope rises and hardly at all across a
 *   shoulder. Every bin then rises or falls as before: no peak or valley appears, goes or moves
 *   (a peak's height over its neighbours still changes with the tilt, so a peak picker's 2 dB
 *   threshold may count a weak one it passed over before, or pass over one it counted).
 *
 * Over a syllable: given roles, each syllable's vowel frames share one shape (the mean of their
 * own), so a diphthong's F2 glide is not reweighted frame by frame (`holdShapesOverSyllables`).
 *
 * How much: the shapes of all voiced frames are scaled together (each then following its
 * envelope) so that the phrase's balance
 * (voiced envelope energy 0.5–7.6 kHz over 0–0.5 kHz) rises by brightness × BALANCE_SHIFT_DB:
 * 0 leaves the speech balance, 1 (default) closes the gap the issue measured, 2 doubles it. A
 * fixed shape would move a low male voice twice as far as a high female one (measured: +11 vs
 * +5 dB), since so much more of a low voice's energy lies under 0.5 kHz. No bin is lifted more
 * than brightness × MAX_LIFT_DB above the frame's gain at 0 Hz: on a voice whose energy above
 * 0.5 kHz lies mostly under 1 kHz the balance alone would lift 2–7.6 kHz by 15–20 dB.
 *
 * Level: the phrase's voiced energy (envelope power summed over bins and voiced frames, which is
 * what the vocoder renders) is brought back to what it was, so the mix sees the same vocal level
 * and consonants keep their level relative to vowels; within the phrase, high notes stay louder.
 * Only where the sharper pulses would then clip (above PEAK_CEILING) is the voice brought lower.
 * That is a prediction from the loudest frames, not a limiter: on one real voice whose unshaped
 * phrase already peaked at −1.1 dBFS, brightness 2 reached +1.6 dBFS (brightness 1: −0.6).
 */
import { RealFft } from '../dsp/fft';
import { MinimumPhasePair } from '../vocoder/minimum-phase';
import type { WorldParameters } from '../vocoder/types';
import type { FrameRoles } from './unit-timeline';

/** Source tilt added from each frame's fundamental up, dB per octave (before the phrase's scale). */
export const SOURCE_TILT_DB_PER_OCTAVE = 3;
/** Extra tilt per octave the note lies above the speaking f0, dB/octave. */
export const TILT_PER_OCTAVE_ABOVE_SPEAKING = 1.5;
/** Extra level per octave the note lies above the speaking f0, dB. */
export const LEVEL_DB_PER_OCTAVE_ABOVE_SPEAKING = 4;
/** Above this the tilt stays flat, Hz. */
export const TILT_TOP_HZ = 5000;
/** Boost at the centre of the singer's-formant band, dB, everywhere in the band (before the phrase's scale). */
export const CLUSTER_DB = 2;
/** Further boost at the centre of the band where the envelope peaks MAX_EXCESS_DB above its local mean, dB (in proportion to smaller excesses; none in valleys). */
export const CLUSTER_PEAK_DB = 4;
/** Band of the cluster boost, Hz: a raised cosine in log frequency, whole at its geometric centre (2.83 kHz), over half between 2.1 and 3.8 kHz. (Edges at 2 and 4 kHz made the band fall so steeply that the valley below a vowel peak near 3.9 kHz rose as much as the peak, and it no longer counted as a formant.) */
export const CLUSTER_BAND_HZ: readonly [number, number] = [1600, 5000];
/** Half-width of the local mean the excess is measured against, Hz. */
export const LOCAL_MEAN_HZ = 400;
/** Unvoiced frames are raised above this frequency, Hz, by the voiced frames' own gain there (their consonant-to-vowel level is what is measured above 2 kHz). */
const CONSONANT_BAND_HZ = 2000;

/** The balance the step moves: voiced envelope energy in BALANCE_HIGH_HZ over BALANCE_LOW_HZ, Hz. */
export const BALANCE_LOW_HZ: readonly [number, number] = [0, 500];
export const BALANCE_HIGH_HZ: readonly [number, number] = [500, 7600];
/** How far brightness 1 moves that balance, dB (issue 14: sung phrases 4–6 dB weaker there than the same person's singing). */
export const BALANCE_SHIFT_DB = 5;
/** Largest scale of the gain shapes (brightness 2 on a voice whose balance hardly moves). */
const MAX_SCALE = 4;
/**
 * Most any bin of a vowel frame is lifted above the frame's own gain at 0 Hz, dB per unit of
 * brightness. Without it the scale that moves a voice's balance by BALANCE_SHIFT_DB lifted the
 * tilt's far end by far more on voices whose energy above 0.5 kHz lies mostly under 1 kHz
 * (one real Mandarin voice: its vowels' energy above 2 kHz rose 15–20 dB against their whole
 * band, where the issue measured speech 4–6 dB under singing), and a recorded onset can keep its
 * spoken level against such a vowel above 2 kHz only by standing far louder than the vowel: held
 * to 5 dB above it (onset-splice.ts), 8 of the 35 obstruent onsets that missed their spoken
 * level on 11 real voices missed it for this (1 with the cap: 86 % within ±4 dB, was 83 %).
 * Capped, the scale rises and the shape turns into a shelf that lifts 0.5–2 kHz more instead.
 * (8 and 9 dB: onsets 87 % but one stop closure 100 ms long and diphthongs 48 %; 12 dB: 85 %.)
 */
export const MAX_LIFT_DB = 10;
/** Half-width around each envelope peak where the gain is held at the peak's, Hz. */
export const PLATEAU_HZ = 200;
/**
 * Largest share of the envelope's own step from one bin to the next (dB) that the gain may undo:
 * below 1 every step keeps its direction, so the envelope's peaks and valleys stay at their bins;
 * a half leaves each falling flank at least half as steep, so a shoulder stays one.
 */
export const MAX_STEP_SHARE = 0.5;
/** Excess over the local mean that gets the whole CLUSTER_PEAK_DB, dB. */
const MAX_EXCESS_DB = 6;
/**
 * Loudest the shaped voiced pulses may reach, full scale = 1 (−1 dBFS), unless they were louder
 * before. A flatter spectrum lines the components of a pulse up and sharpens it at the same
 * energy, so the level correction also predicts the peak of the loudest frames' pulse trains
 * (their minimum-phase responses, as the vocoder renders them) and keeps it under this.
 */
export const PEAK_CEILING = 10 ** (-1 / 20);
/** Loudest voiced frames (before and after shaping, each) whose pulses are checked against PEAK_CEILING. */
const PEAK_FRAMES = 16;
/** Octaves relative to speaking f0 counted for effort: from half an octave below to 1.5 above. */
const EFFORT_OCTAVES: readonly [number, number] = [-0.5, 1.5];

export interface SungTimbreOptions {
	/** 0 = the speech balance unchanged, 1 = default singing balance (+BALANCE_SHIFT_DB), up to 2. */
	brightness?: number;
	/**
	 * Each frame's syllable and whether it is a vowel frame (the unit timeline's roles). Given, only
	 * vowel frames (and voiced frames of no syllable) take the singing shape, and each syllable's
	 * consonant frames are moved as that syllable's vowel was (see `moveConsonantsWithVowels`).
	 */
	roles?: FrameRoles;
}

/** How far above the voice's speaking pitch a sung f0 lies, octaves, clamped to the range effort follows. */
export function effortOctaves(f0Hz: number, speakingF0Hz: number): number {
	if (!(f0Hz > 0) || !(speakingF0Hz > 0)) return 0;
	return Math.max(EFFORT_OCTAVES[0], Math.min(EFFORT_OCTAVES[1], Math.log2(f0Hz / speakingF0Hz)));
}

/**
 * The smooth part of a frame's gain shape, dB at `hz` for a frame sung at `f0Hz`, before the
 * cluster's peaks, the phrase's scale and its level correction: source tilt from f0 up, effort
 * level and the cluster's base boost.
 */
export function sungGainDb(hz: number, f0Hz: number, speakingF0Hz: number): number {
	const effort = effortOctaves(f0Hz, speakingF0Hz);
	const slope = SOURCE_TILT_DB_PER_OCTAVE + TILT_PER_OCTAVE_ABOVE_SPEAKING * effort;
	const tilt = Math.max(0, slope) * Math.log2(Math.max(1, Math.min(hz, TILT_TOP_HZ) / f0Hz));
	return tilt + LEVEL_DB_PER_OCTAVE_ABOVE_SPEAKING * effort + CLUSTER_DB * clusterWeight(hz);
}

/** The cluster band's raised-cosine weight at `hz`: 1 at its geometric centre, 0 at and beyond its edges. */
export function clusterWeight(hz: number): number {
	const [lo, hi] = CLUSTER_BAND_HZ;
	if (hz <= lo || hz >= hi) return 0;
	const halfOctaves = Math.log2(hi / lo) / 2;
	const fromCentre = Math.log2(hz / Math.sqrt(lo * hi));
	return 0.5 * (1 + Math.cos((Math.PI * fromCentre) / halfOctaves));
}

function checkBrightness(brightness: number): void {
	if (!(Number.isFinite(brightness) && brightness >= 0 && brightness <= 2)) throw new RangeError(`brightness must be a number from 0 to 2; got ${brightness}.`);
}

/**
 * The peaks a frame's voiced pulses reach in the vocoder's output, in sample units, before and after
 * shaping (synthesis.ts: minimum-phase responses of the periodic part sp · (1 − ap²), each scaled by
 * √period, one per period, overlapping at high f0).
 */
class PulsePeaks {
	private readonly minimumPhase: MinimumPhasePair;
	private readonly fft: RealFft;
	private readonly logA: Float64Array;
	private readonly logB: Float64Array;
	private readonly phaseA: Float64Array;
	private readonly phaseB: Float64Array;
	private readonly re: Float64Array;
	private readonly im: Float64Array;
	private readonly pulse: Float64Array;

	constructor(private readonly fftSize: number) {
		const bins = fftSize / 2 + 1;
		this.minimumPhase = new MinimumPhasePair(fftSize);
		this.fft = new RealFft(fftSize);
		[this.logA, this.logB, this.phaseA, this.phaseB, this.re, this.im] = Array.from({ length: 6 }, () => new Float64Array(bins));
		this.pulse = new Float64Array(fftSize);
	}

	of(before: ArrayLike<number>, after: ArrayLike<number>, ap: ArrayLike<number>, periodSamples: number): [number, number] {
		const { logA, logB, phaseA, phaseB } = this;
		for (let k = 0; k < logA.length; k++) {
			const periodic = 1 - ap[k] * ap[k];
			logA[k] = 0.5 * Math.log(before[k] * periodic + 1e-30);
			logB[k] = 0.5 * Math.log(after[k] * periodic + 1e-30);
		}
		this.minimumPhase.phases(logA, logB, phaseA, phaseB);
		return [this.trainPeak(logA, phaseA, periodSamples), this.trainPeak(logB, phaseB, periodSamples)];
	}

	private trainPeak(logAmplitude: Float64Array, phase: Float64Array, periodSamples: number): number {
		const { re, im, pulse } = this;
		for (let k = 0; k < re.length; k++) {
			const amplitude = Math.exp(logAmplitude[k]);
			re[k] = amplitude * Math.cos(phase[k]);
			im[k] = amplitude * Math.sin(phase[k]);
		}
		this.fft.inverse(re, im, pulse);
		const n = this.fftSize;
		const period = Math.max(1, Math.min(n, Math.round(periodSamples)));
		for (let i = period; i < n; i++) pulse[i % period] += pulse[i];
		let peak = 0;
		for (let i = 0; i < period; i++) peak = Math.max(peak, Math.abs(pulse[i]));
		return peak * Math.sqrt(Math.max(1, periodSamples));
	}
}

/** Smootherstep: 0 → 1 with zero first and second derivatives at both ends. */
function smootherstep(x: number): number {
	return x * x * x * (10 + x * (6 * x - 15));
}

/**
 * The gain shape of one voiced frame, dB per bin up to bin `top`, into `gains`: the smooth gain
 * (`sungGainDb`), then held flat around each of the envelope's own peaks (±PLATEAU_HZ, or half the
 * way to the next peak) and eased back to the smooth gain with zero slope and curvature at the
 * peak, so the peaks it finds keep their gain (followEnvelope keeps every step); peaks in the cluster band get CLUSTER_PEAK_DB in proportion
 * to how far they stand above their surroundings.
 */
function frameGainShape(row: Float64Array, f0Hz: number, speakingF0Hz: number, hzPerBin: number, top: number, scratch: FrameScratch): void {
	const { gains, eased, db, prefix, peaks, clusterW, smooth } = scratch;
	const bins = top + 1;
	const reach = Math.max(1, Math.round(LOCAL_MEAN_HZ / hzPerBin));
	const plateau = Math.max(1, PLATEAU_HZ / hzPerBin);
	// Levels (and their running sum, for local means) only where cluster-band peaks look at them.
	const [bandLo, bandHi] = CLUSTER_BAND_HZ;
	const dbFrom = Math.max(0, Math.floor(bandLo / hzPerBin) - reach);
	const dbTo = Math.min(bins - 1, Math.ceil(bandHi / hzPerBin) + reach);
	for (let k = dbFrom; k <= dbTo; k++) {
		db[k] = 10 * Math.log10(row[k] + 1e-30);
		prefix[k + 1] = prefix[k] + db[k];
	}
	smooth(f0Hz, speakingF0Hz, bins, gains);
	peaks.length = 0;
	for (let k = 1; k < bins - 1; k++) if (row[k] > row[k - 1] && row[k] >= row[k + 1]) peaks.push(k);
	for (let i = 0; i < peaks.length; i++) {
		const p = peaks[i];
		const width = Math.min(plateau, i > 0 ? (p - peaks[i - 1]) / 2 : plateau, i + 1 < peaks.length ? (peaks[i + 1] - p) / 2 : plateau);
		let atPeak = gains[p];
		if (clusterW[p] > 0) {
			const lo = Math.max(dbFrom, p - reach);
			const hi = Math.min(dbTo, p + reach);
			const excess = db[p] - (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
			atPeak += CLUSTER_PEAK_DB * clusterW[p] * Math.max(0, Math.min(1, excess / MAX_EXCESS_DB));
		}
		const from = Math.max(0, Math.ceil(p - width));
		const to = Math.min(bins - 1, Math.floor(p + width));
		for (let k = from; k <= to; k++) eased[k] = atPeak + (gains[k] - atPeak) * smootherstep(Math.min(1, Math.abs(k - p) / width));
		for (let k = from; k <= to; k++) gains[k] = eased[k];
	}
}

interface FrameScratch {
	gains: Float64Array;
	eased: Float64Array;
	db: Float64Array;
	prefix: Float64Array;
	peaks: number[];
	clusterW: Float64Array;
	/** The smooth gain per bin for a frame sung at f0 (sungGainDb). */
	smooth: (f0Hz: number, speakingF0Hz: number, count: number, out: Float64Array) => void;
}

function frameScratch(bins: number, hzPerBin: number): FrameScratch {
	const hz = Float64Array.from({ length: bins }, (_, k) => k * hzPerBin);
	const log2Hz = Float64Array.from(hz, (f) => Math.log2(Math.max(1e-9, Math.min(f, TILT_TOP_HZ))));
	const clusterW = Float64Array.from(hz, clusterWeight);
	return {
		gains: new Float64Array(bins),
		eased: new Float64Array(bins),
		db: new Float64Array(bins),
		prefix: new Float64Array(bins + 1),
		peaks: [],
		clusterW,
		// sungGainDb for every bin, its logarithms taken once.
		smooth: (f0Hz, speakingF0Hz, count, out) => {
			const effort = effortOctaves(f0Hz, speakingF0Hz);
			const slope = Math.max(0, SOURCE_TILT_DB_PER_OCTAVE + TILT_PER_OCTAVE_ABOVE_SPEAKING * effort);
			const level = LEVEL_DB_PER_OCTAVE_ABOVE_SPEAKING * effort;
			const log2F0 = Math.log2(f0Hz);
			for (let k = 0; k < count; k++) out[k] = slope * Math.max(0, log2Hz[k] - log2F0) + level + CLUSTER_DB * clusterW[k];
		}
	};
}

/**
 * Each syllable's vowel frames given one gain shape, the mean (dB, bin by bin) of their own, in
 * place in `shapes` (one row of `stride` per entry of `voiced`); frames of no syllable keep theirs.
 * A shape per frame moves with the frame: its plateaus and cluster boost follow the envelope's
 * peaks as a diphthong's F2 passes through the cluster band, and its tilt starts at an f0 that
 * scoops into the note, so F2's level against its neighbours changes from frame to frame (3.7 dB
 * median spread over a synthetic glide) and an F2 tracker can jump between F2 and F3 as they trade
 * places. One shape held over the vowel changes every frame alike (followEnvelope still keeps each
 * frame's peaks). On the sung audio of 11 real voices the count of stretched diphthongs whose F2
 * follows the reading (r ≥ 0.8) stayed 18 of 33: the tracker moves single syllables by more.
 */
function holdShapesOverSyllables(shapes: Float32Array, stride: number, voiced: number[], syllableOf: Int32Array): void {
	const members = new Map<number, number[]>();
	voiced.forEach((t, i) => {
		const s = syllableOf[t];
		if (s < 0) return;
		const list = members.get(s);
		if (list) list.push(i);
		else members.set(s, [i]);
	});
	const mean = new Float64Array(stride);
	for (const list of members.values()) {
		if (list.length < 2) continue;
		mean.fill(0);
		for (const i of list) for (let k = 0; k < stride; k++) mean[k] += shapes[i * stride + k];
		for (let k = 0; k < stride; k++) mean[k] /= list.length;
		for (const i of list) shapes.set(mean, i * stride);
	}
}

/** ln(10)/10: power gain e^(x·this) for x dB. */
const DB_TO_NEPERS_POWER = Math.LN10 / 10;
/** The phrase's balance is brought to its target within this, dB. */
const BALANCE_TOLERANCE_DB = 0.02;

/**
 * One frame's gain, dB per bin from 0 to `last`, into `out`: `scale` × its shape, made to follow
 * the envelope's own steps (`stepsDb[k]`: bin k to k + 1, dB). Across a rise of the envelope the
 * gain may fall by at most MAX_STEP_SHARE of it, across a fall rise by at most that share, and
 * between two exactly level bins (a flat or silent row) it is free. Each bin takes the allowed gain nearest the wanted one, so behind a shape that rises
 * across a falling stretch the gain lags and catches up on the next rising flank.
 */
function followEnvelope(shape: Float32Array, stepsDb: Float32Array, offset: number, scale: number, last: number, out: Float64Array, liftCapDb = Infinity): void {
	let gain = scale * shape[offset];
	// No bin is lifted more than liftCapDb above the frame's gain at 0 Hz (its effort level).
	const ceiling = gain + liftCapDb;
	out[0] = gain;
	for (let k = 0; k < last; k++) {
		const step = stepsDb[offset + k];
		let next = Math.min(ceiling, scale * shape[offset + k + 1]);
		if (step > 0) next = Math.max(next, gain - MAX_STEP_SHARE * step);
		else if (step < 0) next = Math.min(next, gain - MAX_STEP_SHARE * step);
		out[k + 1] = gain = next;
	}
}

/**
 * The scale κ ≥ 0 of the phrase's gain shapes that moves its balance up by `targetDb`, given
 * `shiftDb(κ)` (how far κ moves it): bracketed from 0 by κ = 1, 2, … MAX_SCALE (1 is near the
 * answer at brightness 1 on the real voices: 0.5–1.4), then regula falsi with the Illinois step
 * (Dowell & Jarratt 1971); MAX_SCALE where even that falls short. Once the gains follow the
 * envelope the balance is not exactly monotonic in κ, so a bracket is kept rather than Newton steps.
 */
function scaleForBalance(shiftDb: (kappa: number) => number, targetDb: number): number {
	let lo = 0;
	let fLo = -targetDb;
	let hi = 0;
	let fHi = fLo;
	while (!(fHi > 0)) {
		if (hi === MAX_SCALE) return MAX_SCALE;
		[lo, fLo] = [hi, fHi];
		hi = Math.min(MAX_SCALE, hi + 1);
		fHi = shiftDb(hi) - targetDb;
	}
	let kept = 0;
	for (let i = 0; i < 30; i++) {
		const kappa = (lo * fHi - hi * fLo) / (fHi - fLo);
		const f = shiftDb(kappa) - targetDb;
		if (Math.abs(f) < BALANCE_TOLERANCE_DB) return kappa;
		// The end kept twice in a row has its value halved, so the bracket shrinks from both sides.
		if (f > 0) {
			[hi, fHi] = [kappa, f];
			if (kept === -1) fLo /= 2;
			kept = -1;
		} else {
			[lo, fLo] = [kappa, f];
			if (kept === 1) fHi /= 2;
			kept = 1;
		}
	}
	return (lo + hi) / 2;
}

/**
 * The phrase's envelopes with a singing balance: a copy of `params` whose voiced frames (f0 > 0;
 * given roles, the voiced vowel frames) are reshaped as described above; consonant frames keep
 * their spoken level against their vowel (given roles, each syllable's against its own vowel, else
 * unvoiced frames against the phrase's voiced frames above 2 kHz); f0 and aperiodicity are kept.
 */
export function shapeSungTimbre(params: WorldParameters, speakingF0Hz: number, options: SungTimbreOptions = {}): WorldParameters {
	const brightness = options.brightness ?? 1;
	checkBrightness(brightness);
	if (brightness === 0) return params;
	const { fs } = params;
	const { frames, fftSize } = params.sp;
	const bins = fftSize / 2 + 1;
	const hzPerBin = fs / fftSize;
	const { roles } = options;
	if (roles && (roles.syllable.length !== frames || roles.vowel.length !== frames)) throw new RangeError(`roles must give each of the ${frames} frames a syllable and a vowel flag; got ${roles.syllable.length} and ${roles.vowel.length}.`);
	// The frames that take the singing shape: voiced ones, but not a syllable's consonants when the roles say which those are.
	const isConsonant = (t: number) => roles !== undefined && roles.syllable[t] >= 0 && roles.vowel[t] === 0;
	const voiced: number[] = [];
	for (let t = 0; t < frames; t++) if (params.f0Hz[t] > 0 && !isConsonant(t)) voiced.push(t);
	if (voiced.length === 0) return params;
	// Each voiced frame's gain shape, and its envelope's steps from bin to bin (dB) for followEnvelope,
	// up to the bin where the shape stops changing (its tilt and cluster band end, plus a plateau);
	// above it the gain stays where it got to.
	const top = Math.min(bins - 1, Math.ceil((Math.max(TILT_TOP_HZ, CLUSTER_BAND_HZ[1]) + PLATEAU_HZ) / hzPerBin));
	const stride = top + 1;
	const scratch = frameScratch(bins, hzPerBin);
	const shapes = new Float32Array(voiced.length * stride);
	const steps = new Float32Array(voiced.length * stride);
	// Each voiced frame's envelope energy above `top` and up to BALANCE_HIGH_HZ, where its gain is one number.
	const lowTo = Math.floor(BALANCE_LOW_HZ[1] / hzPerBin);
	const highTo = Math.min(bins - 1, Math.floor(BALANCE_HIGH_HZ[1] / hzPerBin));
	const highAboveTop = new Float64Array(voiced.length);
	for (const [i, t] of voiced.entries()) {
		const row = params.sp.data.subarray(t * bins, (t + 1) * bins);
		frameGainShape(row, params.f0Hz[t], speakingF0Hz, hzPerBin, top, scratch);
		shapes.set(scratch.gains.subarray(0, stride), i * stride);
		let db = 10 * Math.log10(row[0] + 1e-30);
		for (let k = 0; k < top; k++) {
			const next = 10 * Math.log10(row[k + 1] + 1e-30);
			steps[i * stride + k] = next - db;
			db = next;
		}
		for (let k = top + 1; k <= highTo; k++) highAboveTop[i] += row[k];
	}
	if (roles) holdShapesOverSyllables(shapes, stride, voiced, roles.syllable);
	// The phrase's balance (voiced envelope energy in BALANCE_HIGH_HZ over BALANCE_LOW_HZ, dB) with the gains at scale κ.
	const gains = new Float64Array(stride);
	const balanceDb = (kappa: number) => {
		let low = 0;
		let high = 0;
		for (const [i, t] of voiced.entries()) {
			followEnvelope(shapes, steps, i * stride, kappa, top, gains, liftCapDb);
			for (let k = 0; k <= Math.min(top, highTo); k++) {
				const power = params.sp.data[t * bins + k] * Math.exp(DB_TO_NEPERS_POWER * gains[k]);
				if (k <= lowTo) low += power;
				else high += power;
			}
			high += highAboveTop[i] * Math.exp(DB_TO_NEPERS_POWER * gains[top]);
		}
		return 10 * Math.log10((high + 1e-300) / (low + 1e-300));
	};
	const liftCapDb = brightness * MAX_LIFT_DB;
	const unshaped = balanceDb(0);
	const kappa = scaleForBalance((k) => balanceDb(k) - unshaped, brightness * BALANCE_SHIFT_DB);
	const sp = Float64Array.from(params.sp.data);
	let before = 0;
	let after = 0;
	const loudestBefore: [number, number][] = [];
	const loudestAfter: [number, number][] = [];
	voiced.forEach((t, i) => {
		let energyBefore = 0;
		let energyAfter = 0;
		followEnvelope(shapes, steps, i * stride, kappa, top, gains, liftCapDb);
		const aboveTop = Math.exp(DB_TO_NEPERS_POWER * gains[top]);
		for (let k = 0; k < bins; k++) {
			const j = t * bins + k;
			energyBefore += sp[j];
			sp[j] *= k <= top ? Math.exp(DB_TO_NEPERS_POWER * gains[k]) : aboveTop;
			energyAfter += sp[j];
		}
		before += energyBefore;
		after += energyAfter;
		loudestBefore.push([energyBefore, t]);
		loudestAfter.push([energyAfter, t]);
	});
	// The phrase's voiced energy as before, unless that would take its loudest pulses above
	// PEAK_CEILING (and above where they were): see the file comment.
	const byEnergy = (a: [number, number], b: [number, number]) => b[0] - a[0];
	const checked = new Set<number>();
	for (const list of [loudestBefore, loudestAfter]) for (const [, t] of list.sort(byEnergy).slice(0, PEAK_FRAMES)) checked.add(t);
	const pulses = new PulsePeaks(fftSize);
	let peakBefore = 0;
	let peakAfter = 0;
	for (const t of checked) {
		const rows = (data: Float64Array) => data.subarray(t * bins, (t + 1) * bins);
		const [pulseBefore, pulseAfter] = pulses.of(rows(params.sp.data), rows(sp), rows(params.ap.data), fs / params.f0Hz[t]);
		peakBefore = Math.max(peakBefore, pulseBefore);
		peakAfter = Math.max(peakAfter, pulseAfter);
	}
	const energyScale = after > 0 ? before / after : 1;
	const allowed = Math.max(PEAK_CEILING, peakBefore);
	const scale = peakAfter * Math.sqrt(energyScale) > allowed ? (allowed / peakAfter) ** 2 : energyScale;
	for (const t of voiced) for (let j = t * bins; j < (t + 1) * bins; j++) sp[j] *= scale;
	if (roles) moveConsonantsWithVowels(params.sp.data, sp, bins, hzPerBin, roles);
	else {
		// Unvoiced frames get, above CONSONANT_BAND_HZ, the gain the voiced frames got there.
		const band = consonantBand(hzPerBin);
		let highBefore = 0;
		let highAfter = 0;
		for (const t of voiced) {
			for (let k = band[1]; k < bins; k++) {
				highBefore += params.sp.data[t * bins + k];
				highAfter += sp[t * bins + k];
			}
		}
		const consonantGain = highBefore > 0 ? highAfter / highBefore : 1;
		if (consonantGain !== 1) {
			const ramp = bandRamp(1, consonantGain, band, bins);
			for (let t = 0; t < frames; t++) if (!(params.f0Hz[t] > 0)) for (let k = 0; k < bins; k++) sp[t * bins + k] *= ramp[k];
		}
	}
	return { ...params, sp: { frames, fftSize, data: sp } };
}

/** Bins where a consonant's gain ramps from its low-band to its high-band value: the octave below CONSONANT_BAND_HZ. */
function consonantBand(hzPerBin: number): [number, number] {
	return [Math.floor(CONSONANT_BAND_HZ / 2 / hzPerBin), Math.ceil(CONSONANT_BAND_HZ / hzPerBin)];
}

/** Power gain per bin: `lowGain` up to the band, `highGain` above it, a half-cosine (in log gain) between. */
function bandRamp(lowGain: number, highGain: number, [bandFrom, bandTo]: [number, number], bins: number): Float64Array {
	const ramp = new Float64Array(bins);
	for (let k = 0; k < bins; k++) {
		const x = Math.max(0, Math.min(1, (k - bandFrom) / Math.max(1, bandTo - bandFrom)));
		const w = 0.5 - 0.5 * Math.cos(Math.PI * x);
		ramp[k] = lowGain ** (1 - w) * highGain ** w;
	}
	return ramp;
}

/**
 * Each syllable's consonant frames (onset and coda, voiced or not) moved as its own vowel was, in
 * place in `after`: above CONSONANT_BAND_HZ by the change of the vowel's loudest frame there (a
 * burst or a frication is heard, and measured, against the vowel at full voice), below half of it
 * by the change of the vowel's energy there. A phrase-wide gain would not do: the singing shape
 * lifts each vowel's high band by its own amount (10–18 dB above 2 kHz on one real voice's
 * vowels at brightness 1, as its note and spectrum go), and a consonant moved by the phrase's
 * average no longer stands where it was read against its own vowel. Reshaping a voiced
 * consonant (a nasal, a "z") as a vowel would change its spoken balance too.
 */
function moveConsonantsWithVowels(before: Float64Array, after: Float64Array, bins: number, hzPerBin: number, roles: FrameRoles): void {
	const band = consonantBand(hzPerBin);
	const frames = roles.syllable.length;
	let syllables = 0;
	for (let t = 0; t < frames; t++) syllables = Math.max(syllables, roles.syllable[t] + 1);
	// Per syllable: loudest vowel frame above the band before and after, vowel energy below it before and after.
	const vowel = Array.from({ length: syllables }, () => ({ highBefore: 0, highAfter: 0, lowBefore: 0, lowAfter: 0 }));
	for (let t = 0; t < frames; t++) {
		const s = roles.syllable[t];
		if (s < 0 || !roles.vowel[t]) continue;
		let highBefore = 0;
		let highAfter = 0;
		for (let k = band[1]; k < bins; k++) {
			highBefore += before[t * bins + k];
			highAfter += after[t * bins + k];
		}
		for (let k = 0; k < band[0]; k++) {
			vowel[s].lowBefore += before[t * bins + k];
			vowel[s].lowAfter += after[t * bins + k];
		}
		vowel[s].highBefore = Math.max(vowel[s].highBefore, highBefore);
		vowel[s].highAfter = Math.max(vowel[s].highAfter, highAfter);
	}
	const ramps = vowel.map((v) => (v.highBefore > 0 && v.lowBefore > 0 ? bandRamp(v.lowAfter / v.lowBefore, v.highAfter / v.highBefore, band, bins) : null));
	for (let t = 0; t < frames; t++) {
		const ramp = roles.syllable[t] >= 0 && !roles.vowel[t] ? ramps[roles.syllable[t]] : null;
		if (ramp) for (let k = 0; k < bins; k++) after[t * bins + k] *= ramp[k];
	}
}
