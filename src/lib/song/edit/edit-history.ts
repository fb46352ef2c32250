/**
 * Undo and redo without limit while a song is open: the document and the commands either side of
 * it. Pure values; the page keeps the current one in its state.
 */
import type { Song } from '../types';
import { applyCommand, invertCommand, type SongCommand } from './song-command';

export interface EditHistory {
	song: Song;
	/** Done commands, oldest first. */
	done: SongCommand[];
	/** Undone commands, the next to redo last. */
	undone: SongCommand[];
}

export const startHistory = (song: Song): EditHistory => ({ song, done: [], undone: [] });

/** Applies the command and forgets what was undone; a command that changes nothing is not kept. */
export function execute(history: EditHistory, command: SongCommand): EditHistory {
	if (command.patches.length === 0) return history;
	return { song: applyCommand(history.song, command), done: [...history.done, command], undone: [] };
}

export function undo(history: EditHistory): EditHistory {
	const command = history.done[history.done.length - 1];
	if (!command) return history;
	return { song: applyCommand(history.song, invertCommand(command)), done: history.done.slice(0, -1), undone: [...history.undone, command] };
}

export function redo(history: EditHistory): EditHistory {
	const command = history.undone[history.undone.length - 1];
	if (!command) return history;
	return { song: applyCommand(history.song, command), done: [...history.done, command], undone: history.undone.slice(0, -1) };
}

/** The label of what undo and redo would do now, for the buttons (null when nothing). */
export const nextUndo = (history: EditHistory): string | null => history.done[history.done.length - 1]?.label ?? null;
export const nextRedo = (history: EditHistory): string | null => history.undone[history.undone.length - 1]?.label ?? null;
