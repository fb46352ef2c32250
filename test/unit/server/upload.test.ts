import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/server/errors';
import { readUpload } from '../../../src/lib/server/upload';

const MAX = 1000;

function multipart(bytes: Uint8Array, fields: Record<string, string> = {}, filename = 'take.wav'): Request {
	const body = new FormData();
	body.set('audio', new Blob([bytes as BlobPart]), filename);
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return new Request('http://studio.test/api/takes', { method: 'POST', body });
}

async function codeOf(promise: Promise<unknown>): Promise<[string, number]> {
	try {
		await promise;
	} catch (e) {
		expect(e).toBeInstanceOf(StudioError);
		return [(e as StudioError).code, (e as StudioError).httpStatus];
	}
	throw new Error('expected an error');
}

describe('readUpload', () => {
	it('reads the audio file and fields of a multipart form', async () => {
		const input = await readUpload(multipart(new Uint8Array([1, 2, 3]), { language: 'yue', humEndSeconds: '12.5', source: 'recording' }), MAX);
		expect(Array.from(input.bytes)).toEqual([1, 2, 3]);
		expect(input).toMatchObject({ language: 'yue', humEndSeconds: 12.5, source: 'recording', originalName: 'take.wav' });
	});

	it('keeps the multipart boundary as sent (browsers use mixed case)', async () => {
		const boundary = '----WebKitFormBoundaryAbCdEfGh12';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--${boundary}--\r\n`;
		const request = new Request('http://s/', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
		const input = await readUpload(request, MAX);
		expect(new TextDecoder().decode(input.bytes)).toBe('RIFF');
	});

	it('reads a raw audio body with fields from the query string', async () => {
		const request = new Request('http://studio.test/api/takes?language=cmn&name=x.flac', {
			method: 'POST',
			headers: { 'content-type': 'audio/flac' },
			body: new Uint8Array([9, 9])
		});
		const input = await readUpload(request, MAX);
		expect(input).toMatchObject({ language: 'cmn', originalName: 'x.flac', source: 'upload', humEndSeconds: null });
	});

	it('defaults the language to English and the source to upload', async () => {
		expect(await readUpload(multipart(new Uint8Array([1])), MAX)).toMatchObject({ language: 'en', source: 'upload' });
	});

	it('answers each malformed upload with its own code and status', async () => {
		expect(await codeOf(readUpload(new Request('http://s/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), MAX))).toEqual(['unsupported_content_type', 415]);
		expect(await codeOf(readUpload(new Request('http://s/', { method: 'POST', headers: { 'content-type': 'audio/wav' } }), MAX))).toEqual(['empty_file', 400]);
		expect(await codeOf(readUpload(multipart(new Uint8Array(MAX + 1)), MAX))).toEqual(['file_too_large', 413]);
		expect(await codeOf(readUpload(multipart(new Uint8Array([1]), { language: 'fr' }), MAX))).toEqual(['bad_language', 400]);
		expect(await codeOf(readUpload(multipart(new Uint8Array([1]), { humEndSeconds: 'soon' }), MAX))).toEqual(['bad_boundary', 400]);
		const noFile = new FormData();
		noFile.set('language', 'en');
		expect(await codeOf(readUpload(new Request('http://s/', { method: 'POST', body: noFile }), MAX))).toEqual(['missing_audio', 400]);
	});

	it('stops reading a raw body as soon as it passes the limit', async () => {
		let pulled = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(400));
				if (pulled > 100) controller.close();
			}
		});
		const request = new Request('http://s/', { method: 'POST', headers: { 'content-type': 'audio/wav' }, body, duplex: 'half' } as RequestInit);
		expect(await codeOf(readUpload(request, MAX))).toEqual(['file_too_large', 413]);
		expect(pulled).toBeLessThan(10);
	});
});
