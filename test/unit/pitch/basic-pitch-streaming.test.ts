/**
 * Live Basic Pitch (StreamingBasicPitch) against the offline path on the same audio: the frames it
 * has produced are the offline frames, whatever the chunk sizes, and after `advance(true)` it has
 * all of them.
 */
import { describe, expect, it } from 'vitest';
import { basicPitchNoteEvents, runBasicPitch, StreamingBasicPitch, BASIC_PITCH_NOTE_BINS } from '../../../src/lib/pitch/basic-pitch';
import { makeHumMelody } from '../../fixtures/hum-melody';
import { basicPitchTestRunner } from '../../helpers/basic-pitch-runner';
import { maxAbsDiff } from '../../helpers/arrays';

describe('StreamingBasicPitch', () => {
	for (const sampleRate of [48000, 44100]) {
		it(`gives the offline frames while audio arrives in uneven chunks (${sampleRate} Hz)`, async () => {
			const { pcm } = makeHumMelody({ sampleRate });
			const run = basicPitchTestRunner();
			const offline = await runBasicPitch(pcm, sampleRate, run);
			const live = new StreamingBasicPitch(run, sampleRate);
			const sizes = [128, 2048, 4096, 333, 17000];
			const seen: number[] = [];
			for (let at = 0, k = 0; at < pcm.length; k++) {
				const size = sizes[k % sizes.length];
				live.push(pcm.subarray(at, Math.min(pcm.length, at + size)));
				at += size;
				if (k % 7 === 0) seen.push(await live.advance());
			}
			// Frames appear window by window, 142 at a time, before the end of the take.
			expect(seen.some((f) => f > 0 && f < offline.frames)).toBe(true);
			expect(seen.every((f) => f % 142 === 0)).toBe(true);
			const partial = live.output();
			expect(maxAbsDiff(partial.note, offline.note, partial.note.length)).toBeLessThan(1e-5);
			expect(await live.advance(true)).toBe(offline.frames);
			const all = live.output();
			for (const name of ['note', 'onset', 'contour'] as const) {
				expect(all[name].length).toBe(offline[name].length);
				expect(maxAbsDiff(all[name], offline[name], all[name].length)).toBeLessThan(1e-5);
			}
			const notes = basicPitchNoteEvents(all);
			expect(notes.map((n) => n.midiPitch)).toEqual(basicPitchNoteEvents(offline).map((n) => n.midiPitch));
			expect(all.note.length / BASIC_PITCH_NOTE_BINS).toBe(offline.frames);
		});
	}

	it('a take shorter than one window still gives all its frames at the end', async () => {
		const { pcm } = makeHumMelody({ sampleRate: 48000 });
		const short = pcm.subarray(0, 48000);
		const run = basicPitchTestRunner();
		const live = new StreamingBasicPitch(run, 48000);
		live.push(short);
		expect(await live.advance()).toBe(0);
		const offline = await runBasicPitch(short, 48000, run);
		expect(await live.advance(true)).toBe(offline.frames);
		expect(maxAbsDiff(live.output().onset, offline.onset, offline.onset.length)).toBeLessThan(1e-5);
		expect(() => live.push(short)).toThrow(/after finish/);
	});
});
