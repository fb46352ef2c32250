/** Median wall time (s) of `runs` calls after one untimed warm-up (the worker calls these many times: JIT-compiled). */
export function timed<T>(runs: number, f: () => T): { seconds: number; result: T } {
	let result = f();
	const times: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		result = f();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	return { seconds: times[Math.floor(times.length / 2)] / 1000, result };
}
