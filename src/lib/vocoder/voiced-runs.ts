/** Voiced runs of an f0 contour (maximal stretches of frames with f0 > 0). */

/** [first, last] frame of each voiced run, in order. */
export function voicedRuns(f0Hz: ArrayLike<number>): Array<[number, number]> {
	const runs: Array<[number, number]> = [];
	let start = -1;
	for (let i = 0; i <= f0Hz.length; i++) {
		const voiced = i < f0Hz.length && f0Hz[i] > 0;
		if (voiced && start < 0) start = i;
		if (!voiced && start >= 0) {
			runs.push([start, i - 1]);
			start = -1;
		}
	}
	return runs;
}
