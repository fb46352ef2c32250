/**
 * A revision made by hand: the page sends the commands it executed on the revision it shows; they
 * are applied to that stored revision, the result is checked (check-edited-song.ts) and stored as
 * the next revision's edited document, which the compose stage takes instead of composing
 * (song-stage.ts). Phrases are content-addressed, so only the phrases an edit changed are sung
 * again. A later request that does not change the composition (style, vibrato, tone, faders)
 * carries the edits forward instead of composing them away.
 */
import type { LyricsFitReport } from '../compose/lyrics-fit';
import type { SongWarning } from '../compose/song-warning';
import { checkEditedSong, EditedSongError } from '../song/edit/check-edited-song';
import { CommandShapeError, parseCommands } from '../song/edit/parse-commands';
import { applyCommand } from '../song/edit/song-command';
import { StalePatchError } from '../song/edit/song-patch';
import type { SongRequest } from '../song/song-request';
import type { Song } from '../song/types';
import { StudioError } from './errors';
import { songEditKey, songRecordKey } from './keys';
import { getComposedSong, latestComposedSong, type ComposedSong, type SongRecord } from './songs';
import { putJson, type BlobStore } from './storage';

/** The edited document of a revision, with the fit report and warnings of the composition it came from. */
export interface SongEdit {
	baseRevision: number;
	/** The labels of the commands applied, oldest first ("Move 2 notes"). */
	labels: string[];
	song: Song;
	/** The composition's fit summary for the page, and its figures (absent in songs composed before they were kept). */
	fitMessage: string;
	fitReport?: LyricsFitReport;
	toneAgreement: { before: number; after: number } | null;
	warnings: SongWarning[];
	/** A restore (song-revisions.ts): the revision whose document this one is. */
	restoredFrom?: number;
}

/** The label stored when a style or mix change carries hand edits forward. */
export const CARRIED_EDITS_LABEL = 'Change the arrangement or mix';

/** Request fields the composition depends on: changing one composes the song anew. */
const COMPOSITION_FIELDS: Array<keyof SongRequest> = ['language', 'lyrics', 'melody', 'seed', 'candidate'];

export function editOf(base: ComposedSong, song: Song, labels: string[]): SongEdit {
	return { baseRevision: base.revision, labels, song, fitMessage: base.report.fit, ...(base.fitReport ? { fitReport: base.fitReport } : {}), toneAgreement: base.report.toneAgreement, warnings: base.report.warnings };
}

/** Parses `{ baseRevision, commands }`, applies the commands to that revision and stores the next revision; returns it. */
export async function reviseSongByEdits(store: BlobStore, record: SongRecord, body: unknown): Promise<SongRecord> {
	const raw = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
	if (!Number.isInteger(raw.baseRevision)) throw new StudioError('bad_song_edit', 400, 'Say which revision the edits were made on: {"baseRevision": 3, "commands": [...]}.');
	let commands;
	try {
		commands = parseCommands(raw.commands);
	} catch (e) {
		if (e instanceof CommandShapeError) throw new StudioError('bad_song_edit', 400, e.message);
		throw e;
	}
	const baseRevision = raw.baseRevision as number;
	if (baseRevision !== record.revision) {
		throw new StudioError('song_changed', 409, `The song has changed since these edits were made (revision ${record.revision}, the edits were made on ${baseRevision}); reload it and edit again.`);
	}
	const base = await getComposedSong(store, record.id, baseRevision);
	if (!base) throw new StudioError('song_not_composed', 409, 'The song is still being made; edit it once its notes are shown.');
	let song = base.song;
	try {
		for (const command of commands) song = applyCommand(song, command);
		checkEditedSong(song, base.song);
	} catch (e) {
		if (e instanceof StalePatchError) throw new StudioError('song_changed', 409, e.message);
		if (e instanceof EditedSongError) throw new StudioError('bad_song_edit', 422, e.message);
		throw e;
	}
	const next: SongRecord = { ...record, revision: record.revision + 1, request: { ...record.request, style: song.style, mix: song.mix } };
	await putJson(store, songEditKey(record.id, next.revision), editOf(base, song, commands.map((c) => c.label)));
	await putJson(store, songRecordKey(record.id), next);
	return next;
}

/**
 * After a request revision (`next`, made from `previous`): when the newest composed revision was
 * edited by hand and the request leaves the composition alone, the edited document goes forward
 * with the request's style and faders, instead of being composed away.
 */
export async function carryEditsForward(store: BlobStore, previous: SongRecord, next: SongRecord): Promise<boolean> {
	if (COMPOSITION_FIELDS.some((field) => JSON.stringify(previous.request[field]) !== JSON.stringify(next.request[field]))) return false;
	const base = await latestComposedSong(store, previous);
	if (!base?.edited) return false;
	const song: Song = { ...base.song, style: next.request.style, mix: next.request.mix };
	await putJson(store, songEditKey(next.id, next.revision), editOf(base, song, [CARRIED_EDITS_LABEL]));
	return true;
}
