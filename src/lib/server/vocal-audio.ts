import { StudioError } from './errors';
import type { BlobStore } from './storage';

/** A stored WAV artifact as a download; 404 with `notReady` while it is being rendered. */
export async function wavResponse(store: BlobStore, key: string, filename: string, notReady: string): Promise<Response> {
	const bytes = await store.get(key);
	if (!bytes) throw new StudioError('not_ready', 404, notReady);
	return new Response(bytes as BodyInit, {
		headers: { 'content-type': 'audio/wav', 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'private, max-age=31536000, immutable' }
	});
}
