/**
 * The names owners give their takes and songs in the library. Stored beside each record
 * (`takes/<id>/name.json`, `songs/<id>/name.json`) so a rename never rewrites the record itself.
 */
import { StudioError } from './errors';
import { songNameKey, takeNameKey } from './keys';
import { getJson, putJson, type BlobStore } from './storage';

export const MAX_NAME_CHARACTERS = 100;

/** A name from a request body: trimmed, 1–100 characters, no control characters. */
export function parseName(value: unknown): string {
	if (typeof value !== 'string') throw new StudioError('bad_name', 400, 'Send the name as text: {"name": "My song"}.');
	const name = value.trim();
	if (name.length === 0) throw new StudioError('bad_name', 400, 'The name is empty; type at least one character.');
	if ([...name].length > MAX_NAME_CHARACTERS) throw new StudioError('bad_name', 400, `The name is ${[...name].length} characters long; keep it to ${MAX_NAME_CHARACTERS}.`);
	if (/[\u0000-\u001f\u007f]/.test(name)) throw new StudioError('bad_name', 400, 'The name may not contain line breaks or control characters.');
	return name;
}

interface StoredName {
	name: string;
}

export async function takeName(store: BlobStore, takeId: string): Promise<string | null> {
	return (await getJson<StoredName>(store, takeNameKey(takeId)))?.name ?? null;
}

export async function songName(store: BlobStore, songId: string): Promise<string | null> {
	return (await getJson<StoredName>(store, songNameKey(songId)))?.name ?? null;
}

export async function renameTake(store: BlobStore, takeId: string, name: string): Promise<void> {
	await putJson(store, takeNameKey(takeId), { name } satisfies StoredName);
}

export async function renameSong(store: BlobStore, songId: string, name: string): Promise<void> {
	await putJson(store, songNameKey(songId), { name } satisfies StoredName);
}
