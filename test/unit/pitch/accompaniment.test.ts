/**
 * Accompaniment detection from Basic Pitch's note activations (the studio's own model): a voice
 * alone is not accompanied; the same voice over block chords is, even when the chords sit well
 * below it; real solo singing (vocadito) is not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAudio, prepareTake } from '../../../src/lib/audio';
import { accompanimentFraction, estimateF0, transcribe } from '../../../src/lib/pitch';
import { basicPitchFor } from '../../helpers/basic-pitch-runner';
import { SHARED_DATA } from '../../helpers/paths';
import { makeHumMelody } from '../../fixtures/hum-melody';
import { synthVoice } from '../../fixtures/synth-voice';

/** The hummed melody over C–F–G–C–F–G block chords (three voices, 2.4 s each), chord tones at `peak`. */
function humOverChords(peak: number): { pcm: Float32Array; sampleRate: number } {
	const hum = makeHumMelody();
	const mix = Float32Array.from(hum.pcm);
	const chords = [[48, 52, 55], [53, 57, 60], [43, 47, 50], [48, 52, 55], [53, 57, 60], [43, 50, 55]];
	chords.forEach((tones, c) => {
		for (const midiPitch of tones) {
			const onsetSeconds = 0.5 + c * 2.4;
			const tone = synthVoice([{ onsetSeconds, offsetSeconds: onsetSeconds + 2.3, midiPitch }], {
				vowel: 'ah',
				seed: midiPitch + c,
				durationSeconds: hum.pcm.length / hum.sampleRate,
				vibratoCents: 0,
				peak
			});
			for (let i = 0; i < mix.length; i++) mix[i] += tone.pcm[i];
		}
	});
	return { pcm: mix, sampleRate: hum.sampleRate };
}

async function fractionOf(pcm: Float32Array, sampleRate: number): Promise<number> {
	return accompanimentFraction(estimateF0(pcm, sampleRate), await basicPitchFor(pcm, sampleRate));
}

describe('accompaniment detection', () => {
	it('a voice alone: under 0.2 of sounding frames have other notes, and transcribe says not accompanied', async () => {
		const { pcm, sampleRate } = makeHumMelody();
		expect(await fractionOf(pcm, sampleRate)).toBeLessThan(0.2);
		const analysis = transcribe(pcm, sampleRate, { basicPitch: await basicPitchFor(pcm, sampleRate) });
		expect(analysis.accompanied).toBe(false);
	});

	it('the voice over chords, loud or 20 dB quieter: over 0.8, accompanied, and the melody still found', async () => {
		for (const peak of [0.15, 0.03]) {
			const { pcm, sampleRate } = humOverChords(peak);
			expect(await fractionOf(pcm, sampleRate)).toBeGreaterThan(0.8);
		}
		const { pcm, sampleRate } = humOverChords(0.05);
		const analysis = transcribe(pcm, sampleRate, { basicPitch: await basicPitchFor(pcm, sampleRate) });
		expect(analysis.accompanied).toBe(true);
		expect(analysis.notes.length).toBeGreaterThan(10);
	});

	it('the f0-only engine does not claim to know', () => {
		const { pcm, sampleRate } = makeHumMelody();
		expect(transcribe(pcm, sampleRate).accompanied).toBeNull();
	});

	const vocadito = path.join(SHARED_DATA, 'vocadito/vocadito_1.wav');
	it.skipIf(!existsSync(vocadito))('real solo singing (vocadito_1; skipped when ../shared/data is absent) is not accompanied', async () => {
		const take = prepareTake(await decodeAudio(new Uint8Array(readFileSync(vocadito))));
		expect(await fractionOf(take.pcm, take.sampleRate)).toBeLessThan(0.35);
	});
});
