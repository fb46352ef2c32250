/**
 * The library's calls from the browser: the owner's takes and songs, renaming, deleting, a take's
 * songs, and share links. The owner key travels as the HttpOnly cookie the studio set at the
 * first upload, so nothing here handles it.
 */
import type { Library, LibrarySong, ListenerView } from '../take/library-types';
import { errorFromBody, readJson, StudioError } from './api';

/** A studio API call: the JSON answer, or the StudioError the server (or the network) gave; 204 resolves to undefined. */
export async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
	let response: Response;
	try {
		response = await fetch(url, init);
	} catch {
		throw new StudioError('network', 'Could not reach the studio server. Check that it is running, then try again.');
	}
	if (response.status === 204) return undefined as T;
	const body = await readJson(response);
	if (!response.ok) throw errorFromBody(body, response.status);
	return body as T;
}

export const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export type LibraryKind = 'takes' | 'songs';

export const fetchLibrary = (): Promise<Library> => call<Library>('/api/library');

export async function fetchTakeSongs(takeId: string): Promise<LibrarySong[]> {
	return (await call<{ songs: LibrarySong[] }>(`/api/takes/${encodeURIComponent(takeId)}/songs`)).songs;
}

export async function renameEntry(kind: LibraryKind, id: string, name: string): Promise<void> {
	await call(`/api/${kind}/${encodeURIComponent(id)}`, json('PATCH', { name }));
}

export async function deleteEntry(kind: LibraryKind, id: string): Promise<void> {
	await call(`/api/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** A new listen-only link for the song (an earlier one stops working); returns its page's path. */
export async function shareSong(songId: string): Promise<string> {
	return (await call<{ url: string }>(`/api/songs/${encodeURIComponent(songId)}/share`, { method: 'POST' })).url;
}

export async function revokeShare(songId: string): Promise<void> {
	await call(`/api/songs/${encodeURIComponent(songId)}/share`, { method: 'DELETE' });
}

export const fetchListenerView = (token: string): Promise<ListenerView> => call<ListenerView>(`/api/listen/${encodeURIComponent(token)}`);
