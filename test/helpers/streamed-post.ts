import http from 'node:http';

export interface StreamedPostResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** Bytes written before the server answered. */
	bytesSent: number;
	ms: number;
}

/**
 * POSTs a body of `totalBytes` spaces (chunked, 1 MB at a time, never held whole) and stops
 * sending once the server answers: how a test sends a 600 MB body without allocating it.
 */
export function postStreamedBody(url: string, totalBytes: number, headers: Record<string, string> = {}): Promise<StreamedPostResult> {
	const chunk = Buffer.alloc(1024 * 1024, 0x20);
	const started = performance.now();
	return new Promise((resolve, reject) => {
		let bytesSent = 0;
		let answered = false;
		const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
			answered = true;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (d: string) => (body += d));
			response.on('end', () => {
				resolve({ status: response.statusCode ?? 0, headers: response.headers, body, bytesSent, ms: performance.now() - started });
				request.destroy();
			});
		});
		// Once answered, the server may close the connection under the rest of the body.
		request.on('error', (e) => {
			if (!answered) reject(e);
		});
		const write = () => {
			while (!answered && bytesSent < totalBytes) {
				bytesSent += chunk.length;
				if (!request.write(chunk)) return void request.once('drain', write);
			}
			if (!answered) request.end();
		};
		write();
	});
}
