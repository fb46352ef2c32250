/**
 * Dynamic time warping (Sakoe & Chiba 1978): the monotonic alignment of two sequences that
 * minimises the summed frame distance, with steps (1,0), (0,1), (1,1). Returns the mean distance
 * along the path (total / path length) and the path itself.
 */
export interface DtwResult {
	meanCost: number;
	/** Pairs [i, j] from (0, 0) to (n − 1, m − 1). */
	path: Array<[number, number]>;
}

export function dtw(n: number, m: number, cost: (i: number, j: number) => number): DtwResult {
	if (n === 0 || m === 0) throw new RangeError('DTW needs two non-empty sequences.');
	const total = new Float64Array(n * m);
	const steps = new Int32Array(n * m);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < m; j++) {
			const c = cost(i, j);
			if (i === 0 && j === 0) {
				total[0] = c;
				steps[0] = 1;
				continue;
			}
			let best = Infinity;
			let length = 0;
			const consider = (k: number) => {
				if (total[k] < best) {
					best = total[k];
					length = steps[k];
				}
			};
			if (i > 0 && j > 0) consider((i - 1) * m + j - 1);
			if (i > 0) consider((i - 1) * m + j);
			if (j > 0) consider(i * m + j - 1);
			total[i * m + j] = best + c;
			steps[i * m + j] = length + 1;
		}
	}
	// Trace back the path by re-deciding each step.
	const path: Array<[number, number]> = [[n - 1, m - 1]];
	let i = n - 1;
	let j = m - 1;
	while (i > 0 || j > 0) {
		const diag = i > 0 && j > 0 ? total[(i - 1) * m + j - 1] : Infinity;
		const up = i > 0 ? total[(i - 1) * m + j] : Infinity;
		const left = j > 0 ? total[i * m + j - 1] : Infinity;
		if (diag <= up && diag <= left) {
			i--;
			j--;
		} else if (up <= left) i--;
		else j--;
		path.push([i, j]);
	}
	path.reverse();
	return { meanCost: total[n * m - 1] / path.length, path };
}
