/**
 * Speech is not a melody: read sentences (VCTK, 4 speakers; skipped when ../shared/data is absent)
 * get "no melody" with a message, while hummed, sung and fast melodies keep their notes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAudio, prepareTake } from '../../../src/lib/audio';
import { looksLikeSpeech, transcribe } from '../../../src/lib/pitch';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';
import { SHARED_DATA } from '../../helpers/paths';
import { makeHumMelody } from '../../fixtures/hum-melody';
import { melodyCases } from '../../fixtures/melody-cases';

const note = (onsetSeconds: number, lengthSeconds: number) => ({ onsetSeconds, offsetSeconds: onsetSeconds + lengthSeconds, midiPitch: 60, confidence: 1 });

describe('looksLikeSpeech', () => {
	it('needs both short notes and little coverage: syllables in a sentence yes, a fast run or held notes no', () => {
		const syllables = Array.from({ length: 10 }, (_, i) => note(i * 0.5, 0.15));
		expect(looksLikeSpeech(syllables, 5)).toBe(true);
		const fastRun = Array.from({ length: 16 }, (_, i) => note(i * 0.125, 0.11));
		expect(looksLikeSpeech(fastRun, 2.2)).toBe(false);
		const held = Array.from({ length: 4 }, (_, i) => note(i * 2, 1.5));
		expect(looksLikeSpeech(held, 20)).toBe(false);
		expect(looksLikeSpeech([], 5)).toBe(false);
	});
});

describe('transcribe on speech and song', () => {
	it('keeps the hummed melody and the fast-notes case', async () => {
		const hum = makeHumMelody();
		const a = transcribe(hum.pcm, hum.sampleRate, { basicPitch: await basicPitchFor(hum.pcm, hum.sampleRate) });
		expect(a.message).toBeNull();
		expect(a.notes.length).toBe(21);
		const fast = melodyCases().fast;
		const b = transcribe(fast.pcm, fast.sampleRate, { basicPitch: await basicPitchFor(fast.pcm, fast.sampleRate) });
		expect(b.notes.length).toBe(16);
	});

	const vctk = path.join(SHARED_DATA, 'vctk');
	it.skipIf(!existsSync(vctk))('says "no melody … speech" for read sentences of all four VCTK speakers (11 of 12 at least)', async () => {
		let speech = 0;
		let total = 0;
		for (const speaker of ['p225', 'p226', 'p227', 'p228']) {
			for (const file of readdirSync(path.join(vctk, speaker)).filter((f) => f.endsWith('.wav')).slice(0, 3)) {
				const take = prepareTake(await decodeAudio(new Uint8Array(readFileSync(path.join(vctk, speaker, file)))), { minSeconds: 0 });
				const analysis = transcribe(take.pcm, take.sampleRate, { basicPitch: await basicPitchFor(take.pcm, take.sampleRate) });
				total++;
				if (analysis.notes.length === 0 && /speech/.test(analysis.message ?? '')) speech++;
			}
		}
		expect(total).toBe(12);
		expect(speech).toBeGreaterThanOrEqual(11);
	});

	const vocadito = path.join(SHARED_DATA, 'basic-pitch');
	it.skipIf(!existsSync(vocadito))('keeps real amateur singing (vocadito_10 and _14) as melody', async () => {
		for (const file of ['vocadito_10.wav', 'vocadito_14.wav']) {
			const take = prepareTake(await decodeAudio(new Uint8Array(readFileSync(path.join(vocadito, file)))));
			const analysis = transcribe(take.pcm, take.sampleRate, { basicPitch: await basicPitchFor(take.pcm, take.sampleRate) });
			expect(analysis.message).toBeNull();
			expect(analysis.notes.length).toBeGreaterThan(15);
		}
	});
});
