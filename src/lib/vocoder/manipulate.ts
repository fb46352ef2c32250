/**
 * Edits of WORLD parameters before synthesis: new pitch, time stretch, formant shift, breathiness,
 * and joining phrases (concatenation, crossfade). Every function returns new parameters and leaves
 * its input untouched. Interpolation between frames is done where each quantity is smooth: f0 in
 * log Hz, the power envelope in log power, aperiodicity linearly; voicing is never blended (the
 * nearer frame decides), so a voiced frame never gets half an f0.
 */
import { validateWorldParameters } from './synthesis';
import type { SpectralFrames, WorldParameters } from './types';

/** Smallest power used when taking logarithms of the envelope (keeps zeros finite). */
const POWER_FLOOR = 1e-300;

function emptyLike(params: WorldParameters, frames: number): WorldParameters {
	const bins = params.sp.fftSize / 2 + 1;
	const spectral = (): SpectralFrames => ({ frames, fftSize: params.sp.fftSize, data: new Float64Array(frames * bins) });
	return { fs: params.fs, framePeriodSeconds: params.framePeriodSeconds, f0Hz: new Float64Array(frames), sp: spectral(), ap: spectral() };
}

function copyOf(params: WorldParameters): WorldParameters {
	return {
		fs: params.fs,
		framePeriodSeconds: params.framePeriodSeconds,
		f0Hz: Float64Array.from(params.f0Hz),
		sp: { frames: params.sp.frames, fftSize: params.sp.fftSize, data: Float64Array.from(params.sp.data) },
		ap: { frames: params.ap.frames, fftSize: params.ap.fftSize, data: Float64Array.from(params.ap.data) }
	};
}

function checkFinite(value: number, name: string, range: string, ok: boolean): void {
	if (!(Number.isFinite(value) && ok)) throw new RangeError(`${name} must be ${range}; got ${value}.`);
}

// --- pitch ------------------------------------------------------------------------------------------

export interface ReplaceF0Options {
	/**
	 * Voicing per frame (nonzero = voiced). Where given, voiced frames take the new contour (which
	 * must be > 0 there) and unvoiced frames get f0 = 0; absent, the new contour's zeros are unvoiced.
	 */
	voicedMask?: ArrayLike<number | boolean>;
}

/**
 * Replaces the f0 contour. Frames that become voiced keep their aperiodicity, so a frame analysed as
 * unvoiced (ap ≈ 1) stays noisy unless its ap is edited too.
 */
export function replaceF0(params: WorldParameters, f0Hz: ArrayLike<number>, options: ReplaceF0Options = {}): WorldParameters {
	validateWorldParameters(params);
	const frames = params.f0Hz.length;
	if (f0Hz.length !== frames) throw new RangeError(`f0Hz must have one value per frame (${frames}); got ${f0Hz.length}.`);
	const mask = options.voicedMask;
	if (mask && mask.length !== frames) throw new RangeError(`voicedMask must have one value per frame (${frames}); got ${mask.length}.`);
	const out = copyOf(params);
	for (let i = 0; i < frames; i++) {
		const v = f0Hz[i];
		checkFinite(v, `f0Hz[${i}]`, `in [0, ${params.fs / 2}) Hz`, v >= 0 && v < params.fs / 2);
		if (mask) {
			if (mask[i]) {
				if (!(v > 0)) throw new RangeError(`f0Hz[${i}] must be > 0 where voicedMask is set; got ${v}.`);
				out.f0Hz[i] = v;
			} else {
				out.f0Hz[i] = 0;
			}
		} else {
			out.f0Hz[i] = v;
		}
	}
	return out;
}

/** Multiplies every voiced f0 by 2^(semitones/12). */
export function shiftPitch(params: WorldParameters, semitones: number): WorldParameters {
	validateWorldParameters(params);
	checkFinite(semitones, 'semitones', 'a finite number', Math.abs(semitones) <= 48);
	const ratio = 2 ** (semitones / 12);
	const out = copyOf(params);
	for (let i = 0; i < out.f0Hz.length; i++) {
		const f = params.f0Hz[i] * ratio;
		if (f >= params.fs / 2) {
			throw new RangeError(`semitones ${semitones} puts frame ${i} at ${f.toFixed(1)} Hz, above the Nyquist frequency ${params.fs / 2} Hz.`);
		}
		out.f0Hz[i] = f;
	}
	return out;
}

// --- time -------------------------------------------------------------------------------------------

/** Frames [startFrame, endFrame) of the input. */
export interface FrameRange {
	startFrame: number;
	endFrame: number;
}

export interface TimeStretchOptions {
	/**
	 * Input frame ranges to keep at their own speed (e.g. consonants); the rest is stretched by the
	 * factor, so the total changes by less than the factor.
	 */
	keepRanges?: ReadonlyArray<FrameRange>;
}

/** One linear piece of the output-time → input-frame map. */
interface TimePiece {
	inStart: number;
	outStart: number;
	/** Output frames per input frame. */
	rate: number;
	inLength: number;
}

function timePieces(frames: number, factor: number, keep: ReadonlyArray<FrameRange>): TimePiece[] {
	const last = frames - 1;
	const ranges = keep
		.map((r, k) => {
			if (!(Number.isInteger(r.startFrame) && Number.isInteger(r.endFrame) && r.startFrame >= 0 && r.endFrame > r.startFrame && r.endFrame <= frames)) {
				throw new RangeError(`keepRanges[${k}] must be integer frames with 0 <= startFrame < endFrame <= ${frames}; got ${r.startFrame}–${r.endFrame}.`);
			}
			// Frames s … e − 1 keep their spacing: the steps between them map 1:1.
			return [r.startFrame, Math.min(r.endFrame - 1, last)] as [number, number];
		})
		.filter(([s, e]) => e > s)
		.sort((a, b) => a[0] - b[0]);
	// Merge overlaps, then alternate stretched and kept pieces along [0, last].
	const merged: Array<[number, number]> = [];
	for (const r of ranges) {
		const prev = merged[merged.length - 1];
		if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
		else merged.push([r[0], r[1]]);
	}
	const pieces: TimePiece[] = [];
	let position = 0;
	let out = 0;
	const push = (end: number, rate: number): void => {
		if (end <= position) return;
		pieces.push({ inStart: position, outStart: out, rate, inLength: end - position });
		out += (end - position) * rate;
		position = end;
	};
	for (const [s, e] of merged) {
		push(s, factor);
		push(e, 1);
	}
	push(last, factor);
	return pieces;
}

/** Reads frame position x (fractional) of `params` into row `j` of `out`: log-sp, ap and log-f0 interpolated. */
function sampleFrameAt(params: WorldParameters, x: number, out: WorldParameters, j: number): void {
	const frames = params.f0Hz.length;
	const bins = params.sp.fftSize / 2 + 1;
	let i = Math.floor(x);
	let w = x - i;
	if (i >= frames - 1) {
		i = frames - 1;
		w = 0;
	}
	if (i < 0) {
		i = 0;
		w = 0;
	}
	const a = i * bins;
	const b = Math.min(i + 1, frames - 1) * bins;
	const o = j * bins;
	const sp = params.sp.data;
	const ap = params.ap.data;
	for (let k = 0; k < bins; k++) {
		if (w === 0) {
			out.sp.data[o + k] = sp[a + k];
			out.ap.data[o + k] = ap[a + k];
		} else {
			const la = Math.log(Math.max(sp[a + k], POWER_FLOOR));
			const lb = Math.log(Math.max(sp[b + k], POWER_FLOOR));
			out.sp.data[o + k] = Math.exp(la + w * (lb - la));
			out.ap.data[o + k] = ap[a + k] + w * (ap[b + k] - ap[a + k]);
		}
	}
	const f0a = params.f0Hz[i];
	const f0b = params.f0Hz[Math.min(i + 1, frames - 1)];
	if (w === 0) out.f0Hz[j] = f0a;
	else if (f0a > 0 && f0b > 0) out.f0Hz[j] = Math.exp(Math.log(f0a) + w * (Math.log(f0b) - Math.log(f0a)));
	else out.f0Hz[j] = w < 0.5 ? f0a : f0b;
}

/**
 * Stretches time by `factor` (> 1 slower, < 1 faster) by resampling frames: (frames − 1)·factor + 1
 * frames (rounded) without keep ranges. Pitch and envelope are unchanged.
 */
export function timeStretch(params: WorldParameters, factor: number, options: TimeStretchOptions = {}): WorldParameters {
	validateWorldParameters(params);
	checkFinite(factor, 'factor', 'a finite number in (0, 100]', factor > 0 && factor <= 100);
	const frames = params.f0Hz.length;
	if (frames <= 1) return copyOf(params);
	const pieces = timePieces(frames, factor, options.keepRanges ?? []);
	const lastPiece = pieces[pieces.length - 1];
	const outLength = lastPiece.outStart + lastPiece.inLength * lastPiece.rate;
	const outFrames = Math.max(1, Math.round(outLength) + 1);
	const out = emptyLike(params, outFrames);
	let p = 0;
	for (let j = 0; j < outFrames; j++) {
		// Output frame j sits at output position j (frames); invert the piecewise-linear map.
		const y = Math.min(j * (outLength / Math.max(1, outFrames - 1)), outLength);
		while (p < pieces.length - 1 && y > pieces[p].outStart + pieces[p].inLength * pieces[p].rate) p++;
		const piece = pieces[p];
		const x = piece.inStart + (y - piece.outStart) / piece.rate;
		sampleFrameAt(params, Math.min(x, frames - 1), out, j);
	}
	return out;
}

// --- envelope ---------------------------------------------------------------------------------------

/**
 * Formant shift: sp'(f) = sp(f / ratio), so every envelope peak moves by `ratio` (> 1 up, < 1 down);
 * interpolated in log power, held at the Nyquist value where f / ratio passes it. Pitch and
 * aperiodicity are untouched.
 */
export function shiftFormants(params: WorldParameters, ratio: number): WorldParameters {
	validateWorldParameters(params);
	checkFinite(ratio, 'ratio', 'a finite number in [0.25, 4]', ratio >= 0.25 && ratio <= 4);
	const out = copyOf(params);
	const bins = params.sp.fftSize / 2 + 1;
	const frames = params.f0Hz.length;
	const index = new Int32Array(bins);
	const frac = new Float64Array(bins);
	for (let k = 0; k < bins; k++) {
		const source = Math.min(k / ratio, bins - 1);
		const i = Math.min(Math.floor(source), bins - 2);
		index[k] = i;
		frac[k] = source - i;
	}
	const logRow = new Float64Array(bins);
	for (let f = 0; f < frames; f++) {
		const o = f * bins;
		for (let k = 0; k < bins; k++) logRow[k] = Math.log(Math.max(params.sp.data[o + k], POWER_FLOOR));
		for (let k = 0; k < bins; k++) {
			const i = index[k];
			out.sp.data[o + k] = Math.exp(logRow[i] + frac[k] * (logRow[i + 1] - logRow[i]));
		}
	}
	return out;
}

/** Breathiness: aperiodicity × `factor`, clamped to [0, 1] (> 1 breathier, < 1 cleaner). */
export function scaleBreathiness(params: WorldParameters, factor: number): WorldParameters {
	validateWorldParameters(params);
	checkFinite(factor, 'factor', 'a finite number >= 0', factor >= 0);
	const out = copyOf(params);
	const ap = out.ap.data;
	for (let k = 0; k < ap.length; k++) {
		const v = params.ap.data[k] * factor;
		ap[k] = v < 0 ? 0 : v > 1 ? 1 : v;
	}
	return out;
}

// --- joining ----------------------------------------------------------------------------------------

function checkSameFormat(a: WorldParameters, b: WorldParameters, what: string): void {
	if (a.fs !== b.fs) throw new RangeError(`${what}.fs must equal ${a.fs} Hz; got ${b.fs}.`);
	if (Math.abs(a.framePeriodSeconds - b.framePeriodSeconds) > 1e-12) {
		throw new RangeError(`${what}.framePeriodSeconds must equal ${a.framePeriodSeconds}; got ${b.framePeriodSeconds}.`);
	}
	if (a.sp.fftSize !== b.sp.fftSize) throw new RangeError(`${what}.sp.fftSize must equal ${a.sp.fftSize}; got ${b.sp.fftSize}.`);
}

/** Joins parameter streams end to end (same rate, frame period and FFT size). */
export function concatenateParameters(parts: ReadonlyArray<WorldParameters>): WorldParameters {
	if (parts.length === 0) throw new RangeError('concatenateParameters needs at least one part.');
	parts.forEach((p, k) => {
		validateWorldParameters(p, `parts[${k}]`);
		checkSameFormat(parts[0], p, `parts[${k}]`);
	});
	const frames = parts.reduce((n, p) => n + p.f0Hz.length, 0);
	const out = emptyLike(parts[0], frames);
	const bins = parts[0].sp.fftSize / 2 + 1;
	let at = 0;
	for (const p of parts) {
		out.f0Hz.set(p.f0Hz, at);
		out.sp.data.set(p.sp.data, at * bins);
		out.ap.data.set(p.ap.data, at * bins);
		at += p.f0Hz.length;
	}
	return out;
}

/** 'equal-power': powers weighted by cos², sin² (constant loudness for alike inputs); 'log': log-sp linear. */
export type CrossfadeCurve = 'equal-power' | 'log';

export interface CrossfadeOptions {
	/** Default 'equal-power'. */
	curve?: CrossfadeCurve;
}

/**
 * Joins `a` and `b` with their last / first `overlapFrames` frames blended: a.frames + b.frames −
 * overlapFrames frames. Across the overlap the weight of b rises as (j + 1)/(overlap + 1); f0 moves
 * in log Hz where both are voiced, voicing switches at the half-way point.
 */
export function crossfade(a: WorldParameters, b: WorldParameters, overlapFrames: number, options: CrossfadeOptions = {}): WorldParameters {
	validateWorldParameters(a, 'a');
	validateWorldParameters(b, 'b');
	checkSameFormat(a, b, 'b');
	const fa = a.f0Hz.length;
	const fb = b.f0Hz.length;
	if (!(Number.isInteger(overlapFrames) && overlapFrames >= 0 && overlapFrames <= Math.min(fa, fb))) {
		throw new RangeError(`overlapFrames must be an integer in [0, ${Math.min(fa, fb)}]; got ${overlapFrames}.`);
	}
	const curve = options.curve ?? 'equal-power';
	if (curve !== 'equal-power' && curve !== 'log') throw new RangeError(`curve must be 'equal-power' or 'log'; got ${String(curve)}.`);
	const bins = a.sp.fftSize / 2 + 1;
	const frames = fa + fb - overlapFrames;
	const out = emptyLike(a, frames);
	const head = fa - overlapFrames;
	out.f0Hz.set(a.f0Hz.subarray(0, head));
	out.sp.data.set(a.sp.data.subarray(0, head * bins));
	out.ap.data.set(a.ap.data.subarray(0, head * bins));
	for (let j = 0; j < overlapFrames; j++) {
		const w = (j + 1) / (overlapFrames + 1);
		const ia = head + j;
		const oa = ia * bins;
		const ob = j * bins;
		const o = (head + j) * bins;
		const f0a = a.f0Hz[ia];
		const f0b = b.f0Hz[j];
		out.f0Hz[head + j] = f0a > 0 && f0b > 0 ? Math.exp((1 - w) * Math.log(f0a) + w * Math.log(f0b)) : w < 0.5 ? f0a : f0b;
		if (curve === 'equal-power') {
			const ga = Math.cos((Math.PI / 2) * w) ** 2;
			const gb = Math.sin((Math.PI / 2) * w) ** 2;
			for (let k = 0; k < bins; k++) {
				const spa = a.sp.data[oa + k];
				const spb = b.sp.data[ob + k];
				const sp = ga * spa + gb * spb;
				out.sp.data[o + k] = sp;
				// Aperiodic powers (sp·ap²) add like the envelopes do.
				const noise = ga * spa * a.ap.data[oa + k] ** 2 + gb * spb * b.ap.data[ob + k] ** 2;
				out.ap.data[o + k] = sp > 0 ? Math.min(1, Math.sqrt(noise / sp)) : (1 - w) * a.ap.data[oa + k] + w * b.ap.data[ob + k];
			}
		} else {
			for (let k = 0; k < bins; k++) {
				const la = Math.log(Math.max(a.sp.data[oa + k], POWER_FLOOR));
				const lb = Math.log(Math.max(b.sp.data[ob + k], POWER_FLOOR));
				out.sp.data[o + k] = Math.exp(la + w * (lb - la));
				out.ap.data[o + k] = (1 - w) * a.ap.data[oa + k] + w * b.ap.data[ob + k];
			}
		}
	}
	const tail = head + overlapFrames;
	out.f0Hz.set(b.f0Hz.subarray(overlapFrames), tail);
	out.sp.data.set(b.sp.data.subarray(overlapFrames * bins), tail * bins);
	out.ap.data.set(b.ap.data.subarray(overlapFrames * bins), tail * bins);
	return out;
}
