/**
 * Joining separately rendered phrases into one vocal: each phrase is added at its place (a phrase
 * starts with its pre-roll, so its first consonants come before its first note), and the sum is kept
 * below full scale. The sing stage's mix and the CLI's `sing` both use it, so they sound the same.
 */

export interface PlacedPhrase {
	/** Where the phrase's first sample goes in the vocal, samples (may be negative). */
	atSample: number;
	pcm: Float32Array;
}

export interface JoinPhrasesOptions {
	/** Highest sample peak the vocal may reach, linear (default 0.98: just below full scale). */
	maxPeak?: number;
}

export function joinPhrases(parts: PlacedPhrase[], options: JoinPhrasesOptions = {}): Float32Array {
	const maxPeak = options.maxPeak ?? 0.98;
	const length = Math.max(1, ...parts.map((p) => p.atSample + p.pcm.length));
	const mix = new Float32Array(length);
	// A phrase whose pre-roll starts before 0 s (a note on the very first beat) loses that much of its
	// silent lead-in rather than being moved earlier.
	for (const { atSample: at, pcm } of parts) for (let i = Math.max(0, -at); i < pcm.length; i++) mix[at + i] += pcm[i];
	let peak = 0;
	for (const v of mix) peak = Math.max(peak, Math.abs(v));
	// Overlapping phrase tails may add up: keep the mix below full scale.
	if (peak > maxPeak) for (let i = 0; i < mix.length; i++) mix[i] *= maxPeak / peak;
	return mix;
}
