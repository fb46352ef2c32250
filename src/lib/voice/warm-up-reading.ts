/**
 * A made-up reading for warming a worker up: a few seconds of a sung "la" six times over
 * (harmonics on a gliding f0, short noise onsets, pauses). The aligner takes it for the line
 * WARM_UP_LINES, so a voice can be learned from it and sung with: each stage's per-frame code then
 * runs hot before the first take arrives. Not a voice anyone hears.
 */
export const WARM_UP_LINES = ['la la la la la la'];

/** Seconds of one "la": 40 ms of noise, 260 ms of voice, 120 ms of near silence. */
const SYLLABLE_SECONDS = 0.42;

export function warmUpReading(sampleRate: number): Float32Array {
	const x = new Float32Array(Math.round(6 * SYLLABLE_SECONDS * sampleRate));
	let seed = 1;
	const noise = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
	let phase = 0;
	for (let i = 0; i < x.length; i++) {
		const t = (i / sampleRate) % SYLLABLE_SECONDS;
		if (t < 0.04) x[i] = 0.2 * noise();
		else if (t < 0.3) {
			phase += (2 * Math.PI * (130 + 40 * t)) / sampleRate;
			let v = 0;
			for (let h = 1; h <= 30; h++) v += Math.sin(h * phase) / h;
			x[i] = 0.25 * v;
		} else x[i] = 0.001 * noise();
	}
	return x;
}
