/** Frame runs as the voice build uses them: joined, subtracted, split into groups for the threads. */
import { describe, expect, it } from 'vitest';
import { framesIn, framesNotIn, joinRuns, splitRuns } from '../../../src/lib/voice/frame-runs';
import type { FrameRange } from '../../../src/lib/vocoder/types';

describe('splitRuns', () => {
	it('cuts ascending runs into consecutive groups of sizes within one frame of each other, every frame once', () => {
		const cases: Array<[FrameRange[], number]> = [
			[[{ from: 0, to: 7400 }], 2],
			[[{ from: 3, to: 10 }, { from: 40, to: 41 }, { from: 50, to: 90 }], 3],
			[[{ from: 100, to: 7401 }, { from: 7500, to: 7600 }], 8],
			[[{ from: 0, to: 2 }], 3],
			[[], 2]
		];
		for (const [runs, parts] of cases) {
			const groups = splitRuns(runs, parts);
			expect(groups).toHaveLength(parts);
			const pieces = groups.flat();
			// Every frame of the runs, once, in order.
			const frames = (ranges: FrameRange[]) => ranges.flatMap((r) => Array.from({ length: r.to - r.from }, (_, i) => r.from + i));
			expect(frames(pieces)).toEqual(frames(runs));
			const sizes = groups.map(framesIn);
			expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
			for (const piece of pieces) expect(piece.to).toBeGreaterThan(piece.from);
		}
	});
});

describe('framesNotIn', () => {
	it('gives the wanted frames the covered runs leave out', () => {
		const covered = [
			{ from: 10, to: 20 },
			{ from: 30, to: 40 }
		];
		expect(framesNotIn([{ from: 0, to: 50 }], covered)).toEqual([
			{ from: 0, to: 10 },
			{ from: 20, to: 30 },
			{ from: 40, to: 50 }
		]);
		expect(framesNotIn([{ from: 12, to: 18 }, { from: 25, to: 35 }], covered)).toEqual([{ from: 25, to: 30 }]);
		expect(framesNotIn([{ from: 10, to: 20 }], covered)).toEqual([]);
		expect(framesNotIn([{ from: 5, to: 8 }], [])).toEqual([{ from: 5, to: 8 }]);
	});
});

describe('joinRuns', () => {
	it('joins ranges at most the given gap apart, overlapping ones always, and drops empty ones', () => {
		const ranges = [
			{ from: 0, to: 10 },
			{ from: 5, to: 8 },
			{ from: 10, to: 12 },
			{ from: 14, to: 20 },
			{ from: 30, to: 30 },
			{ from: 40, to: 45 }
		];
		expect(joinRuns(ranges, 0)).toEqual([
			{ from: 0, to: 12 },
			{ from: 14, to: 20 },
			{ from: 40, to: 45 }
		]);
		expect(joinRuns(ranges, 2)).toEqual([
			{ from: 0, to: 20 },
			{ from: 40, to: 45 }
		]);
		// The input is left as it was.
		expect(ranges[0]).toEqual({ from: 0, to: 10 });
	});
});
