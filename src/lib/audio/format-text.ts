/** Seconds as users read them in messages: one decimal ("600.0 s"), two below one second. */
export function formatSeconds(seconds: number): string {
	return `${Math.abs(seconds) < 1 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

/** A fraction as a percentage with one decimal ("2.3%"), two for very small values. */
export function formatPercent(fraction: number): string {
	const percent = fraction * 100;
	return `${percent < 0.1 ? percent.toFixed(2) : percent.toFixed(1)}%`;
}

/** The warning for a file that stops before its end: with the declared length when the header has one. */
export function endsEarlyWarning(declaredSeconds: number | null, decodedSeconds: number): string {
	return declaredSeconds !== null && declaredSeconds > decodedSeconds
		? `The file ends early: the header promised ${formatSeconds(declaredSeconds)}, ${formatSeconds(decodedSeconds)} were decoded.`
		: `The file ends early: its last part was cut off; ${formatSeconds(decodedSeconds)} were decoded.`;
}
