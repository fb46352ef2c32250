/**
 * Seeded pseudo-random numbers for the composer. Every choice the composer makes draws from one of
 * these, so a (seed, candidate) pair always gives the same melody, in the worker and in the browser
 * alike (Math.random cannot be seeded).
 *
 * Generator: Mulberry32 (T. Ettinger, 2017), a 32-bit Weyl sequence passed through a multiply–xorshift
 * output function. Period 2^32 and small statistical flaws are irrelevant here: a melody draws a few
 * hundred numbers, and what matters is speed, portability (only 32-bit integer maths, `Math.imul`) and
 * exact reproducibility.
 */

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer uniform in [min, max], both ends included. */
	int(min: number, max: number): number;
	/** True with probability `p` (0..1). */
	chance(p: number): boolean;
	/** One element, uniformly; throws RangeError on an empty list. */
	pick<T>(items: readonly T[]): T;
	/** An index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
	weightedIndex(weights: readonly number[]): number;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit (avalanche). */
function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/**
 * Combines integers (a seed, a candidate number, a phrase index …) into one 32-bit seed, so that
 * streams for neighbouring indices are unrelated rather than shifted copies of each other.
 */
export function mixSeed(...parts: number[]): number {
	let h = 0x9e3779b9;
	for (const part of parts) {
		if (!Number.isFinite(part)) throw new RangeError(`seed parts must be finite numbers, got ${part}`);
		// Split into two 32-bit words so seeds above 2^32 (e.g. Date.now()) keep their high bits.
		const low = part >>> 0;
		const high = Math.floor(part / 4294967296) >>> 0;
		h = fmix32((h ^ low) + 0x9e3779b9);
		h = fmix32((h ^ high) + 0x7f4a7c15);
	}
	return h;
}

/** The bare Mulberry32 stream from a 32-bit `state`: uniform numbers in [0, 1). */
export function mulberry32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A Mulberry32 generator started from `seed` (any finite number; only its 32-bit mix is used). */
export function createRng(seed: number): Rng {
	if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
	const next = mulberry32(mixSeed(seed));
	return {
		next,
		int(min, max) {
			if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
				throw new RangeError(`int(min, max) needs integers with min <= max, got [${min}, ${max}]`);
			}
			return min + Math.floor(next() * (max - min + 1));
		},
		chance(p) {
			return next() < p;
		},
		pick(items) {
			if (items.length === 0) throw new RangeError('pick() needs at least one item, got an empty list');
			return items[Math.floor(next() * items.length)];
		},
		weightedIndex(weights) {
			let total = 0;
			for (const w of weights) {
				if (!(w >= 0)) throw new RangeError(`weights must be >= 0, got ${w}`);
				total += w;
			}
			if (!(total > 0)) throw new RangeError('weightedIndex() needs at least one positive weight');
			let r = next() * total;
			for (let i = 0; i < weights.length; i++) {
				r -= weights[i];
				if (r < 0) return i;
			}
			// Rounding can leave r at exactly 0 after the last subtraction: the last positive weight wins.
			for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
			return 0;
		}
	};
}
