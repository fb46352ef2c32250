/**
 * The melody model for the browser (live notes while recording): the studio's own
 * models/basic-pitch.onnx, served from this machine. With `?v=<sha256>` the response is immutable,
 * so a browser downloads the 0.8 MB once per model version.
 */
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { basicPitchModelFile } from '$lib/server/model-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, request }) => {
	const { path, sha256 } = basicPitchModelFile();
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch {
		error(503, 'The melody model is not generated on this server yet: run `npm run models` (npm start does it for you).');
	}
	const etag = `"${sha256}"`;
	const versioned = url.searchParams.get('v') === sha256;
	const headers = {
		'content-type': 'application/octet-stream',
		etag,
		'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(bytes), { headers: { ...headers, 'content-length': String(bytes.length) } });
};
