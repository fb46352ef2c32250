/**
 * Aligning the prompt's syllables to a reading of it: the phones are aligned by broad phonetic
 * class (phone-alignment.ts), and each syllable runs from its first phone to its last, its vowel
 * starting at its nucleus. Readings that are silent, or far too short for the prompt, are refused.
 */
import type { LyricSyllable } from '../lyrics/types';
import { alignPhones, type AlignedPhone } from './phone-alignment';
import { speechFeatures, type SpeechFeatures } from './speech-features';

export interface AlignedSyllable {
	syllable: LyricSyllable;
	startSeconds: number;
	endSeconds: number;
	/** Where the vowel (nucleus) starts: the onset consonants lie before it. */
	nucleusStartSeconds: number;
	/** The syllable's phones with their times. */
	phones: Array<{ ipa: string; role: 'onset' | 'nucleus' | 'coda'; startSeconds: number; endSeconds: number }>;
}

export interface AlignSyllablesOptions {
	/** Frames within this many dB of the quietest speech-free level count as silence (default 12). */
	silenceMarginDb?: number;
	/** Precomputed features (the profile builder computes them once). */
	features?: SpeechFeatures;
}

export class AlignmentError extends RangeError {
	readonly code = 'reading_not_found';
	constructor(message: string) {
		super(message);
		this.name = 'AlignmentError';
	}
}

export function alignSyllables(pcm: Float32Array, sampleRate: number, syllables: LyricSyllable[], options: AlignSyllablesOptions = {}): AlignedSyllable[] {
	const n = syllables.length;
	if (n === 0) return [];
	const features = options.features ?? speechFeatures(pcm, sampleRate);
	const { energyDb, hopSeconds } = features;
	const frames = energyDb.length;
	const sorted = Float64Array.from(energyDb).sort();
	const floorDb = sorted[Math.floor(0.05 * frames)];
	const peakDb = sorted[Math.floor(0.98 * frames)];
	if (peakDb - floorDb < 15) throw new AlignmentError('The reading is silent or buried in noise: no speech stands out from the background.');
	const silenceDb = floorDb + (options.silenceMarginDb ?? 12);
	let speechFrames = 0;
	for (let t = 0; t < frames; t++) if (energyDb[t] >= silenceDb) speechFrames++;
	const phoneCount = syllables.reduce((sum, s) => sum + s.onset.length + s.nucleus.length + s.coda.length, 0);
	if (speechFrames < 3 * n || speechFrames < 2 * phoneCount) {
		throw new AlignmentError(`The reading holds ${(speechFrames * hopSeconds).toFixed(1)} s of speech for ${n} syllables: read the whole prompt, clearly and not too fast.`);
	}
	const phones = alignPhones(features, syllables);
	const bySyllable: AlignedPhone[][] = syllables.map(() => []);
	for (const p of phones) bySyllable[p.syllable].push(p);
	if (bySyllable.some((list) => list.length === 0)) throw new AlignmentError('The reading does not fit the prompt: some syllables could not be found in it.');
	return syllables.map((syllable, k) => {
		const list = bySyllable[k];
		const nucleus = list.find((p) => p.role === 'nucleus') ?? list[0];
		return {
			syllable,
			startSeconds: list[0].startFrame * hopSeconds,
			endSeconds: list[list.length - 1].endFrame * hopSeconds,
			nucleusStartSeconds: nucleus.startFrame * hopSeconds,
			phones: list.map((p) => ({ ipa: p.ipa, role: p.role, startSeconds: p.startFrame * hopSeconds, endSeconds: p.endFrame * hopSeconds }))
		};
	});
}
