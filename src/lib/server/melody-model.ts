/**
 * Basic Pitch (Bittner et al., ICASSP 2022) through onnxruntime-node, worker side. The model is the
 * studio's own conversion, models/basic-pitch.onnx, produced from the @spotify/basic-pitch npm
 * package by `npm run models` and pinned by models/manifest.json; nothing is downloaded.
 *
 * One session per process and configuration: creating one parses the graph and plans memory
 * (~100 ms), so every job reuses it. Threads: option, else env `ORT_THREADS`, else ONNX Runtime's
 * default (one per core). Execution provider: option, else env `ORT_PROVIDER` (`cpu` default;
 * `cuda` where asked, falling back to CPU with a warning when this build or machine has no CUDA).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { StudioError } from './errors';

import {
	BASIC_PITCH_CONTOUR_BINS,
	BASIC_PITCH_FRAMES_PER_WINDOW as BASIC_PITCH_WINDOW_FRAMES,
	BASIC_PITCH_NOTE_BINS as BASIC_PITCH_PIANO_BINS,
	BASIC_PITCH_WINDOW_SAMPLES
} from '../pitch/basic-pitch/constants';

export { BASIC_PITCH_WINDOW_SAMPLES };
/** Tensor names of models/basic-pitch.onnx. */
export const BASIC_PITCH_ONNX_NAMES = { input: 'audio', contour: 'contour', note: 'note', onset: 'onset' } as const;

export type MelodyExecutionProvider = 'cpu' | 'cuda';

export interface BasicPitchSessionOptions {
	/** Intra-op threads; default env `ORT_THREADS`, else ONNX Runtime's choice (one per core). */
	threads?: number;
	/** Default env `ORT_PROVIDER`, else `cpu`. */
	executionProvider?: MelodyExecutionProvider;
	/** Model file; default env `BASIC_PITCH_MODEL`, else models/basic-pitch.onnx in the repository. */
	modelPath?: string;
	/** Check the file's sha256 against models/manifest.json before loading (default true). */
	verifyManifest?: boolean;
}

export interface BasicPitchSession {
	session: ort.InferenceSession;
	/** The provider actually in use (after any fallback). */
	executionProvider: MelodyExecutionProvider;
	threads: number | null;
	modelPath: string;
}

/** The network's outputs for `n` windows, window-major. */
export interface BasicPitchWindowsOutput {
	/** n × 172 × 264 pitch salience. */
	contour: Float32Array;
	/** n × 172 × 88 note activity. */
	note: Float32Array;
	/** n × 172 × 88 onset activity. */
	onset: Float32Array;
	frames: typeof BASIC_PITCH_WINDOW_FRAMES;
}

export interface RunBasicPitchOptions {
	/**
	 * Windows per `session.run` call (default 8). Larger batches amortise per-call overhead; smaller
	 * ones bound peak memory (~25 MB of activations per window in the constant-Q front end).
	 */
	batchSize?: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFAULT_MODEL_PATH = path.join(REPO_ROOT, 'models/basic-pitch.onnx');
const MANIFEST_PATH = path.join(REPO_ROOT, 'models/manifest.json');

const sessions = new Map<string, Promise<BasicPitchSession>>();

function resolveThreads(option: number | undefined): number | null {
	const raw = option ?? (process.env.ORT_THREADS ? Number(process.env.ORT_THREADS) : undefined);
	if (raw === undefined) return null;
	if (!Number.isInteger(raw) || raw < 1 || raw > 256) {
		throw new RangeError(`ONNX Runtime threads must be an integer in [1, 256] (option threads or env ORT_THREADS); got ${raw}.`);
	}
	return raw;
}

function resolveProvider(option: MelodyExecutionProvider | undefined): MelodyExecutionProvider {
	const raw = option ?? (process.env.ORT_PROVIDER || 'cpu');
	if (raw !== 'cpu' && raw !== 'cuda') {
		throw new RangeError(`ONNX Runtime execution provider must be "cpu" or "cuda" (option executionProvider or env ORT_PROVIDER); got "${raw}".`);
	}
	return raw;
}

function verifyAgainstManifest(modelPath: string, bytes: Uint8Array): void {
	if (!existsSync(MANIFEST_PATH) || path.resolve(modelPath) !== DEFAULT_MODEL_PATH) return;
	const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { models?: Record<string, { sha256?: string }> };
	const expected = manifest.models?.['basic-pitch']?.sha256;
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (expected && expected !== actual) {
		throw new StudioError(
			'model_stale',
			500,
			`models/basic-pitch.onnx does not match models/manifest.json (sha256 ${actual.slice(0, 12)}…, expected ${expected.slice(0, 12)}…): run \`npm run models\` to regenerate it.`
		);
	}
}

async function createSession(modelPath: string, threads: number | null, provider: MelodyExecutionProvider, verify: boolean): Promise<BasicPitchSession> {
	if (!existsSync(modelPath)) {
		throw new StudioError('model_missing', 500, `The melody model ${modelPath} is missing: run \`npm run models\` to generate it from the @spotify/basic-pitch package.`);
	}
	const bytes = new Uint8Array(readFileSync(modelPath));
	if (verify) verifyAgainstManifest(modelPath, bytes);
	const base: ort.InferenceSession.SessionOptions = {
		graphOptimizationLevel: 'all',
		executionMode: 'sequential',
		interOpNumThreads: 1,
		...(threads ? { intraOpNumThreads: threads } : {})
	};
	if (provider === 'cuda') {
		try {
			const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['cuda'], logSeverityLevel: 4 });
			return { session, executionProvider: 'cuda', threads, modelPath };
		} catch (e) {
			console.warn(`melody model: CUDA execution provider unavailable (${(e as Error).message.split('\n')[0]}); using CPU.`);
		}
	}
	const session = await ort.InferenceSession.create(bytes, { ...base, executionProviders: ['cpu'] });
	return { session, executionProvider: 'cpu', threads, modelPath };
}

/** The process's Basic Pitch session for these settings, created on first use. */
export function loadBasicPitchSession(options: BasicPitchSessionOptions = {}): Promise<BasicPitchSession> {
	const threads = resolveThreads(options.threads);
	const provider = resolveProvider(options.executionProvider);
	const modelPath = path.resolve(options.modelPath ?? (process.env.BASIC_PITCH_MODEL || DEFAULT_MODEL_PATH));
	const verify = options.verifyManifest ?? true;
	const key = JSON.stringify([modelPath, threads, provider, verify]);
	let pending = sessions.get(key);
	if (!pending) {
		pending = createSession(modelPath, threads, provider, verify);
		// A failed load is not cached, so fixing the file (npm run models) and retrying works.
		pending.catch(() => sessions.delete(key));
		sessions.set(key, pending);
	}
	return pending;
}

/** Releases every session this process created (worker shutdown, tests). */
export async function releaseBasicPitchSessions(): Promise<void> {
	const pending = [...sessions.values()];
	sessions.clear();
	for (const p of pending) {
		try {
			await (await p).session.release();
		} catch {
			// A session that failed to load has nothing to release.
		}
	}
}

/**
 * Runs `n` windows of 43 844 samples (window-major in `windows`) through the network, `batchSize`
 * windows per call, and returns the outputs concatenated window-major.
 */
export async function runBasicPitchWindows(
	model: BasicPitchSession,
	windows: Float32Array,
	n: number,
	options: RunBasicPitchOptions = {}
): Promise<BasicPitchWindowsOutput> {
	const { batchSize = 8 } = options;
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`window count must be a whole number ≥ 0; got ${n}.`);
	if (windows.length !== n * BASIC_PITCH_WINDOW_SAMPLES) {
		throw new RangeError(`expected ${n} × ${BASIC_PITCH_WINDOW_SAMPLES} = ${n * BASIC_PITCH_WINDOW_SAMPLES} samples, got ${windows.length}.`);
	}
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1; got ${batchSize}.`);
	const contourSize = BASIC_PITCH_WINDOW_FRAMES * BASIC_PITCH_CONTOUR_BINS;
	const pianoSize = BASIC_PITCH_WINDOW_FRAMES * BASIC_PITCH_PIANO_BINS;
	const contour = new Float32Array(n * contourSize);
	const note = new Float32Array(n * pianoSize);
	const onset = new Float32Array(n * pianoSize);
	const names = BASIC_PITCH_ONNX_NAMES;
	for (let first = 0; first < n; first += batchSize) {
		const count = Math.min(batchSize, n - first);
		const batch = windows.subarray(first * BASIC_PITCH_WINDOW_SAMPLES, (first + count) * BASIC_PITCH_WINDOW_SAMPLES);
		const input = new ort.Tensor('float32', batch, [count, BASIC_PITCH_WINDOW_SAMPLES, 1]);
		const out = await model.session.run({ [names.input]: input });
		contour.set(out[names.contour].data as Float32Array, first * contourSize);
		note.set(out[names.note].data as Float32Array, first * pianoSize);
		onset.set(out[names.onset].data as Float32Array, first * pianoSize);
		for (const name of [names.contour, names.note, names.onset]) out[name].dispose();
	}
	return { contour, note, onset, frames: BASIC_PITCH_WINDOW_FRAMES };
}

/**
 * A `(windows, count) => outputs` runner over the process's session, the shape the pitch
 * pipeline (src/lib/pitch/basic-pitch) takes, so that code stays free of ONNX Runtime.
 */
export function createBasicPitchRunner(
	options: BasicPitchSessionOptions & RunBasicPitchOptions = {}
): (windows: Float32Array, count: number) => Promise<BasicPitchWindowsOutput> {
	return async (windows, count) => runBasicPitchWindows(await loadBasicPitchSession(options), windows, count, options);
}
