import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, makeJoinCode, normalizeJoinCode, spacedJoinCode } from '../../../src/lib/classroom';

describe('join codes', () => {
	it('use an alphabet without look-alikes (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, G, U/V) and no repeats', () => {
		for (const c of '0OQD1IL2Z5S8BGUV') expect(JOIN_CODE_ALPHABET).not.toContain(c);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
		expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z0-9]+$/);
	});

	it('are six characters drawn from the alphabet by the random source', () => {
		const picks: number[] = [];
		const code = makeJoinCode((n) => {
			expect(n).toBe(JOIN_CODE_ALPHABET.length);
			picks.push(picks.length % n);
			return picks[picks.length - 1];
		});
		expect(code).toHaveLength(JOIN_CODE_LENGTH);
		expect(code).toBe(JOIN_CODE_ALPHABET.slice(0, 6));
		expect(makeJoinCode((n) => n - 1)).toBe(JOIN_CODE_ALPHABET.at(-1)!.repeat(6));
	});

	it.each([
		['K7X3MP', 'K7X3MP'],
		['k7x3mp', 'K7X3MP'],
		['k7x-3mp', 'K7X3MP'],
		[' K7X 3MP ', 'K7X3MP'],
		['k-7-x 3 m\tp', 'K7X3MP']
	])('read %j as %s (case, spaces and dashes ignored)', (typed, code) => {
		expect(normalizeJoinCode(typed)).toBe(code);
	});

	it.each([['K7X3M'], ['K7X3MPA'], [''], ['K7X3M0'], ['K7X3MO'], ['K7X3MI'], ['K7X3M1'], ['K7X3M_'], ['K7X3MÉ'], [null], [123456], [undefined]])('refuse %j (wrong length or character)', (typed) => {
		expect(normalizeJoinCode(typed)).toBeNull();
	});

	it('show as two groups of three for the projector', () => {
		expect(spacedJoinCode('K7X3MP')).toBe('K7X 3MP');
		expect(normalizeJoinCode(spacedJoinCode('K7X3MP'))).toBe('K7X3MP');
	});
});
