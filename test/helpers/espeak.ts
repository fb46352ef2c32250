/**
 * Synthetic readings with known syllable (or word) times, rendered by eSpeak NG (the Debian
 * package, run as a program): each unit is rendered on its own, trimmed of silence, and the
 * pieces are joined with short overlaps and a pause at punctuation, so every boundary is known.
 * Tests that use it skip when `espeak-ng` is not installed.
 */
import { spawnSync } from 'node:child_process';
import { decodeWav } from '../../src/lib/audio/wav';
import { resample } from '../../src/lib/audio/resample';

export const HAS_ESPEAK = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;

export interface EspeakVoice {
	/** eSpeak voice, e.g. 'yue', 'en-us', 'en+f3'. */
	voice: string;
	/** Words per minute (eSpeak's -s, default 175). */
	speed?: number;
	/** Pitch 0–99 (eSpeak's -p, default 50). */
	pitch?: number;
}

/** One utterance rendered by eSpeak NG, mono at `sampleRate`. */
export function renderEspeak(text: string, voice: EspeakVoice, sampleRate = 44100): Float32Array {
	const args = ['-v', voice.voice, '-s', String(voice.speed ?? 175), '-p', String(voice.pitch ?? 50), '--stdout', text];
	const out = spawnSync('espeak-ng', args, { maxBuffer: 64 << 20 });
	if (out.status !== 0) throw new Error(`espeak-ng ${args.join(' ')} failed: ${out.stderr}`);
	const wav = decodeWav(new Uint8Array(out.stdout));
	const mono = wav.channels[0];
	return wav.sampleRate === sampleRate ? mono : resample(mono, wav.sampleRate, sampleRate);
}

/** Indices of the first and last samples above −40 dB of the peak. */
function speechSpan(x: Float32Array): [number, number] {
	let peak = 0;
	for (const v of x) peak = Math.max(peak, Math.abs(v));
	const threshold = peak * 0.01;
	let first = 0;
	while (first < x.length && Math.abs(x[first]) < threshold) first++;
	let last = x.length - 1;
	while (last > first && Math.abs(x[last]) < threshold) last--;
	return [first, last];
}

export interface SyntheticReading {
	pcm: Float32Array;
	sampleRate: number;
	/** Start and end of each unit, seconds. */
	units: Array<{ text: string; startSeconds: number; endSeconds: number }>;
}

/**
 * Renders `units` one by one and joins them: 15 ms crossfades inside a phrase, `pauseSeconds` of
 * silence where `pauseAfter[i]` is set, 0.3 s of silence at both ends.
 */
export function syntheticReading(units: string[], pauseAfter: boolean[], voice: EspeakVoice, sampleRate = 44100, pauseSeconds = 0.25): SyntheticReading {
	const fade = Math.round(0.015 * sampleRate);
	const edge = Math.round(0.3 * sampleRate);
	const pieces = units.map((u) => {
		const x = renderEspeak(u, voice, sampleRate);
		const [a, b] = speechSpan(x);
		return x.subarray(Math.max(0, a - fade), Math.min(x.length, b + fade + 1));
	});
	let length = 2 * edge;
	pieces.forEach((p, i) => (length += p.length - fade + (pauseAfter[i] ? Math.round(pauseSeconds * sampleRate) : 0)));
	const pcm = new Float32Array(length + fade);
	const timing: SyntheticReading['units'] = [];
	let at = edge;
	pieces.forEach((p, i) => {
		for (let j = 0; j < p.length; j++) {
			const gainIn = j < fade ? j / fade : 1;
			const gainOut = j >= p.length - fade ? (p.length - j) / fade : 1;
			pcm[at + j] += p[j] * gainIn * gainOut;
		}
		// The boundary is the middle of each crossfade.
		timing.push({ text: units[i], startSeconds: (at + fade / 2) / sampleRate, endSeconds: (at + p.length - fade / 2) / sampleRate });
		at += p.length - fade + (pauseAfter[i] ? Math.round(pauseSeconds * sampleRate) : 0);
	});
	return { pcm, sampleRate, units: timing };
}
