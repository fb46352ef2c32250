import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../../src/lib/audio/decode';
import { AUDIO_ERROR_STATUS, isAudioInputError } from '../../../src/lib/audio/errors';
import { prepareTake, STUDIO_SAMPLE_RATE, type PreparedTake } from '../../../src/lib/audio/take';
import { badInputs } from '../../fixtures/bad-inputs';

/** The upload path in miniature: decode, then prepare; an AudioInputError becomes its status. */
async function ingest(bytes: Uint8Array): Promise<{ status: number; code?: string; message?: string; take?: PreparedTake }> {
	try {
		const take = prepareTake(await decodeAudio(bytes));
		return { status: 200, take };
	} catch (e) {
		if (!isAudioInputError(e)) throw e;
		return { status: e.httpStatus, code: e.code, message: e.message };
	}
}

describe('every input in test/fixtures/bad-inputs.ts gets the answer it expects', () => {
	for (const [name, input] of Object.entries(badInputs)) {
		it(`${name}: ${input.description} → ${input.expect.accepted ? 'accepted' : input.expect.code}`, async () => {
			const result = await ingest(input.bytes());
			expect({ status: result.status, code: result.code }).toEqual({ status: input.expect.status, code: input.expect.code });
			if (!input.expect.accepted) {
				expect(AUDIO_ERROR_STATUS[result.code as keyof typeof AUDIO_ERROR_STATUS]).toBe(result.status);
				expect(result.message).toMatch(/\.\)?$/);
				return;
			}
			const take = result.take!;
			expect(take.sampleRate).toBe(STUDIO_SAMPLE_RATE);
			if (input.expect.warning) expect(take.warnings.some((w) => input.expect.warning!.test(w)), take.warnings.join(' | ')).toBe(true);
			else expect(take.warnings).toEqual([]);
			if (input.expect.durationSeconds !== undefined) expect(take.durationSeconds).toBeCloseTo(input.expect.durationSeconds, 2);
			if (input.expect.originalSampleRate !== undefined) expect(take.originalSampleRate).toBe(input.expect.originalSampleRate);
			if (input.expect.originalChannels !== undefined) expect(take.originalChannels).toBe(input.expect.originalChannels);
			expect(take.pcm.every(Number.isFinite)).toBe(true);
		});
	}
});

describe('messages a user can act on, with the measured figure', () => {
	it('too_long says how long the recording is and what is accepted', async () => {
		const result = await ingest(badInputs.tenMinutes.bytes());
		expect(result.message).toBe('The recording is 600.0 s long; the studio accepts 3–180 s. Trim it or record a shorter take.');
	});

	it('too_short says how long the recording is', async () => {
		expect((await ingest(badInputs.twoSeconds.bytes())).message).toMatch(/^The recording is 2\.0 s long; the studio accepts 3–180 s\./);
	});

	it('silent_take asks the user to check the microphone', async () => {
		expect((await ingest(badInputs.silence.bytes())).message).toMatch(
			/^We heard only silence — check that the right microphone is selected and not muted \(.*digital silence\)\.$/
		);
	});

	it('unsupported_format names the formats the studio accepts', async () => {
		expect((await ingest(badInputs.randomBytes.bytes())).message).toMatch(/WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus\.$/);
	});

	it('unsupported_format says what a known foreign file seems to be (MP4)', async () => {
		const mp4 = new Uint8Array([0, 0, 0, 0x20, ...Array.from('ftypM4A ', (c) => c.charCodeAt(0)), 0, 0, 0, 0]);
		expect((await ingest(mp4)).message).toMatch(/looks like an MP4\/M4A \(AAC\) file/);
	});

	it('clipping warning gives the clipped percentage', async () => {
		const take = (await ingest(badInputs.clipped.bytes())).take!;
		const percent = Number(/clips in ([\d.]+)%/.exec(take.warnings.join(' '))![1]);
		expect(percent).toBeCloseTo(take.stats.clippedFraction * 100, 1);
		expect(take.stats.clippedFraction).toBeGreaterThan(0.001);
	});
});

describe('cost', () => {
	it('rejects a 10-minute file in well under a second: duration is checked before any resampling', async () => {
		const bytes = badInputs.tenMinutes.bytes();
		const t0 = performance.now();
		const result = await ingest(bytes);
		const elapsedSeconds = (performance.now() - t0) / 1000;
		console.log(`audio.reject_10min ${elapsedSeconds.toFixed(3)} s`);
		expect(result.code).toBe('too_long');
		expect(elapsedSeconds).toBeLessThan(0.5);
	});

	it('with durationLimits, decodeAudio refuses the 10-minute WAV from its header alone (< 20 ms)', async () => {
		const bytes = badInputs.tenMinutes.bytes();
		const t0 = performance.now();
		let code: string | undefined;
		try {
			await decodeAudio(bytes, { durationLimits: { minSeconds: 3, maxSeconds: 180 } });
		} catch (e) {
			code = isAudioInputError(e) ? e.code : String(e);
		}
		const elapsedSeconds = (performance.now() - t0) / 1000;
		console.log(`audio.reject_10min_header ${elapsedSeconds.toFixed(4)} s`);
		expect(code).toBe('too_long');
		expect(elapsedSeconds).toBeLessThan(0.02);
	});
});
