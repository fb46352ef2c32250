import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodeWav } from '../../../src/lib/audio/wav';
import { InspectionPool } from '../../../src/lib/server/inspection-pool';
import { hum } from '../../fixtures/bad-inputs';
import { flacBomb } from '../../fixtures/bombs';
import { studioErrorOf } from '../../helpers/studio-error';

const pool = new InspectionPool({ threads: 1, memoryLimitMb: 400, timeoutMs: 30_000 });
afterAll(() => pool.close());

describe('InspectionPool', () => {
	it('decodes and checks a take in a thread: format, rate, channels, duration', async () => {
		const inspection = await pool.inspect(encodeWav(hum(5, 44100), 44100));
		expect(inspection).toMatchObject({ format: 'wav', originalSampleRate: 44100, originalChannels: 1, warnings: [] });
		expect(inspection.durationSeconds).toBeCloseTo(5, 2);
	});

	it("refuses the take with the thread's sentence (FLAC bomb → 413 too_long), and the thread serves the next upload", async () => {
		const error = await studioErrorOf(pool.inspect(flacBomb(36_000)));
		expect(error).toMatchObject({ code: 'too_long', httpStatus: 413 });
		expect(error.message).toMatch(/longer than 180 s/);
		const next = await pool.inspect(encodeWav(hum(4, 16000), 16000));
		expect(next.durationSeconds).toBeCloseTo(4, 2);
	});

	it('starts the thread after a bomb only once the ended one has exited, so two threads never hold memory at once', async () => {
		let mostAlive = 0;
		const timer = setInterval(() => (mostAlive = Math.max(mostAlive, pool.threadsAlive)), 1);
		try {
			// The next upload is already waiting when the bomb's thread is ended.
			const bomb = studioErrorOf(pool.inspect(flacBomb(36_000)));
			const next = pool.inspect(encodeWav(hum(4, 16000), 16000));
			expect((await bomb).code).toBe('too_long');
			expect((await next).durationSeconds).toBeCloseTo(4, 2);
			// And after the next refusal a thread is warmed again for the upload after it.
			await studioErrorOf(pool.inspect(flacBomb(1000)));
			await vi.waitFor(() => expect(pool.threadsAlive).toBe(1), { timeout: 5000 });
		} finally {
			clearInterval(timer);
		}
		expect(mostAlive).toBe(1);
	});

	it('keeps the event loop free while a thread decodes (timers fire every ≤ 300 ms; decoding in the request blocked it for seconds)', async () => {
		let worstGapMs = 0;
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			worstGapMs = Math.max(worstGapMs, now - last);
			last = now;
		}, 10);
		await studioErrorOf(pool.inspect(flacBomb(1000)));
		clearInterval(timer);
		expect(worstGapMs).toBeLessThan(300);
	});

	it('ends a thread that runs past the timeout, refusing its upload with a 422 sentence', async () => {
		const slow = new InspectionPool({ threads: 1, memoryLimitMb: 400, timeoutMs: 1 });
		try {
			const error = await studioErrorOf(slow.inspect(encodeWav(hum(5, 44100), 44100)));
			expect(error).toMatchObject({ code: 'decode_timeout', httpStatus: 422 });
			expect(error.message).toMatch(/took longer than 0 s/);
		} finally {
			await slow.close();
		}
	});
});
