/**
 * A melody file imported into a song: the upload form (a .mid/.midi/.musicxml/.xml file of at
 * most 2 MB, and the revision the page shows), and the import as one edit command made here on
 * that revision and applied through the edits route's own path (reviseSongByEdits), so it is
 * checked, stored and undone exactly like an edit made in the piano roll.
 */
import { ImportError } from '../song/import/import-error';
import { importMelody } from '../song/import/import-melody';
import { readMelodyFile } from '../song/import/read-melody-file';
import { commandBetween } from '../song/edit/song-command';
import { readBodyCapped } from './capped-body';
import { StudioError } from './errors';
import { reviseSongByEdits } from './song-edit-revision';
import { getComposedSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';

/** Largest melody file, bytes: a MusicXML lead sheet of a long song is a few hundred kB. */
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 * 1024;
/** Room for the form's boundaries and fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface ImportUpload {
	bytes: Uint8Array;
	filename: string;
	/** The revision the page shows; absent means the newest. */
	baseRevision: number | null;
}

const tooLarge = (bytes: number) => new StudioError('melody_file_too_large', 413, `The file is ${(bytes / 1048576).toFixed(1)} MB; a melody file (MIDI or MusicXML) may be at most ${MAX_IMPORT_FILE_BYTES / 1048576} MB.`);

export async function readImportForm(request: Request): Promise<ImportUpload> {
	const contentType = request.headers.get('content-type') ?? '';
	if (!contentType.startsWith('multipart/form-data')) throw new StudioError('bad_form', 400, 'Send the melody file as multipart/form-data in a "file" field (.mid, .midi, .musicxml or .xml).');
	const body = await readBodyCapped(request, MAX_IMPORT_FILE_BYTES + FORM_OVERHEAD_BYTES, tooLarge);
	let form: FormData;
	try {
		form = await new Request('http://import.local/', { method: 'POST', headers: { 'content-type': contentType }, body: body as BodyInit }).formData();
	} catch {
		throw new StudioError('bad_form', 400, 'The form could not be read; send multipart/form-data with the melody file in a "file" field.');
	}
	const file = form.get('file');
	if (!(file instanceof Blob)) throw new StudioError('missing_file', 400, 'The form has no "file": attach a MIDI (.mid) or MusicXML (.musicxml) file as the "file" field.');
	if (file.size > MAX_IMPORT_FILE_BYTES) throw tooLarge(file.size);
	const base = form.get('baseRevision');
	const baseRevision = base === null || base === '' ? null : Number(base);
	if (baseRevision !== null && !Number.isInteger(baseRevision)) throw new StudioError('bad_song_edit', 400, '"baseRevision" must be the revision number the page shows.');
	return { bytes: new Uint8Array(await file.arrayBuffer()), filename: (file instanceof File && file.name) || 'melody', baseRevision };
}

/** Applies the file to the song as one edit; returns the next revision's record. */
export async function reviseSongByImport(store: BlobStore, record: SongRecord, upload: ImportUpload): Promise<SongRecord> {
	const baseRevision = upload.baseRevision ?? record.revision;
	if (baseRevision !== record.revision) {
		throw new StudioError('song_changed', 409, `The song has changed since the page showed it (revision ${record.revision}, the page shows ${baseRevision}); reload it and import again.`);
	}
	const base = await getComposedSong(store, record.id, baseRevision);
	if (!base) throw new StudioError('song_not_composed', 409, 'The song is still being made; import a melody once its notes are shown.');
	let command;
	try {
		const imported = readMelodyFile(upload.bytes, upload.filename, base.song);
		command = commandBetween(`Import the melody from ${imported.source}`, base.song, importMelody(base.song, imported));
	} catch (e) {
		if (e instanceof ImportError) throw new StudioError('bad_melody_file', 422, e.message);
		throw e;
	}
	return reviseSongByEdits(store, record, { baseRevision, commands: [command] });
}
