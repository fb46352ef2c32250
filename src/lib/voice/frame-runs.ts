/**
 * Frame runs: ascending, non-overlapping frame ranges [from, to), as the voice build analyses a
 * reading's envelope and aperiodicity in (build-profile.ts): counted, joined across short gaps,
 * subtracted, and cut into groups of about equal size for the voice-build threads.
 */
import type { FrameRange } from '../vocoder/types';

/** Frames in `ranges`. */
export const framesIn = (ranges: FrameRange[]) => ranges.reduce((n, r) => n + r.to - r.from, 0);

/**
 * Ranges sorted by their start, as runs: empty ranges dropped, and a range joined to the run before
 * when it starts at most `maxGapFrames` after that run ends (0: only overlapping or touching ones).
 */
export function joinRuns(ranges: FrameRange[], maxGapFrames: number): FrameRange[] {
	const runs: FrameRange[] = [];
	for (const r of ranges) {
		if (r.to <= r.from) continue;
		const last = runs[runs.length - 1];
		if (last && r.from - last.to <= maxGapFrames) last.to = Math.max(last.to, r.to);
		else runs.push({ from: r.from, to: r.to });
	}
	return runs;
}

/** The frames of ascending runs `wanted` that ascending runs `covered` leave out, as ascending runs. */
export function framesNotIn(wanted: FrameRange[], covered: FrameRange[]): FrameRange[] {
	const out: FrameRange[] = [];
	let c = 0;
	for (const w of wanted) {
		let at = w.from;
		while (c < covered.length && covered[c].to <= at) c++;
		for (let k = c; k < covered.length && covered[k].from < w.to && at < w.to; k++) {
			if (covered[k].from > at) out.push({ from: at, to: covered[k].from });
			at = Math.max(at, covered[k].to);
		}
		if (at < w.to) out.push({ from: at, to: w.to });
	}
	return out;
}

/**
 * Ascending runs cut into `parts` consecutive groups of about equal numbers of frames (within one
 * frame of each other); a run may be cut between two groups. Each group's ranges ascend.
 */
export function splitRuns(runs: FrameRange[], parts: number): FrameRange[][] {
	const total = framesIn(runs);
	const groups: FrameRange[][] = [];
	let run = 0;
	let at = runs[0]?.from ?? 0;
	let done = 0;
	for (let p = 0; p < parts; p++) {
		const group: FrameRange[] = [];
		let left = Math.round(((p + 1) * total) / parts) - done;
		while (left > 0 && run < runs.length) {
			const to = Math.min(runs[run].to, at + left);
			group.push({ from: at, to });
			left -= to - at;
			done += to - at;
			at = to;
			if (at === runs[run].to) at = runs[++run]?.from ?? at;
		}
		groups.push(group);
	}
	return groups;
}
