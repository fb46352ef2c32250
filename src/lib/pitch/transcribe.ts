/**
 * `transcribe`: the studio's melody engine. With Basic Pitch's posteriorgrams (computed by the
 * caller, who owns the ONNX session) the notes come from the fused segmentation of `fuse.ts`;
 * without them, from the f0-only segmentation (`analyzeMelody`'s path). Either way the f0 track is
 * pYIN's, and tuning, key, tempo, motif and the "no melody" messages are `melodyFromNotes`'s.
 * Pure: no I/O.
 */
import { hasAccompaniment } from './accompaniment';
import { looksLikeSpeech } from './speech';
import { analyzeMelody, melodyFromNotes, type AnalyzeMelodyOptions } from './analyze';
import type { BasicPitchOutput } from './basic-pitch';
import { rmsEnvelope } from './envelope';
import { assertSampleRate, PitchError } from './errors';
import { fuseNotes, type FuseNotesOptions } from './fuse';
import { estimateF0 } from './pyin';
import type { MelodyAnalysis } from './types';

/** Engine id of the fused path; bump the version whenever its results change. */
export const FUSED_MELODY_ENGINE = 'pyin+basicpitch@6';

export interface TranscribeOptions extends AnalyzeMelodyOptions {
	/** Basic Pitch's output for the same audio (`runBasicPitch`); absent: f0-only segmentation. */
	basicPitch?: BasicPitchOutput;
	/** Options of the fused segmentation. */
	fuse?: Omit<FuseNotesOptions, 'rms' | 'segment'>;
}

export function transcribe(pcm: Float32Array, sampleRate: number, options: TranscribeOptions = {}): MelodyAnalysis {
	const bp = options.basicPitch;
	if (!bp) return analyzeMelody(pcm, sampleRate, options);
	assertSampleRate(sampleRate);
	if (!(bp.frames >= 0) || bp.note.length !== bp.frames * 88 || bp.onset.length !== bp.frames * 88) {
		throw new PitchError('invalid_option', `basicPitch must hold ${bp.frames} frames × 88 note and onset values; got ${bp.note.length} and ${bp.onset.length}. Pass the output of runBasicPitch for this audio.`);
	}
	const progress = options.onProgress;
	progress?.('pitch', 0);
	const f0 = estimateF0(pcm, sampleRate, { ...options.f0, onProgress: progress ? (f) => progress('pitch', f) : undefined });
	progress?.('notes', 0);
	const rms = rmsEnvelope(pcm, sampleRate, { hopSeconds: f0.hopSeconds });
	const candidates = fuseNotes(f0, bp, { ...options.fuse, segment: options.notes, rms });
	const analysis = melodyFromNotes(FUSED_MELODY_ENGINE, f0, candidates, options);
	if (looksLikeSpeech(analysis.notes, pcm.length / sampleRate)) {
		return {
			...analysis,
			notes: [],
			key: null,
			tempo: null,
			tuningCents: 0,
			tuningDrift: null,
			motif: null,
			accompanied: null,
			message: 'No melody found: this sounds like speech — short gliding syllables rather than held notes. Hum or sing the tune on "mm" or "la".'
		};
	}
	return { ...analysis, accompanied: hasAccompaniment(f0, bp) };
}
