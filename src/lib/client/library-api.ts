/**
 * The library's calls from the browser: the owner's takes and songs, renaming, deleting, a take's
 * songs, and share links. The owner key travels as the HttpOnly cookie the studio set at the
 * first upload, so nothing here handles it.
 */
import type { Library, LibrarySong, ListenerView } from '../take/library-types';
import { jsonRequest, requestJson } from './api';

const call = requestJson;
const json = jsonRequest;

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
