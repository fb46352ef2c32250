/**
 * The breath detector: on constructed readings (a breath in a pause is found; a hum, an "s" and
 * silence are not), on real readings (Common Voice Mandarin and Cantonese, VCTK English; skipped
 * without ../shared/data), on eSpeak (no breaths), and a sung phrase that starts with one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { analyzeWorld } from '../../../src/lib/vocoder/analysis';
import { findBreaths, MAX_BREATH_SECONDS, MIN_BREATH_SECONDS, type Breath } from '../../../src/lib/voice/breaths';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { firstSoundSample, voicedLevelDb } from '../../../src/lib/voice/phrase-breath';
import { parseVoiceProfile, serializeVoiceProfile } from '../../../src/lib/voice/profile-json';
import { singPhrase, type SungNote } from '../../../src/lib/voice/sing';
import { alignSyllables } from '../../../src/lib/voice/syllable-alignment';
import { VCTK_TRANSCRIPTS } from '../../fixtures/vctk-transcripts';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';
import { SHARED_DATA } from '../../helpers/paths';
import { readWav16 } from '../pitch/real-data';

const FS = 16000;
const FP = 0.005;

/** A seeded noise generator (uniform in [−1, 1]). */
function noise(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 31 - 1;
	};
}

/** Two "syllables" (voiced 200 Hz tones, −20 dBFS) around a pause holding `pause`, over a −70 dB noise floor. */
function constructed(pause: (i: number, n: () => number) => number): { pcm: Float32Array; search: Parameters<typeof findBreaths>[2] } {
	const pcm = new Float32Array(3 * FS);
	const n = noise(7);
	for (let i = 0; i < pcm.length; i++) {
		const t = i / FS;
		const voiced = t < 1 || t >= 2;
		pcm[i] = 3e-4 * n() + (voiced ? 0.14 * Math.sin(2 * Math.PI * 200 * t) : t >= 1.3 && t < 1.7 ? pause(i, n) : 0);
	}
	const f0Hz = Float64Array.from({ length: Math.round(3 / FP) + 1 }, (_, f) => (f * FP < 1 || f * FP >= 2 ? 200 : 0));
	return { pcm, search: { f0Hz, framePeriodSeconds: FP, spans: [{ startSeconds: 0.05, endSeconds: 1 }, { startSeconds: 2, endSeconds: 2.95 }] } };
}

/** Noise low-passed by a one-pole filter (a breath's spectrum falls with frequency) or high-passed (an "s"). */
function coloured(highPass: boolean, gain: number): (i: number, n: () => number) => number {
	let low = 0;
	return (_i, n) => {
		const x = n();
		low += 0.3 * (x - low);
		return gain * (highPass ? x - low : low);
	};
}

describe('finding breaths', () => {
	it('finds a breath in a pause: unvoiced, broadband, above the floor and below speech, with its level', () => {
		const { pcm, search } = constructed(coloured(false, 0.02));
		const breaths = findBreaths(pcm, FS, search);
		expect(breaths).toHaveLength(1);
		expect(breaths[0].sourceSeconds).toBeGreaterThan(1.25);
		expect(breaths[0].sourceSeconds).toBeLessThan(1.35);
		expect(breaths[0].pcm.length / FS).toBeGreaterThan(0.35);
		expect(breaths[0].pcm.length / FS).toBeLessThan(0.5);
		// The "syllables" are at −20 dBFS (power of 0.14 sin); the breath's noise about 30 dB below.
		expect(breaths[0].levelDb).toBeLessThan(-20);
		expect(breaths[0].levelDb).toBeGreaterThan(-45);
	});

	it('finds none in silence, in a hum, in an "s", in noise as loud as speech, or without aligned syllables', () => {
		expect(findBreaths(constructed(() => 0).pcm, FS, constructed(() => 0).search)).toEqual([]);
		expect(findBreaths(new Float32Array(3 * FS), FS, constructed(() => 0).search)).toEqual([]);
		const hum = constructed((i) => 0.01 * Math.sin((2 * Math.PI * 150 * i) / FS));
		expect(findBreaths(hum.pcm, FS, hum.search)).toEqual([]);
		const s = constructed(coloured(true, 0.02));
		expect(findBreaths(s.pcm, FS, s.search)).toEqual([]);
		const loud = constructed(coloured(false, 0.5));
		expect(findBreaths(loud.pcm, FS, loud.search)).toEqual([]);
		const breath = constructed(coloured(false, 0.02));
		expect(findBreaths(breath.pcm, FS, { ...breath.search, spans: [] })).toEqual([]);
	});
});

const COMMON_VOICE = path.join(SHARED_DATA, 'commonvoice');
const HAS_READINGS = existsSync(path.join(COMMON_VOICE, 'cmn-commonvoice-zh-CN/transcripts.tsv')) && existsSync(path.join(SHARED_DATA, 'vctk/p225/p225_003.wav'));

function breathsOf(file: string, text: string, language: 'yue' | 'cmn' | 'en'): { breaths: Breath[]; firstSyllableSeconds: number } {
	const { pcm, sampleRate } = readWav16(file);
	const aligned = alignSyllables(pcm, sampleRate, readLyrics(text, language));
	const params = analyzeWorld(pcm, sampleRate, { f0Method: 'dio', aperiodicityEvery: 2 });
	return { breaths: findBreaths(pcm, sampleRate, { f0Hz: params.f0Hz, framePeriodSeconds: params.framePeriodSeconds, spans: aligned }), firstSyllableSeconds: aligned[0].startSeconds };
}

function transcripts(language: 'cmn' | 'yue'): Array<[string, string]> {
	const dir = path.join(COMMON_VOICE, language === 'cmn' ? 'cmn-commonvoice-zh-CN' : 'yue-commonvoice-zh-HK');
	return readFileSync(path.join(dir, 'transcripts.tsv'), 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t'))
		.map(([file, text]) => [path.join(dir, file), text]);
}

describe.skipIf(!HAS_READINGS)('breaths in real readings (Common Voice, VCTK; skipped without ../shared/data)', () => {
	it('finds the inhalation before a Mandarin reader starts (cmn_F1_04), quiet against her vowels', () => {
		const [file, text] = transcripts('cmn').find(([f]) => f.endsWith('cmn_F1_04.wav'))!;
		const { breaths, firstSyllableSeconds } = breathsOf(file, text, 'cmn');
		console.log(`cmn_F1_04: ${breaths.map((b) => `${b.sourceSeconds.toFixed(2)} s, ${(b.pcm.length / b.sampleRate).toFixed(2)} s long, ${b.levelDb.toFixed(1)} dB`).join('; ')}; first syllable at ${firstSyllableSeconds.toFixed(2)} s`);
		expect(breaths.length).toBeGreaterThanOrEqual(1);
		expect(breaths[0].sourceSeconds + breaths[0].pcm.length / breaths[0].sampleRate).toBeLessThanOrEqual(firstSyllableSeconds + 0.03);
		expect(breaths[0].levelDb).toBeLessThan(-12);
		expect(breaths[0].levelDb).toBeGreaterThan(-50);
	});

	it('over readings in three languages: every breath found lies in a pause, 0.15–0.7 s long, below speech; the count is reported', () => {
		const readings: Array<[string, string, 'yue' | 'cmn' | 'en']> = [
			...transcripts('cmn').filter((_, i) => i % 4 === 0).map(([f, t]) => [f, t, 'cmn'] as [string, string, 'cmn']),
			...transcripts('yue').filter((_, i) => i % 4 === 0).map(([f, t]) => [f, t, 'yue'] as [string, string, 'yue']),
			...['p225', 'p226', 'p227', 'p228'].map((s) => [path.join(SHARED_DATA, `vctk/${s}/${s}_003.wav`), VCTK_TRANSCRIPTS['003'], 'en'] as [string, string, 'en'])
		];
		let withBreath = 0;
		let found = 0;
		for (const [file, text, language] of readings) {
			const { breaths } = breathsOf(file, text, language);
			if (breaths.length) withBreath++;
			found += breaths.length;
			for (const b of breaths) {
				expect(b.pcm.length / b.sampleRate).toBeGreaterThanOrEqual(MIN_BREATH_SECONDS);
				expect(b.pcm.length / b.sampleRate).toBeLessThanOrEqual(MAX_BREATH_SECONDS + 0.05);
				expect(b.levelDb).toBeLessThan(-12);
			}
		}
		console.log(`breaths: ${found} in ${withBreath} of ${readings.length} real readings`);
		expect(withBreath).toBeGreaterThanOrEqual(1);
	});
});

describe.skipIf(!HAS_ESPEAK)('eSpeak readings have no breaths (skipped without espeak-ng); singing with one', () => {
	const lines = READING_PROMPTS.en.lines;
	const profile = buildVoiceProfile(renderEspeak(lines.join(' '), { voice: 'en-us', speed: 170 }), 44100, 'en', lines);

	it('finds none in an eSpeak reading, and says so in the profile (an empty list, kept through JSON)', () => {
		expect(profile.breaths).toEqual([]);
		expect(parseVoiceProfile(JSON.parse(JSON.stringify(serializeVoiceProfile(profile)))).breaths).toEqual([]);
	});

	it('starts a phrase with the breath, ending before its first consonant at the reading’s relative level; none without room', () => {
		const fs = 44100;
		const n = noise(3);
		let low = 0;
		const pcm = Int16Array.from({ length: Math.round(0.4 * fs) }, () => {
			low += 0.3 * (n() - low);
			return Math.round(2000 * low);
		});
		const breath: Breath = { sampleRate: fs, pcm, levelDb: -28, sourceSeconds: 0 };
		const withBreaths = parseVoiceProfile(JSON.parse(JSON.stringify(serializeVoiceProfile({ ...profile, breaths: [breath] }))));
		expect(withBreaths.breaths![0].pcm).toEqual(pcm);
		const notes: SungNote[] = readLyrics('sing a song', 'en').map((syllable, i) => ({ onsetSeconds: 2 + 0.5 * i, durationSeconds: 0.5, midiPitch: 60 + 2 * i, syllable }));
		const plain = singPhrase(withBreaths, notes, { breath: { roomSeconds: 0.6, choice: 0 } });
		const without = singPhrase(profile, notes, { breath: { roomSeconds: 0.6, choice: 0 } });
		expect(plain.startSeconds).toBeCloseTo(2 - 0.25 - 0.6, 9);
		const first = firstSoundSample(without.pcm, fs, voicedLevelDb(without.pcm, fs, Uint8Array.from({ length: Math.ceil(without.pcm.length / fs / 0.005) }, (_, t) => (t * 0.005 + without.startSeconds >= 2 ? 1 : 0)), 0.005));
		// The breath lies before the first consonant; from there on the two renders are the same.
		let breathPower = 0;
		let breathSamples = 0;
		for (let i = 0; i < plain.pcm.length; i++) {
			const d = plain.pcm[i] - without.pcm[i];
			if (i >= first - Math.round(0.02 * fs)) expect(Math.abs(d)).toBeLessThan(1e-6);
			else if (d !== 0) {
				breathPower += d * d;
				breathSamples++;
			}
		}
		expect(breathSamples / fs).toBeGreaterThan(0.35);
		// Its level against the sung vowels (mean power of the voiced frames from the first note on).
		let vowelPower = 0;
		let vowelSamples = 0;
		for (let i = Math.round((2 - plain.startSeconds) * fs); i < Math.round((3.3 - plain.startSeconds) * fs); i++) {
			vowelPower += without.pcm[i] * without.pcm[i];
			vowelSamples++;
		}
		const relativeDb = 10 * Math.log10(breathPower / breathSamples) - 10 * Math.log10(vowelPower / vowelSamples);
		console.log(`sung breath: ${(breathSamples / fs).toFixed(2)} s, ${relativeDb.toFixed(1)} dB against the vowels (reading: -28 dB)`);
		expect(Math.abs(relativeDb - -28)).toBeLessThan(4);
		// No room, no breath.
		const none = singPhrase(withBreaths, notes);
		expect(none.startSeconds).toBeCloseTo(2 - 0.25, 9);
	});
});
