import { describe, expect, it } from 'vitest';
import { dbToGain, loopedPosition } from '../../../src/lib/client/song-playback';

describe('song playback position', () => {
	it('runs on from the start offset without a loop, and wraps inside a loop once it reaches the loop’s end', () => {
		expect(loopedPosition(3, 2, null)).toBe(5);
		const loop = { startSeconds: 10, endSeconds: 14 };
		expect(loopedPosition(12, 1, loop)).toBe(13);
		expect(loopedPosition(12, 2, loop)).toBe(10);
		expect(loopedPosition(12, 7, loop)).toBe(11);
		// Started before the loop: plays into it, then wraps.
		expect(loopedPosition(8, 7, loop)).toBe(11);
	});

	it('turns fader dB into linear gain', () => {
		expect(dbToGain(0)).toBe(1);
		expect(dbToGain(-20)).toBeCloseTo(0.1, 12);
	});
});
