/**
 * Join codes cannot be guessed at speed (built web server and Redis, no worker): every attempt,
 * right or wrong, counts against the address's join limit (RATE_JOINS_PER_ADDRESS, README
 * "Configuration"), and past it the studio answers 429 with Retry-After, even for a code that
 * exists, until the window passes.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET } from '../../src/lib/classroom';
import { startClass } from '../helpers/classroom';
import { startWebOnly, type WebOnlyStack } from '../helpers/limits-stack';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const PER_ADDRESS = 6;
const WINDOW_SECONDS = 600;

describe.skipIf(!HAS_REDIS && !process.env.CI)('the join rate limit (built web server and Redis)', () => {
	let stack: WebOnlyStack;
	beforeAll(async () => {
		stack = await startWebOnly({ RATE_JOINS_PER_ADDRESS: String(PER_ADDRESS), RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) });
	}, 60_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('answers wrong codes 404 up to the limit, then 429 with Retry-After for any code from that address, whichever browser asks', async () => {
		const cls = await startClass(stack.baseUrl, { title: '4B music' });
		// A code no class has (the alphabet's last letter six times, unless that is the class's).
		const wrong = cls.joinCode === JOIN_CODE_ALPHABET.at(-1)!.repeat(6) ? JOIN_CODE_ALPHABET[0].repeat(6) : JOIN_CODE_ALPHABET.at(-1)!.repeat(6);
		const guess = (code: string, key = newOwnerKey()) =>
			fetch(`${stack.baseUrl}/api/join`, { method: 'POST', headers: ownerHeaders(key, { 'content-type': 'application/json' }), body: JSON.stringify({ code, name: 'Guesser' }) });
		// The web server's first request opens its rate-limit connection to Redis; until it is ready
		// an in-memory count of the same size stands in (rate-limits.ts), whose counts Redis does not
		// see. One attempt first, and a moment for the connection, so the count below is Redis's.
		expect((await fetch(`${stack.baseUrl}/api/join/${wrong}`)).status).toBe(404);
		await new Promise((r) => setTimeout(r, 1000));
		const statuses: number[] = [];
		// Each guess from a new owner key, as a script minting keys would: the address's limit still holds.
		for (let i = 0; i < PER_ADDRESS - 1; i++) statuses.push((await guess(wrong)).status);
		expect(statuses).toEqual(Array(PER_ADDRESS - 1).fill(404));
		// The first attempt went to Redis or to the stand-in: one more wrong answer at most.
		const last = await guess(wrong);
		if (last.status !== 429) expect(last.status).toBe(404);

		const refused = last.status === 429 ? last : await guess(wrong);
		expect(refused.status).toBe(429);
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
		expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
		const { error } = (await refused.json()) as { error: { code: string; message: string } };
		expect(error.code).toBe('rate_limited');
		expect(error.message).toMatch(/attempts to join a class/);
		// The right code too, and the code lookup: the limit is on attempts, not on wrong answers.
		expect((await guess(cls.joinCode)).status).toBe(429);
		const lookup = await fetch(`${stack.baseUrl}/api/join/${cls.joinCode}`);
		expect(lookup.status).toBe(429);
		expect(Number(lookup.headers.get('retry-after'))).toBeGreaterThan(0);
	}, 60_000);
});
