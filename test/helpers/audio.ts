import { makeHumMelody } from '../fixtures/hum-melody';

/** The hummed test melody repeated back to back until `seconds` long (a long take with real content). */
export function hummedTake(seconds: number, sampleRate = 44100): Float32Array {
	const { pcm } = makeHumMelody({ sampleRate });
	const out = new Float32Array(Math.round(seconds * sampleRate));
	for (let offset = 0; offset < out.length; offset += pcm.length) {
		out.set(pcm.subarray(0, Math.min(pcm.length, out.length - offset)), offset);
	}
	return out;
}
