import { describe, expect, it } from 'vitest';
import { joinUrl } from '../../../src/lib/classroom';

describe('joinUrl', () => {
	it('uses the page’s own address when students can reach it', () => {
		expect(joinUrl(new URL('http://192.168.1.20:3000/classes/abc'), '/join/K7X3MP', ['10.0.0.5'])).toBe('http://192.168.1.20:3000/join/K7X3MP');
		expect(joinUrl(new URL('https://studio.school.example/classes/abc'), '/join/K7X3MP', [])).toBe('https://studio.school.example/join/K7X3MP');
	});

	it('replaces localhost and 127.0.0.1 with the first network address, keeping the port', () => {
		expect(joinUrl(new URL('http://localhost:3000/classes/abc'), '/join/K7X3MP', ['192.168.1.20', '10.0.0.5'])).toBe('http://192.168.1.20:3000/join/K7X3MP');
		expect(joinUrl(new URL('http://127.0.0.1:5173/classes/abc'), '/join/K7X3MP', ['10.0.0.5'])).toBe('http://10.0.0.5:5173/join/K7X3MP');
		expect(joinUrl(new URL('http://[::1]/classes/abc'), '/join/K7X3MP', ['10.0.0.5'])).toBe('http://10.0.0.5/join/K7X3MP');
	});

	it('gives no link when the studio is on localhost and the machine has no network address', () => {
		expect(joinUrl(new URL('http://localhost:3000/classes/abc'), '/join/K7X3MP', [])).toBeNull();
	});
});
