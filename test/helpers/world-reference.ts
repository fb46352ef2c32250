/**
 * The C++ WORLD reference analyses in ../shared/data/world-reference (see its README there): f0 (DIO +
 * StoneMask), CheapTrick power envelope and D4C aperiodicity at a 5 ms frame period, and WORLD's own
 * copy synthesis. Tests that use them skip when ../shared/data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav } from '../../src/lib/audio/wav';
import { SHARED_DATA } from './paths';

export const WORLD_REFERENCE_DIR = path.join(SHARED_DATA, 'world-reference');
export const HAS_WORLD_REFERENCE = existsSync(path.join(WORLD_REFERENCE_DIR, 'vaiueo2d.json'));

export type WorldReferenceName = 'vaiueo2d' | 'p225_003';

export interface WorldReference {
	name: WorldReferenceName;
	/** The analysed speech, mono, at `fs`. */
	x: Float32Array;
	fs: number;
	framePeriodSeconds: number;
	frames: number;
	fftSize: number;
	bins: number;
	f0Hz: Float32Array;
	/** frames × bins, row-major. */
	sp: Float32Array;
	ap: Float32Array;
	/** WORLD's resynthesis from these parameters. */
	resynth: Float32Array;
}

function f32(file: string): Float32Array {
	const bytes = readFileSync(path.join(WORLD_REFERENCE_DIR, file));
	return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function wav(file: string): { pcm: Float32Array; fs: number } {
	const decoded = decodeWav(new Uint8Array(readFileSync(file)));
	return { pcm: decoded.channels[0], fs: decoded.sampleRate };
}

export function loadWorldReference(name: WorldReferenceName): WorldReference {
	const meta = JSON.parse(readFileSync(path.join(WORLD_REFERENCE_DIR, `${name}.json`), 'utf8')) as {
		source: string;
		fs: number;
		framePeriodMs: number;
		frames: number;
		bins: number;
		fftSize: number;
	};
	const sourcePath = name === 'p225_003' ? path.join(SHARED_DATA, 'vctk/p225/p225_003.wav') : path.join(WORLD_REFERENCE_DIR, meta.source);
	const source = wav(sourcePath);
	if (source.fs !== meta.fs) throw new Error(`${name}: WAV at ${source.fs} Hz, reference analysed at ${meta.fs} Hz`);
	return {
		name,
		x: source.pcm,
		fs: meta.fs,
		framePeriodSeconds: meta.framePeriodMs / 1000,
		frames: meta.frames,
		fftSize: meta.fftSize,
		bins: meta.bins,
		f0Hz: f32(`${name}.f0.f32`),
		sp: f32(`${name}.sp.f32`),
		ap: f32(`${name}.ap.f32`),
		resynth: wav(path.join(WORLD_REFERENCE_DIR, `${name}.world-resynth.wav`)).pcm
	};
}
