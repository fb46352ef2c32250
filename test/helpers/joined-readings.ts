/**
 * Real readings from ../shared/data for the voice benchmark: a speaker's recordings joined into one
 * reading with short pauses between them, and the lines of text they read, as a take's reading
 * part would be. VCTK (16 kHz, English, texts in test/fixtures/vctk-transcripts.ts) and Common
 * Voice (44.1 kHz, Mandarin and Cantonese, texts in each folder's transcripts.tsv).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../src/lib/take/types';
import { VCTK_TRANSCRIPTS } from '../fixtures/vctk-transcripts';
import { readWav16 } from '../unit/pitch/real-data';
import { SHARED_DATA } from './paths';

export interface RealReading {
	name: string;
	pcm: Float32Array;
	sampleRate: number;
	language: Language;
	lines: string[];
}

/** Pause put between two recordings, s. */
const GAP_SECONDS = 0.4;

function join(name: string, language: Language, parts: Array<{ pcm: Float32Array; sampleRate: number; line: string }>): RealReading {
	const sampleRate = parts[0].sampleRate;
	const gap = Math.round(GAP_SECONDS * sampleRate);
	const pcm = new Float32Array(parts.reduce((n, p) => n + p.pcm.length + gap, 0));
	let at = 0;
	for (const p of parts) {
		pcm.set(p.pcm, at);
		at += p.pcm.length + gap;
	}
	return { name, pcm, sampleRate, language, lines: parts.map((p) => p.line) };
}

export const HAS_REAL_READINGS = existsSync(path.join(SHARED_DATA, 'vctk/p225')) && existsSync(path.join(SHARED_DATA, 'commonvoice/cmn-commonvoice-zh-CN/transcripts.tsv'));

/** A VCTK speaker's sentences in order, the first `count` of them (default all), as one reading. */
export function vctkReading(speaker: string, count = Infinity): RealReading {
	const dir = path.join(SHARED_DATA, 'vctk', speaker);
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.wav') && VCTK_TRANSCRIPTS[f.slice(speaker.length + 1, speaker.length + 4)])
		.sort()
		.slice(0, count);
	return join(`${speaker}_${files.length}`, 'en', files.map((f) => ({ ...readWav16(path.join(dir, f)), line: VCTK_TRANSCRIPTS[f.slice(speaker.length + 1, speaker.length + 4)] })));
}

/** A Common Voice speaker's clips (file names starting with `speaker`, e.g. cmn_F1) as one reading. */
export function commonVoiceReading(folder: string, speaker: string, language: Language): RealReading {
	const dir = path.join(SHARED_DATA, 'commonvoice', folder);
	const rows = readFileSync(path.join(dir, 'transcripts.tsv'), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((row) => row.split('\t'))
		.filter(([file]) => file.startsWith(`${speaker}_`));
	return join(speaker, language, rows.map(([file, text]) => ({ ...readWav16(path.join(dir, file)), line: text })));
}
