/** One VCTK speaker's sentences joined into one recording (with pauses), and their text one per line. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav } from '../../src/lib/audio/wav';
import { VCTK_TRANSCRIPTS } from '../fixtures/vctk-transcripts';
import { SHARED_DATA } from './paths';

export function joinedVctkReading(speaker: string, sentences: string[], pauseSeconds = 0.3): { pcm: Float32Array; sampleRate: number; text: string } {
	const wavs = sentences.map((s) => decodeWav(new Uint8Array(readFileSync(path.join(SHARED_DATA, `vctk/${speaker}/${speaker}_${s}.wav`)))));
	const sampleRate = wavs[0].sampleRate;
	const gap = Math.round(pauseSeconds * sampleRate);
	const pcm = new Float32Array(wavs.reduce((n, w) => n + w.channels[0].length + gap, 0));
	let at = 0;
	for (const w of wavs) {
		pcm.set(w.channels[0], at);
		at += w.channels[0].length + gap;
	}
	return { pcm, sampleRate, text: sentences.map((s) => VCTK_TRANSCRIPTS[s]).join('\n') };
}
