/**
 * Gaussian mixture models with diagonal covariances, for speaker models in the GMM-UBM manner
 * (Reynolds, Quatieri & Dunn, "Speaker verification using adapted Gaussian mixture models", Digital
 * Signal Processing 10, 2000): a universal background model trained by EM on many speakers, each
 * speaker's model its means MAP-adapted from it (eq. 1–4 there, relevance factor r), and a test
 * utterance scored by the average log-likelihood ratio of its frames, speaker model over background.
 * Observations are frame-major Float64Arrays of `dims` values a frame.
 */
import { mulberry32 } from '../compose/random';

export interface DiagonalGmm {
	dims: number;
	components: number;
	/** Mixture weights, summing to 1. */
	weights: Float64Array;
	/** components × dims means. */
	means: Float64Array;
	/** components × dims variances. */
	variances: Float64Array;
}

export interface TrainGmmOptions {
	/** Mixture components (default 32). */
	components?: number;
	/** EM iterations (default 20). */
	iterations?: number;
	/** Seed for the initial means, drawn from the data (default 1). */
	seed?: number;
	/** Variance floor as a fraction of the data's variance in each dimension (default 0.01). */
	varianceFloor?: number;
}

function checkObservations(x: Float64Array, dims: number): number {
	if (!(Number.isInteger(dims) && dims >= 1)) throw new RangeError(`dims must be a whole number ≥ 1; got ${dims}.`);
	if (x.length % dims !== 0) throw new RangeError(`observations must hold a whole number of ${dims}-value frames; got ${x.length} values.`);
	return x.length / dims;
}

/** Per component: log weight − ½ Σ log(2π σ²), the part of the log density that does not depend on x. */
function logConstants(gmm: DiagonalGmm): Float64Array {
	const { dims, components, weights, variances } = gmm;
	const out = new Float64Array(components);
	for (let k = 0; k < components; k++) {
		let sum = 0;
		for (let d = 0; d < dims; d++) sum += Math.log(2 * Math.PI * variances[k * dims + d]);
		out[k] = Math.log(Math.max(weights[k], 1e-300)) - 0.5 * sum;
	}
	return out;
}

/** Log density of frame t under each component (into `out`), and the frame's log density under the mixture. */
function componentLogDensities(gmm: DiagonalGmm, constants: Float64Array, x: Float64Array, t: number, out: Float64Array): number {
	const { dims, components, means, variances } = gmm;
	let max = -Infinity;
	for (let k = 0; k < components; k++) {
		let q = 0;
		for (let d = 0; d < dims; d++) {
			const diff = x[t * dims + d] - means[k * dims + d];
			q += (diff * diff) / variances[k * dims + d];
		}
		out[k] = constants[k] - 0.5 * q;
		if (out[k] > max) max = out[k];
	}
	let sum = 0;
	for (let k = 0; k < components; k++) sum += Math.exp(out[k] - max);
	return max + Math.log(sum);
}

/** Zeroth and first order statistics of `x` under `gmm` (posterior counts and weighted sums), and the mean log-likelihood. */
function statistics(gmm: DiagonalGmm, x: Float64Array): { counts: Float64Array; sums: Float64Array; squares: Float64Array; meanLogLikelihood: number } {
	const { dims, components } = gmm;
	const frames = x.length / dims;
	const constants = logConstants(gmm);
	const log = new Float64Array(components);
	const counts = new Float64Array(components);
	const sums = new Float64Array(components * dims);
	const squares = new Float64Array(components * dims);
	let total = 0;
	for (let t = 0; t < frames; t++) {
		const frameLog = componentLogDensities(gmm, constants, x, t, log);
		total += frameLog;
		for (let k = 0; k < components; k++) {
			const p = Math.exp(log[k] - frameLog);
			if (p < 1e-12) continue;
			counts[k] += p;
			for (let d = 0; d < dims; d++) {
				const v = x[t * dims + d];
				sums[k * dims + d] += p * v;
				squares[k * dims + d] += p * v * v;
			}
		}
	}
	return { counts, sums, squares, meanLogLikelihood: total / Math.max(1, frames) };
}

/** A mixture fitted to `x` by expectation–maximisation, started from randomly chosen frames (seeded). */
export function trainGmm(x: Float64Array, dims: number, options: TrainGmmOptions = {}): DiagonalGmm {
	const frames = checkObservations(x, dims);
	const components = options.components ?? 32;
	const iterations = options.iterations ?? 20;
	if (!(Number.isInteger(components) && components >= 1 && components <= frames)) {
		throw new RangeError(`components must be a whole number in [1, ${frames}] (the frames given); got ${components}.`);
	}
	const mean = new Float64Array(dims);
	const variance = new Float64Array(dims);
	for (let t = 0; t < frames; t++) for (let d = 0; d < dims; d++) mean[d] += x[t * dims + d] / frames;
	for (let t = 0; t < frames; t++) for (let d = 0; d < dims; d++) variance[d] += (x[t * dims + d] - mean[d]) ** 2 / frames;
	const floor = Float64Array.from(variance, (v) => Math.max(1e-12, (options.varianceFloor ?? 0.01) * v));
	const random = mulberry32(options.seed ?? 1);
	const gmm: DiagonalGmm = {
		dims,
		components,
		weights: new Float64Array(components).fill(1 / components),
		means: new Float64Array(components * dims),
		variances: new Float64Array(components * dims)
	};
	const taken = new Set<number>();
	for (let k = 0; k < components; k++) {
		let t = Math.floor(random() * frames);
		while (taken.has(t)) t = (t + 1) % frames;
		taken.add(t);
		gmm.means.set(x.subarray(t * dims, (t + 1) * dims), k * dims);
		gmm.variances.set(variance, k * dims);
	}
	for (let iteration = 0; iteration < iterations; iteration++) {
		const { counts, sums, squares } = statistics(gmm, x);
		for (let k = 0; k < components; k++) {
			// A component no frame chose keeps its place; its weight goes to almost nothing.
			gmm.weights[k] = Math.max(counts[k], 1e-10) / frames;
			if (counts[k] < 1e-6) continue;
			for (let d = 0; d < dims; d++) {
				const m = sums[k * dims + d] / counts[k];
				gmm.means[k * dims + d] = m;
				gmm.variances[k * dims + d] = Math.max(floor[d], squares[k * dims + d] / counts[k] - m * m);
			}
		}
	}
	return gmm;
}

/**
 * A speaker's model: the background's means moved towards the speaker's data, each by
 * n_k / (n_k + relevance) where n_k is the component's posterior count (Reynolds et al. 2000, eq. 2–4);
 * weights and variances stay the background's.
 */
export function mapAdaptMeans(ubm: DiagonalGmm, x: Float64Array, options: { relevance?: number } = {}): DiagonalGmm {
	checkObservations(x, ubm.dims);
	const relevance = options.relevance ?? 16;
	if (!(relevance >= 0)) throw new RangeError(`relevance must be ≥ 0; got ${relevance}.`);
	const { counts, sums } = statistics(ubm, x);
	const means = Float64Array.from(ubm.means);
	for (let k = 0; k < ubm.components; k++) {
		if (counts[k] <= 0) continue;
		const alpha = counts[k] / (counts[k] + relevance);
		for (let d = 0; d < ubm.dims; d++) {
			const i = k * ubm.dims + d;
			means[i] = alpha * (sums[i] / counts[k]) + (1 - alpha) * ubm.means[i];
		}
	}
	return { ...ubm, weights: Float64Array.from(ubm.weights), variances: Float64Array.from(ubm.variances), means };
}

/** Average log-likelihood per frame of `x` under `gmm`, nats. */
export function meanLogLikelihood(gmm: DiagonalGmm, x: Float64Array): number {
	const frames = checkObservations(x, gmm.dims);
	if (frames === 0) throw new RangeError('need at least one frame.');
	const constants = logConstants(gmm);
	const log = new Float64Array(gmm.components);
	let total = 0;
	for (let t = 0; t < frames; t++) total += componentLogDensities(gmm, constants, x, t, log);
	return total / frames;
}

/** The average log-likelihood ratio of `x`, speaker model over background, nats a frame. */
export function logLikelihoodRatio(speaker: DiagonalGmm, ubm: DiagonalGmm, x: Float64Array): number {
	return meanLogLikelihood(speaker, x) - meanLogLikelihood(ubm, x);
}
