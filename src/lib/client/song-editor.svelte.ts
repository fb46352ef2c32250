/**
 * The song being edited in the page: the command stack (undo and redo without limit while the page
 * is open), the selection and clipboard, and the edits' way to the server. Each edit applies here at
 * once; commands are sent in order, one request at a time (those made meanwhile go together), each
 * on the revision the last one made, so the server's document is always this one. A refusal undoes
 * nothing silently: the page reloads the server's song and says why.
 */
import type { LyricSyllable } from '../lyrics/types';
import { EditError } from '../song/edit/edit-error';
import { execute, nextRedo, nextUndo, redo, startHistory, undo, type EditHistory } from '../song/edit/edit-history';
import type { ClipNote } from '../song/edit/note-edits';
import { commandBetween, invertCommand, type SongCommand } from '../song/edit/song-command';
import type { Song } from '../song/types';
import type { Language } from '../take/types';
import { errorFromBody, readJson, StudioError } from './api';

export type SyncState = 'saved' | 'saving' | 'failed';

/** Where a command changes the melody: the earliest start of the notes it removes or inserts, ticks (null: no note changes). */
function changedTicks(command: SongCommand): number | null {
	const starts = command.patches.flatMap((p) => (p.op === 'splice' && p.list === 'melody' ? [...p.remove, ...p.insert].map((n) => n.startTicks) : []));
	return starts.length ? Math.min(...starts) : null;
}

export class SongEditor {
	// Replaced whole on every change (the history is immutable): no deep proxies of the song.
	history = $state.raw<EditHistory>(null as unknown as EditHistory);
	/** Indices into history.song.melody. */
	selection = $state.raw<number[]>([]);
	sync = $state<SyncState>('saved');
	/** The last edit refused (here or by the server), for the page to show. */
	error = $state<StudioError | null>(null);
	/** The revision the server made of the last edit sent (the page follows its render). */
	serverRevision = $state(0);
	/**
	 * The last edit made (or undone): when (performance.now(), ms) and where in the melody it
	 * changed notes (ticks; null for a change of chords or tempo only), so the page can play the
	 * phrase the voice sings again there.
	 */
	lastEdit = $state<{ label: string; at: number; ticks: number | null } | null>(null);
	clipboard: ClipNote[] | null = null;

	private queue: SongCommand[] = [];
	private sending = false;

	constructor(
		readonly songId: string,
		revision: number,
		song: Song,
		private readonly reload: () => Promise<void>
	) {
		this.history = startHistory(song);
		this.serverRevision = revision;
	}

	get song(): Song {
		return this.history.song;
	}
	get undoLabel(): string | null {
		return nextUndo(this.history);
	}
	get redoLabel(): string | null {
		return nextRedo(this.history);
	}

	/** The server's song changed by another way (a new lyric, another melody): start again from it. */
	rebase(revision: number, song: Song): void {
		if (this.sending || this.queue.length > 0 || revision <= this.serverRevision) return;
		this.reset(revision, song);
	}

	/** Starts again from the server's song (after a refusal, the page's edits are gone with it). */
	reset(revision: number, song: Song): void {
		this.history = startHistory(song);
		this.serverRevision = revision;
		this.selection = [];
	}

	/**
	 * Makes an edit: `change` computes the next song (it may refuse with an EditError, shown to the
	 * user); `select` picks the selection in the result. Returns whether the song changed.
	 */
	apply(label: string, change: (song: Song) => Song, select?: (after: Song) => number[]): boolean {
		let after: Song;
		try {
			after = change(this.song);
		} catch (e) {
			if (!(e instanceof EditError)) throw e;
			this.error = new StudioError(e.code, e.message);
			return false;
		}
		const command = commandBetween(label, this.song, after);
		if (command.patches.length === 0) return false;
		this.error = null;
		this.history = execute(this.history, command);
		this.selection = select ? select(after) : [];
		this.send(command);
		this.lastEdit = { label, at: performance.now(), ticks: changedTicks(command) };
		return true;
	}

	undo(): void {
		const command = this.history.done[this.history.done.length - 1];
		if (!command) return;
		this.history = undo(this.history);
		this.selection = [];
		this.send(invertCommand(command));
		this.lastEdit = { label: command.label, at: performance.now(), ticks: changedTicks(command) };
	}

	redo(): void {
		const command = this.history.undone[this.history.undone.length - 1];
		if (!command) return;
		this.history = redo(this.history);
		this.selection = [];
		this.send(command);
		this.lastEdit = { label: command.label, at: performance.now(), ticks: changedTicks(command) };
	}

	/**
	 * Replaces the melody with a MIDI or MusicXML file's (the server reads it and makes the revision);
	 * the change joins the undo history like any edit. Returns whether it was taken.
	 */
	async importMelody(file: File, label: string): Promise<boolean> {
		if (this.sending || this.queue.length > 0) return false;
		const body = new FormData();
		body.set('file', file);
		body.set('baseRevision', String(this.serverRevision));
		this.sync = 'saving';
		try {
			const response = await fetch(`/api/songs/${encodeURIComponent(this.songId)}/import`, { method: 'POST', body });
			const json = await readJson(response);
			if (!response.ok) {
				this.error = errorFromBody(json, response.status);
				this.sync = 'saved';
				return false;
			}
			const { revision, composed } = json as { revision: number; composed: { song: Song } | null };
			if (!composed) {
				await this.reload();
				return true;
			}
			this.adopt(label, revision, composed.song);
			this.sync = 'saved';
			return true;
		} catch {
			this.error = new StudioError('network', 'The studio could not be reached; the file was not imported.');
			this.sync = 'failed';
			return false;
		}
	}

	/**
	 * A revision the server made itself (an imported melody, a restored version) becomes the song
	 * shown: kept in the history as one command (undo sends its inverse), not sent again. The caller
	 * asks for it only when no edit is on its way. Refused (false) for a revision already passed.
	 */
	adopt(label: string, revision: number, song: Song): boolean {
		if (revision <= this.serverRevision) return false;
		const command = commandBetween(label, this.song, song);
		this.history = execute(this.history, command);
		this.serverRevision = revision;
		this.selection = [];
		this.error = null;
		this.lastEdit = { label, at: performance.now(), ticks: changedTicks(command) };
		return true;
	}

	/** Reads typed lyrics (characters, words, or Jyutping/Pinyin/ARPAbet readings) into syllables, on the server's reader. */
	async readSyllables(text: string, language: Language): Promise<LyricSyllable[] | null> {
		const response = await fetch('/api/lyrics/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, language }) });
		const body = await readJson(response);
		if (!response.ok) {
			this.error = errorFromBody(body, response.status);
			return null;
		}
		return (body as { syllables: LyricSyllable[] }).syllables;
	}

	private send(command: SongCommand): void {
		this.queue.push(command);
		this.sync = 'saving';
		if (!this.sending) void this.drain();
	}

	private async drain(): Promise<void> {
		this.sending = true;
		try {
			while (this.queue.length > 0) {
				const commands = this.queue.splice(0, this.queue.length);
				const response = await fetch(`/api/songs/${encodeURIComponent(this.songId)}/edits`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ baseRevision: this.serverRevision, commands })
				});
				const body = await readJson(response);
				if (!response.ok) {
					// The server keeps the song as it was: so must the page (its newer edits were made on this one).
					this.queue = [];
					this.error = errorFromBody(body, response.status);
					this.sync = 'failed';
					this.sending = false;
					await this.reload();
					return;
				}
				this.serverRevision = (body as { revision: number }).revision;
			}
			this.sync = 'saved';
		} catch {
			this.queue = [];
			this.error = new StudioError('network', 'The studio could not be reached; your last edits were not saved. Reload the page.');
			this.sync = 'failed';
		} finally {
			this.sending = false;
		}
	}
}
