/**
 * Sum of the `count` largest of values[0 … n), by partial quickselect (Hoare, "Find", 1961): O(n) on
 * average instead of a full sort. Reorders `values`.
 */
export function sumOfLargest(values: Float64Array, n: number, count: number): number {
	if (count <= 0) return 0;
	if (count >= n) {
		let all = 0;
		for (let i = 0; i < n; i++) all += values[i];
		return all;
	}
	// Place the (n − count)-th smallest at its sorted position; everything after it is no smaller.
	const target = n - count;
	let lo = 0;
	let hi = n - 1;
	while (hi > lo) {
		// Median of three as the pivot guards against sorted runs.
		const mid = (lo + hi) >> 1;
		let a = values[lo];
		let b = values[mid];
		let c = values[hi];
		if (a > b) [a, b] = [b, a];
		if (b > c) [b, c] = [c, b];
		if (a > b) [a, b] = [b, a];
		const pivot = b;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (values[i] < pivot) i++;
			while (values[j] > pivot) j--;
			if (i <= j) {
				const t = values[i];
				values[i] = values[j];
				values[j] = t;
				i++;
				j--;
			}
		}
		if (target <= j) hi = j;
		else if (target >= i) lo = i;
		else break;
	}
	let sum = 0;
	for (let i = target; i < n; i++) sum += values[i];
	return sum;
}
