/**
 * The voice-likeness experiment on VCTK (../shared/data/vctk, 4 speakers, the same sentences each):
 * a profile per speaker from the first half of the sentences; each held-out sentence is aligned to
 * its text (the aligner's labels), then re-spoken at its own timing and f0 from the profile's units
 * only; mel-cepstral distortion (order 24, DTW-aligned, speech frames) to the real sentence, and to
 * the same sentence read by the other speakers for speaker identification.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dtw } from '../../src/lib/dsp/dtw';
import { readLyrics } from '../../src/lib/lyrics/read-lyrics';
import { analyzeWorld } from '../../src/lib/vocoder/analysis';
import { melCepstraOfFrames, melCepstralDistortionOfFrame } from '../../src/lib/vocoder/mel-cepstrum';
import { buildVoiceProfile } from '../../src/lib/voice/build-profile';
import { speakAligned } from '../../src/lib/voice/speak';
import { alignSyllables } from '../../src/lib/voice/syllable-alignment';
import { VCTK_TRANSCRIPTS } from '../fixtures/vctk-transcripts';
import { SHARED_DATA } from './paths';
import { readWav16 } from '../unit/pitch/real-data';

export const VCTK_SPEAKERS = ['p225', 'p226', 'p227', 'p228'];
export const TRAIN_SENTENCES = ['003', '008', '011', '016', '019'];
export const TEST_SENTENCES = ['021', '022', '023', '024'];
export const HAS_VCTK = existsSync(path.join(SHARED_DATA, 'vctk/p228/p228_024.wav'));

const wavOf = (speaker: string, sentence: string) => readWav16(path.join(SHARED_DATA, `vctk/${speaker}/${speaker}_${sentence}.wav`));

/** Mel-cepstra (order 24) of the frames within 35 dB of the loudest: speech, not the pauses. */
function speechMelCepstra(x: Float32Array, fs: number): Float64Array[] {
	const mc = melCepstraOfFrames(analyzeWorld(x, fs).sp, fs, { order: 24 });
	const peak = Math.max(...mc.map((c) => c[0]));
	return mc.filter((c) => c[0] > peak - 35 / 8.686);
}

export function mcdDtw(a: Float64Array[], b: Float64Array[]): number {
	return dtw(a.length, b.length, (i, j) => melCepstralDistortionOfFrame(a[i], b[j])).meanCost;
}

export interface LikenessResult {
	/** Mean MCD of each speaker's re-spoken sentences to the real ones, dB. */
	mcdBySpeaker: Record<string, number>;
	/** Held-out sentences whose re-spoken version is nearest the right speaker's reading. */
	identified: number;
	trials: number;
	/** Per trial: the speaker, the sentence, the MCD to each speaker's reading. */
	details: Array<{ speaker: string; sentence: string; mcd: Record<string, number> }>;
}

export function voiceLikeness(): LikenessResult {
	const real: Record<string, Record<string, Float64Array[]>> = {};
	for (const speaker of VCTK_SPEAKERS) {
		real[speaker] = {};
		for (const sentence of TEST_SENTENCES) {
			const { pcm, sampleRate } = wavOf(speaker, sentence);
			real[speaker][sentence] = speechMelCepstra(pcm, sampleRate);
		}
	}
	const details: LikenessResult['details'] = [];
	const mcdBySpeaker: Record<string, number> = {};
	let identified = 0;
	for (const speaker of VCTK_SPEAKERS) {
		// The profile: the training sentences joined with 0.3 s pauses, read as one prompt.
		const parts = TRAIN_SENTENCES.map((s) => wavOf(speaker, s));
		const fs = parts[0].sampleRate;
		const gap = Math.round(0.3 * fs);
		const joined = new Float32Array(parts.reduce((n, p) => n + p.pcm.length + gap, 0));
		let at = 0;
		for (const p of parts) {
			joined.set(p.pcm, at);
			at += p.pcm.length + gap;
		}
		const profile = buildVoiceProfile(joined, fs, 'en', TRAIN_SENTENCES.map((s) => VCTK_TRANSCRIPTS[s]));
		let sum = 0;
		for (const sentence of TEST_SENTENCES) {
			const { pcm } = wavOf(speaker, sentence);
			const aligned = alignSyllables(pcm, fs, readLyrics(VCTK_TRANSCRIPTS[sentence], 'en'));
			const f0 = analyzeWorld(pcm, fs);
			const spoken = speakAligned(profile, aligned, f0, pcm.length / fs);
			const synthetic = speechMelCepstra(spoken, fs);
			const mcd: Record<string, number> = {};
			for (const other of VCTK_SPEAKERS) mcd[other] = mcdDtw(synthetic, real[other][sentence]);
			sum += mcd[speaker];
			const nearest = VCTK_SPEAKERS.reduce((best, s) => (mcd[s] < mcd[best] ? s : best), VCTK_SPEAKERS[0]);
			if (nearest === speaker) identified++;
			details.push({ speaker, sentence, mcd });
		}
		mcdBySpeaker[speaker] = sum / TEST_SENTENCES.length;
	}
	return { mcdBySpeaker, identified, trials: VCTK_SPEAKERS.length * TEST_SENTENCES.length, details };
}
