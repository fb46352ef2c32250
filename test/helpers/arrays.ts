/**
 * Largest |a[i] − b[i]| over the first `length` values (default: all; then the lengths must match).
 */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, length?: number): number {
	if (length === undefined && a.length !== b.length) throw new Error(`arrays differ in length: ${a.length} and ${b.length}`);
	const n = length ?? a.length;
	let m = 0;
	for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}
