/**
 * A song's versions kept on the server: the list of its revisions (what changed, the owner's name
 * for it, whether its mix is ready), a name per revision, and restoring one. A restore never
 * rewrites history: it stores a NEW revision whose document and request are the old one's, rendered
 * like any edit, so its phrases, backing segments and (when nothing else differs) its whole mix are
 * found already made (content-addressed).
 */
import { parseRevisionNumber, revisionEntries, type RevisionEntry, type StoredRevision } from '../song/revisions';
import { StudioError } from './errors';
import { mixFileKey, songEditKey, songRecordKey, songRevisionNameKey } from './keys';
import { parseName } from './names';
import { CARRIED_EDITS_LABEL, editOf, type SongEdit } from './song-edit-revision';
import { getSongFailure } from './song-failures';
import { MIX_FILE } from './song-status';
import { getComposedSong, type ComposedSong, type SongRecord } from './songs';
import { getJson, putJson, type BlobStore } from './storage';

/** Revisions listed per request, newest first (a song edited note by note makes many). */
export const REVISIONS_PER_PAGE = 50;

interface StoredRevisionName {
	name: string;
}

function revisionNotFound(record: SongRecord, revision: number): StudioError {
	return new StudioError('revision_not_found', 404, `This song has no version ${revision}: its versions are 1 to ${record.revision}.`);
}

/** The revision a URL names: 400 when it is not a number, 404 when the song has no such revision. */
export function revisionOf(record: SongRecord, value: string): number {
	const revision = parseRevisionNumber(value);
	if (revision === null) throw new StudioError('bad_revision', 400, `"${value.slice(0, 20)}" is not a version number: use a whole number such as 3.`);
	if (revision < 1 || revision > record.revision) throw revisionNotFound(record, revision);
	return revision;
}

/** A composed revision for listening or restoring: 409 when it was never composed (still composing, or it failed). */
export async function requireComposedRevision(store: BlobStore, record: SongRecord, revision: number): Promise<ComposedSong> {
	const composed = await getComposedSong(store, record.id, revision);
	if (!composed) throw new StudioError('revision_not_composed', 409, `Version ${revision} has no notes to play or restore: it is still being composed, or composing it failed.`);
	return composed;
}

export async function revisionName(store: BlobStore, songId: string, revision: number): Promise<string | null> {
	return (await getJson<StoredRevisionName>(store, songRevisionNameKey(songId, revision)))?.name ?? null;
}

/** Names a revision (`{"name": "Before the key change"}`), or removes its name (`{"name": null}`); returns the name kept. */
export async function nameRevision(store: BlobStore, record: SongRecord, revision: number, body: unknown): Promise<string | null> {
	const raw = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
	if (!raw || !('name' in raw)) throw new StudioError('bad_name', 400, 'Send the version\'s name: {"name": "Before the key change"}, or {"name": null} to remove it.');
	if (raw.name === null) {
		await store.delete(songRevisionNameKey(record.id, revision));
		return null;
	}
	const name = parseName(raw.name);
	await putJson(store, songRevisionNameKey(record.id, revision), { name } satisfies StoredRevisionName);
	return name;
}

async function storedRevision(store: BlobStore, songId: string, revision: number): Promise<StoredRevision> {
	const [composed, edit, name, failure] = await Promise.all([getComposedSong(store, songId, revision), getJson<SongEdit>(store, songEditKey(songId, revision)), revisionName(store, songId, revision), getSongFailure(store, songId, revision)]);
	const mixReady = composed ? await store.has(mixFileKey(composed.mixId, MIX_FILE.report)) : false;
	return {
		revision,
		composed: composed ? { request: composed.request, ...(composed.composedAt ? { composedAt: composed.composedAt } : {}) } : null,
		edit: edit ? { labels: edit.labels, ...(edit.restoredFrom !== undefined ? { restoredFrom: edit.restoredFrom } : {}) } : null,
		name,
		mixReady,
		failed: failure !== null
	};
}

/**
 * One page of the versions, newest first: those below `before` (the whole song when absent).
 * `older` is the `before` that lists the next page, null on the last.
 */
export async function listRevisions(store: BlobStore, record: SongRecord, before: number | null): Promise<{ current: number; revisions: RevisionEntry[]; older: number | null }> {
	const top = Math.min(record.revision, before === null ? record.revision : before - 1);
	const bottom = Math.max(1, top - REVISIONS_PER_PAGE + 1);
	// One more below the page, so its lowest revision can say which fields it changed.
	const numbers = top >= 1 ? Array.from({ length: top - Math.max(1, bottom - 1) + 1 }, (_, i) => top - i) : [];
	const stored = await Promise.all(numbers.map((n) => storedRevision(store, record.id, n)));
	const revisions = revisionEntries(stored, CARRIED_EDITS_LABEL).filter((entry) => entry.revision >= bottom);
	return { current: record.revision, revisions, older: bottom > 1 ? bottom : null };
}

/** `before` from a query string: absent, or a whole number ≥ 1 (400 otherwise). */
export function parseBefore(value: string | null): number | null {
	if (value === null) return null;
	const before = parseRevisionNumber(value);
	if (before === null || before < 1) throw new StudioError('bad_revision', 400, `"before" must be a version number such as 40, not "${value.slice(0, 20)}".`);
	return before;
}

/**
 * Restores `revision`: the next revision gets its document and its request (style, vibrato, tone,
 * faders), stored as an edit so the compose stage takes it as it is. `{"baseRevision": n}` in the
 * body, when sent, must be the song's current revision (409 otherwise), as for note edits.
 */
export async function restoreRevision(store: BlobStore, record: SongRecord, revision: number, body: unknown): Promise<SongRecord> {
	const raw = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
	if (body !== null && body !== undefined && !raw) throw new StudioError('bad_restore', 400, 'Send nothing, or {"baseRevision": 7} to restore only if the song is still at version 7.');
	const baseRevision = raw?.baseRevision;
	if (baseRevision !== undefined && !Number.isInteger(baseRevision)) throw new StudioError('bad_restore', 400, '"baseRevision" must be a whole number: the version the page shows, e.g. {"baseRevision": 7}.');
	if (baseRevision !== undefined && baseRevision !== record.revision) {
		throw new StudioError('song_changed', 409, `The song has changed (it is at version ${record.revision}, the page showed ${String(baseRevision)}); reload it and restore again.`);
	}
	if (revision === record.revision) throw new StudioError('revision_is_current', 409, `Version ${revision} is the current version already.`);
	const old = await requireComposedRevision(store, record, revision);
	const next: SongRecord = { ...record, revision: record.revision + 1, request: old.request };
	const edit: SongEdit = { ...editOf(old, old.song, [`Restore version ${revision}`]), restoredFrom: revision };
	await putJson(store, songEditKey(record.id, next.revision), edit);
	await putJson(store, songRecordKey(record.id), next);
	return next;
}
