/**
 * How long the recorder lets a take run: the hummed part's limit plus the time a slow reader
 * needs for the prompt. Slow: 2 syllables a second over a line, pauses included (the slowest
 * line of the real readers in ../shared/data goes at 2.1), 1.5 s between lines, and 3 s to
 * find the first line after humming.
 */

/** Syllables per second of a slow reader over a line, its pauses at commas included. */
export const SLOW_SYLLABLES_PER_SECOND = 2;
/** A slow reader's pause between lines, seconds. */
export const SLOW_LINE_PAUSE_SECONDS = 1.5;
/** From the switch to reading to the first word, seconds. */
export const READING_START_SECONDS = 3;

/** Seconds a slow reader takes over a prompt given as syllables per phrase per line. */
export function slowReadingSeconds(lines: readonly (readonly number[])[]): number {
	let syllables = 0;
	for (const phrases of lines) for (const count of phrases) syllables += count;
	return READING_START_SECONDS + syllables / SLOW_SYLLABLES_PER_SECOND + Math.max(0, lines.length - 1) * SLOW_LINE_PAUSE_SECONDS;
}

/** The whole take's limit, whole seconds: the hum's limit and a slow reading of the prompt. */
export function takeSecondsLimit(lines: readonly (readonly number[])[], humMaxSeconds: number): number {
	if (!(humMaxSeconds > 0)) throw new RangeError(`humMaxSeconds must be > 0, got ${humMaxSeconds}`);
	return Math.ceil(humMaxSeconds + slowReadingSeconds(lines));
}
