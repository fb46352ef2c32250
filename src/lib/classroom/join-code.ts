/**
 * Join codes: what a student types from the projector. Six characters from an alphabet without
 * look-alikes (none of 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, G, U/V), read case-insensitively, spaces
 * and dashes ignored. 20^6 = 6.4 × 10^7 codes: with failed guesses rate-limited per address (a few
 * dozen an hour), finding a live class by guessing takes years.
 */
export const JOIN_CODE_ALPHABET = 'ACEFHJKMNPRTWXY34679';
export const JOIN_CODE_LENGTH = 6;

/** A code from `randomIndex(n)` (a uniform integer in [0, n)), e.g. crypto's randomInt. */
export function makeJoinCode(randomIndex: (n: number) => number): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomIndex(JOIN_CODE_ALPHABET.length)];
	return code;
}

/** The canonical code a person typed ("k7x-3mp" → "K7X3MP"), or null when it cannot be one. */
export function normalizeJoinCode(typed: unknown): string | null {
	if (typeof typed !== 'string') return null;
	const code = typed.replace(/[\s-]/g, '').toUpperCase();
	if (code.length !== JOIN_CODE_LENGTH) return null;
	for (const c of code) if (!JOIN_CODE_ALPHABET.includes(c)) return null;
	return code;
}

/** "K7X 3MP": how the projector shows a code (two groups of three are easier to read aloud). */
export const spacedJoinCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
