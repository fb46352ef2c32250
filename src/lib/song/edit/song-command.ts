/**
 * One user edit as a command: a label for the undo menu and the patches that make it. Edits are
 * written as plain functions from one Song to the next (note-edits.ts, song-edits.ts); the command
 * is their difference, so every edit undoes exactly, however it was computed.
 */
import type { Song } from '../types';
import { applyPatch, diffField, diffList, invertPatch, SONG_FIELDS, type SongListName, type SongPatch } from './song-patch';

export interface SongCommand {
	/** What the edit did, for the user ("Move 2 notes"). */
	label: string;
	patches: SongPatch[];
}

const LISTS: SongListName[] = ['melody', 'chords', 'sections'];
const FIELDS = SONG_FIELDS;

/** The command that turns `before` into `after` (empty patches when nothing changed). */
export function commandBetween(label: string, before: Song, after: Song): SongCommand {
	const patches: SongPatch[] = [];
	for (const list of LISTS) {
		const patch = diffList(list, before[list] as never[], after[list] as never[]);
		if (patch) patches.push(patch);
	}
	for (const field of FIELDS) {
		const patch = diffField(field, before[field], after[field] as never);
		if (patch) patches.push(patch);
	}
	return { label, patches };
}

export function applyCommand(song: Song, command: SongCommand): Song {
	return command.patches.reduce(applyPatch, song);
}

export function invertCommand(command: SongCommand): SongCommand {
	return { label: command.label, patches: command.patches.map(invertPatch).reverse() };
}
