import type { StudioError } from './errors';

/**
 * Reads a request body without ever holding more than `capBytes` of it: a declared
 * Content-Length over the cap is refused before anything is read, and a body that streams past
 * the cap (chunked, or lying about its length) is cancelled as soon as it does. `tooLarge` makes
 * the error from the byte count seen.
 */
export async function readBodyCapped(request: Request, capBytes: number, tooLarge: (bytes: number) => StudioError): Promise<Uint8Array> {
	const declaredLength = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declaredLength) && declaredLength > capBytes) throw tooLarge(declaredLength);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > capBytes) {
			// Stop reading, but leave the connection up: cancelling would reset it before the client
			// reads the 413 and its sentence. The server discards or drops the rest of the body.
			reader.releaseLock();
			throw tooLarge(total);
		}
		chunks.push(value);
	}
	const body = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return body;
}
