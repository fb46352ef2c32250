/** Polls until `poll` gives a value (not null), every 250 ms; throws after `timeoutMs`. */
export async function pollUntil<T>(what: string, poll: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await poll();
		if (value !== null) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}
