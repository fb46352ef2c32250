/**
 * Gaussian models of each phone's cepstra, learned from one reading under an alignment of it
 * (the re-estimation step of forced aligners, with no outside training data): a diagonal Gaussian
 * per phone over mel cepstra and their deltas. A phone seen in few frames borrows its mean from
 * its broad class (a MAP estimate); variances are pooled per class, which few frames cannot give.
 */
import { CEPSTRA_PER_FRAME } from './speech-features';

/** Values per observation: the cepstra and their deltas. */
export const OBSERVATION_DIMS = 2 * CEPSTRA_PER_FRAME;
/** How many frames of its class a phone's mean is worth when it has few of its own. */
const PRIOR_FRAMES = 8;
/** Variance floor, as a fraction of the whole reading's variance in each dimension. */
const VARIANCE_FLOOR = 0.02;

/** Cepstra and their regression deltas over ±2 frames, frame-major. */
export function cepstralObservations(cepstra: Float64Array, frames: number): Float64Array {
	const c = CEPSTRA_PER_FRAME;
	const out = new Float64Array(frames * OBSERVATION_DIMS);
	const at = (t: number, q: number) => cepstra[Math.max(0, Math.min(frames - 1, t)) * c + q];
	for (let t = 0; t < frames; t++) {
		for (let q = 0; q < c; q++) {
			out[t * OBSERVATION_DIMS + q] = cepstra[t * c + q];
			out[t * OBSERVATION_DIMS + c + q] = (at(t + 1, q) - at(t - 1, q) + 2 * (at(t + 2, q) - at(t - 2, q))) / 10;
		}
	}
	return out;
}

export interface LabelledSegment {
	/** The phone (IPA) or 'pause'. */
	key: string;
	/** Its broad class, for pooling. */
	cls: string;
	start: number;
	end: number;
}

export interface PhoneModel {
	/** −log of the Gaussian density of frame `t`, less the constant every model shares. */
	negLogLikelihood(observations: Float64Array, t: number): number;
}

interface Moments {
	count: number;
	sum: Float64Array;
	squares: Float64Array;
}

function moments(): Moments {
	return { count: 0, sum: new Float64Array(OBSERVATION_DIMS), squares: new Float64Array(OBSERVATION_DIMS) };
}

export function estimatePhoneModels(observations: Float64Array, segments: LabelledSegment[]): Map<string, PhoneModel> {
	const D = OBSERVATION_DIMS;
	const frames = observations.length / D;
	const byKey = new Map<string, Moments & { cls: string }>();
	const byClass = new Map<string, Moments>();
	const all = moments();
	for (const seg of segments) {
		const k = byKey.get(seg.key) ?? { ...moments(), cls: seg.cls };
		byKey.set(seg.key, k);
		const c = byClass.get(seg.cls) ?? moments();
		byClass.set(seg.cls, c);
		for (let t = seg.start; t < seg.end; t++) {
			for (const m of [k, c]) {
				for (let d = 0; d < D; d++) {
					const x = observations[t * D + d];
					m.sum[d] += x;
					m.squares[d] += x * x;
				}
				m.count++;
			}
		}
	}
	for (let t = 0; t < frames; t++) {
		for (let d = 0; d < D; d++) {
			const x = observations[t * D + d];
			all.sum[d] += x;
			all.squares[d] += x * x;
		}
	}
	all.count = frames;
	const floor = Float64Array.from(all.sum, (s, d) => VARIANCE_FLOOR * Math.max(1e-6, all.squares[d] / frames - (s / frames) ** 2));
	const models = new Map<string, PhoneModel>();
	for (const [key, m] of byKey) {
		const c = byClass.get(m.cls)!;
		if (c.count < 2) continue;
		const mean = new Float64Array(D);
		const inverseVariance = new Float64Array(D);
		let logDeterminant = 0;
		for (let d = 0; d < D; d++) {
			const classMean = c.sum[d] / c.count;
			mean[d] = (m.sum[d] + PRIOR_FRAMES * classMean) / (m.count + PRIOR_FRAMES);
			const variance = Math.max(floor[d], c.squares[d] / c.count - classMean * classMean);
			inverseVariance[d] = 1 / variance;
			logDeterminant += Math.log(variance);
		}
		models.set(key, {
			negLogLikelihood(observations, t) {
				let sum = logDeterminant;
				const base = t * D;
				for (let d = 0; d < D; d++) {
					const x = observations[base + d] - mean[d];
					sum += x * x * inverseVariance[d];
				}
				return 0.5 * sum;
			}
		});
	}
	return models;
}
