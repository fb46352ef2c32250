/** Test helpers for the real recordings in ../shared/data (vocadito, VCTK): a minimal 16-bit PCM WAV reader and CSV parsing. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DATA_DIR = path.resolve(repoRoot, '../shared/data');
export const VOCADITO_DIR = path.join(SHARED_DATA_DIR, 'vocadito');
export const hasVocadito = existsSync(path.join(VOCADITO_DIR, 'vocadito_1.wav'));

/** Reads a RIFF/WAVE file with 16-bit integer PCM; channels are averaged to mono. */
export function readWav16(file: string): { pcm: Float32Array; sampleRate: number } {
	const buf = readFileSync(file);
	if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
		throw new Error(`${file} is not a RIFF/WAVE file`);
	}
	let offset = 12;
	let channels = 0;
	let sampleRate = 0;
	let bits = 0;
	while (offset + 8 <= buf.length) {
		const id = buf.toString('ascii', offset, offset + 4);
		const size = buf.readUInt32LE(offset + 4);
		const body = offset + 8;
		if (id === 'fmt ') {
			channels = buf.readUInt16LE(body + 2);
			sampleRate = buf.readUInt32LE(body + 4);
			bits = buf.readUInt16LE(body + 14);
		} else if (id === 'data') {
			if (bits !== 16) throw new Error(`${file}: only 16-bit PCM is supported, got ${bits}-bit`);
			const frames = Math.floor(Math.min(size, buf.length - body) / (2 * channels));
			const pcm = new Float32Array(frames);
			for (let i = 0; i < frames; i++) {
				let acc = 0;
				for (let c = 0; c < channels; c++) acc += buf.readInt16LE(body + 2 * (i * channels + c));
				pcm[i] = acc / channels / 32768;
			}
			return { pcm, sampleRate };
		}
		offset = body + size + (size & 1);
	}
	throw new Error(`${file}: no data chunk`);
}

/** Numeric CSV rows (no header). */
export function readCsv(file: string): number[][] {
	return readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line) => line.split(',').map(Number));
}
