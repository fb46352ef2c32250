import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/lib/voice/profile-json';

describe('profile base64', () => {
	it('writes standard padded base64 (as Node writes it) for every length remainder, and reads it back', () => {
		for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 1000, 1001, 1002]) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
			const text = bytesToBase64(bytes);
			expect(text).toBe(Buffer.from(bytes).toString('base64'));
			expect(Array.from(base64ToBytes(text))).toEqual(Array.from(bytes));
		}
	});

	it('covers the whole alphabet: every 6-bit value maps to its character', () => {
		const spread = new Uint8Array(48);
		// Three bytes carry four 6-bit values; put 0 … 63 through them in order.
		for (let v = 0; v < 64; v += 4) {
			const o = (v / 4) * 3;
			spread[o] = (v << 2) | ((v + 1) >> 4);
			spread[o + 1] = (((v + 1) & 15) << 4) | ((v + 2) >> 2);
			spread[o + 2] = (((v + 2) & 3) << 6) | (v + 3);
		}
		expect(bytesToBase64(spread)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
	});
});
