/**
 * The arranger's seeded random numbers: Mulberry32 (Tommy Ettinger, 2017), a 32-bit generator
 * small enough to inline and good enough for choosing variations and humanising velocities. The
 * same seed gives the same backing in the browser and in the worker.
 */
import { mulberry32 } from './random';

/** A function returning uniform numbers in [0, 1), determined by `seed` (any finite number; its integer bits are used). */
export function seededRandom(seed: number): () => number {
	if (!Number.isFinite(seed)) throw new RangeError(`seed ${seed} is not a finite number`);
	return mulberry32(Math.trunc(seed) ^ 0x9e3779b9);
}

/** A velocity factor within ±5 %: players never strike twice alike. */
export function humanise(random: () => number): number {
	return 1 + (random() - 0.5) * 0.1;
}
