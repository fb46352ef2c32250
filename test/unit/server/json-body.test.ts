import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../../../src/lib/server/json-body';
import { studioErrorOf } from '../../helpers/studio-error';

const MB = 1024 * 1024;

/** A body of `totalMb` megabytes of one repeated chunk, made as it is read; counts the chunks pulled. */
function streamedBody(totalMb: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
	const chunk = new Uint8Array(MB).fill(0x20);
	let pulled = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (pulled === totalMb) return controller.close();
			pulled++;
			controller.enqueue(chunk);
		}
	});
	return { body, pulled: () => pulled };
}

describe('readJsonBody', () => {
	it('reads a small JSON body, and an empty one as {}', async () => {
		expect(await readJsonBody(new Request('http://s/', { method: 'POST', body: '{"style":"lo-fi"}' }), '{}')).toEqual({ style: 'lo-fi' });
		expect(await readJsonBody(new Request('http://s/', { method: 'POST', body: '' }), '{}')).toEqual({});
	});

	it('refuses a streamed 600 MB body as 413 body_too_large after reading about 1 MB of it', async () => {
		const { body, pulled } = streamedBody(600);
		const request = new Request('http://s/', { method: 'POST', body, duplex: 'half' } as RequestInit);
		const error = await studioErrorOf(readJsonBody(request, '{}'));
		expect(error.code).toBe('body_too_large');
		expect(error.httpStatus).toBe(413);
		expect(error.message).toMatch(/^The request body is 2\.0 MB; the studio accepts settings as JSON of up to 1024 kB\./);
		expect(pulled()).toBeLessThanOrEqual(3);
	});

	it('refuses a body whose Content-Length is over 1 MB before reading it', async () => {
		const { body, pulled } = streamedBody(600);
		const request = new Request('http://s/', { method: 'POST', body, headers: { 'content-length': String(600 * MB) }, duplex: 'half' } as RequestInit);
		const error = await studioErrorOf(readJsonBody(request, '{}'));
		expect(error).toMatchObject({ code: 'body_too_large', httpStatus: 413 });
		expect(error.message).toMatch(/600\.0 MB/);
		expect(pulled()).toBeLessThanOrEqual(1);
	});

	it('accepts a body of exactly 1 MB', async () => {
		const json = JSON.stringify({ lyrics: 'a'.repeat(MB - 13) });
		expect(json.length).toBe(MB);
		expect(await readJsonBody(new Request('http://s/', { method: 'POST', body: json }), '{}')).toMatchObject({});
	});
});
