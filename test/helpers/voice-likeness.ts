/**
 * The voice-likeness experiment on VCTK (../shared/data/vctk, 4 speakers, the same sentences each):
 * a profile per speaker from the first half of the sentences; each held-out sentence is aligned to
 * its text (the aligner's labels), then re-spoken at its own timing and f0 from the profile's units
 * only; mel-cepstral distortion (order 24, DTW-aligned, speech frames) to the real sentence, and to
 * the same sentence read by the other speakers for speaker identification.
 *
 * A second measure, not a spectral distance: a GMM-UBM speaker model on MFCCs (Reynolds et al.
 * 2000; src/lib/dsp/gmm.ts). A background model of GMM_COMPONENTS diagonal Gaussians is trained by
 * seeded EM on all four speakers' training readings, each speaker's model is MAP-adapted from it
 * on that speaker's training reading (relevance 16), and each re-spoken held-out sentence is scored
 * by its average log-likelihood ratio under every speaker's model; the highest names the speaker.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dtw } from '../../src/lib/dsp/dtw';
import { logLikelihoodRatio, mapAdaptMeans, trainGmm } from '../../src/lib/dsp/gmm';
import { mfccFrames } from '../../src/lib/dsp/mel-cepstra';
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

/** Components of the background model. */
export const GMM_COMPONENTS = 32;
const MFCC_COUNT = 20;

/**
 * Speaker features: MFCC c1 … c19 (10 ms hop) of the frames within 30 dB of the loudest, less
 * their mean over the recording (cepstral mean normalisation: the channel, here the vocoder's
 * overall tilt, drops out), with their regression deltas over ±2 frames.
 */
export function speakerFeatures(x: Float32Array, fs: number): Float64Array {
	const { frames, count, values } = mfccFrames(x, fs, { count: MFCC_COUNT });
	let peak = -Infinity;
	for (let t = 0; t < frames; t++) peak = Math.max(peak, values[t * count]);
	// c0 is the mean log band power in nepers of power: 30 dB is ln(1000).
	const kept: number[] = [];
	for (let t = 0; t < frames; t++) if (values[t * count] > peak - Math.log(1000)) kept.push(t);
	const d = count - 1;
	const mean = new Float64Array(d);
	for (const t of kept) for (let q = 1; q < count; q++) mean[q - 1] += values[t * count + q] / kept.length;
	const at = (i: number, q: number) => values[kept[Math.max(0, Math.min(kept.length - 1, i))] * count + q] - mean[q - 1];
	const out = new Float64Array(kept.length * 2 * d);
	for (let i = 0; i < kept.length; i++) {
		for (let q = 1; q < count; q++) {
			out[i * 2 * d + q - 1] = at(i, q);
			out[i * 2 * d + d + q - 1] = (at(i + 1, q) - at(i - 1, q) + 2 * (at(i + 2, q) - at(i - 2, q))) / 10;
		}
	}
	return out;
}

const concat = (parts: Float64Array[]) => {
	const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};

export interface GmmUbmResult {
	/** Per speaker: held-out sentences identified (of `trials`), mean LLR under the own model and under the others', nats a frame. */
	bySpeaker: Record<string, { identified: number; trials: number; ownLlr: number; otherLlr: number }>;
	identified: number;
	trials: number;
	/** The same scoring of the real held-out sentences: what the measure can tell apart at best. */
	realIdentified: number;
}

/** Scores each speaker's sentences (features) under every speaker's MAP-adapted model. */
export function gmmUbmIdentification(training: Record<string, Float64Array>, tests: Record<string, Float64Array[]>, real: Record<string, Float64Array[]>): GmmUbmResult {
	const dims = 2 * (MFCC_COUNT - 1);
	const ubm = trainGmm(concat(VCTK_SPEAKERS.map((s) => training[s])), dims, { components: GMM_COMPONENTS, iterations: 20, seed: 1 });
	const models = Object.fromEntries(VCTK_SPEAKERS.map((s) => [s, mapAdaptMeans(ubm, training[s], { relevance: 16 })]));
	const nearest = (x: Float64Array) => {
		const llr = Object.fromEntries(VCTK_SPEAKERS.map((s) => [s, logLikelihoodRatio(models[s], ubm, x)]));
		return { llr, best: VCTK_SPEAKERS.reduce((b, s) => (llr[s] > llr[b] ? s : b), VCTK_SPEAKERS[0]) };
	};
	const bySpeaker: GmmUbmResult['bySpeaker'] = {};
	let identified = 0;
	let realIdentified = 0;
	let trials = 0;
	for (const speaker of VCTK_SPEAKERS) {
		const entry = { identified: 0, trials: 0, ownLlr: 0, otherLlr: 0 };
		for (const x of tests[speaker]) {
			const { llr, best } = nearest(x);
			entry.trials++;
			if (best === speaker) entry.identified++;
			entry.ownLlr += llr[speaker] / tests[speaker].length;
			entry.otherLlr += VCTK_SPEAKERS.filter((s) => s !== speaker).reduce((sum, s) => sum + llr[s], 0) / (VCTK_SPEAKERS.length - 1) / tests[speaker].length;
		}
		for (const x of real[speaker]) if (nearest(x).best === speaker) realIdentified++;
		bySpeaker[speaker] = entry;
		identified += entry.identified;
		trials += entry.trials;
	}
	return { bySpeaker, identified, trials, realIdentified };
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
	/** The GMM-UBM measure on the same re-spoken sentences. */
	gmmUbm: GmmUbmResult;
}

export function voiceLikeness(): LikenessResult {
	const real: Record<string, Record<string, Float64Array[]>> = {};
	const realFeatures: Record<string, Float64Array[]> = {};
	for (const speaker of VCTK_SPEAKERS) {
		real[speaker] = {};
		realFeatures[speaker] = [];
		for (const sentence of TEST_SENTENCES) {
			const { pcm, sampleRate } = wavOf(speaker, sentence);
			real[speaker][sentence] = speechMelCepstra(pcm, sampleRate);
			realFeatures[speaker].push(speakerFeatures(pcm, sampleRate));
		}
	}
	const trainingFeatures: Record<string, Float64Array> = {};
	const spokenFeatures: Record<string, Float64Array[]> = {};
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
		trainingFeatures[speaker] = concat(parts.map((p) => speakerFeatures(p.pcm, fs)));
		spokenFeatures[speaker] = [];
		let sum = 0;
		for (const sentence of TEST_SENTENCES) {
			const { pcm } = wavOf(speaker, sentence);
			const aligned = alignSyllables(pcm, fs, readLyrics(VCTK_TRANSCRIPTS[sentence], 'en'));
			const f0 = analyzeWorld(pcm, fs);
			const spoken = speakAligned(profile, aligned, f0, pcm.length / fs);
			const synthetic = speechMelCepstra(spoken, fs);
			spokenFeatures[speaker].push(speakerFeatures(spoken, fs));
			const mcd: Record<string, number> = {};
			for (const other of VCTK_SPEAKERS) mcd[other] = mcdDtw(synthetic, real[other][sentence]);
			sum += mcd[speaker];
			const nearest = VCTK_SPEAKERS.reduce((best, s) => (mcd[s] < mcd[best] ? s : best), VCTK_SPEAKERS[0]);
			if (nearest === speaker) identified++;
			details.push({ speaker, sentence, mcd });
		}
		mcdBySpeaker[speaker] = sum / TEST_SENTENCES.length;
	}
	const gmmUbm = gmmUbmIdentification(trainingFeatures, spokenFeatures, realFeatures);
	return { mcdBySpeaker, identified, trials: VCTK_SPEAKERS.length * TEST_SENTENCES.length, details, gmmUbm };
}
