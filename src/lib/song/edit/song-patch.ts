/**
 * The smallest changes a Song document takes: replace a run of a list (melody, chords, sections)
 * or set one song-level field. Each patch carries what it removes as well as what it inserts, so
 * it inverts by swapping the two and an undo restores the document byte for byte; applying checks
 * that the document still holds what the patch removes, so a patch made for another revision is
 * refused instead of corrupting the song.
 */
import type { Song, SongChord, SongNote, SongSection } from '../types';

export interface SongLists {
	melody: SongNote;
	chords: SongChord;
	sections: SongSection;
}
export type SongListName = keyof SongLists;

/** Song-level fields an edit may set (the rest of the document belongs to the server). */
export type SongFieldName = 'tempoBpm' | 'key' | 'timeSignature' | 'style' | 'mix' | 'instruments';
export const SONG_FIELDS: readonly SongFieldName[] = ['tempoBpm', 'key', 'timeSignature', 'style', 'mix', 'instruments'];
/**
 * Fields a song may lack (added after songs were first stored). In a patch their absence is null,
 * which JSON carries (undefined it drops); in the document it is undefined, which JSON leaves out.
 */
const OPTIONAL_FIELDS: ReadonlySet<SongFieldName> = new Set(['instruments']);

export type SongPatch =
	| { [L in SongListName]: { op: 'splice'; list: L; index: number; remove: SongLists[L][]; insert: SongLists[L][] } }[SongListName]
	| { [F in SongFieldName]: { op: 'set'; field: F; from: Song[F] | null; to: Song[F] | null } }[SongFieldName];

/** A patch made for a different document: the song no longer holds what it would remove. */
export class StalePatchError extends Error {
	constructor(what: string) {
		super(`This edit was made for another version of the song (${what} has changed since); reload the song and edit again.`);
		this.name = 'StalePatchError';
	}
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
/** A deep copy through JSON: the document is JSON, and a page's reactive proxies copy too (structuredClone refuses them). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function applyPatch(song: Song, patch: SongPatch): Song {
	if (patch.op === 'set') {
		if (!same(song[patch.field] ?? null, patch.from ?? null)) throw new StalePatchError(patch.field);
		const absent = patch.to === null && OPTIONAL_FIELDS.has(patch.field);
		// undefined rather than deleted: the key keeps its place, so an undo gives back the same bytes.
		return { ...song, [patch.field]: absent ? undefined : copy(patch.to) };
	}
	const list = song[patch.list] as unknown[];
	const removed = list.slice(patch.index, patch.index + patch.remove.length);
	if (patch.index < 0 || patch.index > list.length || removed.length !== patch.remove.length || !removed.every((item, i) => same(item, patch.remove[i]))) {
		throw new StalePatchError(`the ${patch.list} at ${patch.index}`);
	}
	const next = [...list.slice(0, patch.index), ...copy(patch.insert as unknown[]), ...list.slice(patch.index + patch.remove.length)];
	return { ...song, [patch.list]: next };
}

export function invertPatch(patch: SongPatch): SongPatch {
	if (patch.op === 'set') return { ...patch, from: patch.to, to: patch.from } as SongPatch;
	return { ...patch, remove: patch.insert, insert: patch.remove } as SongPatch;
}

/**
 * The one splice that turns `before` into `after` (items equal by value at both ends are kept), or
 * null when they are equal.
 */
export function diffList<L extends SongListName>(list: L, before: SongLists[L][], after: SongLists[L][]): SongPatch | null {
	let head = 0;
	while (head < before.length && head < after.length && same(before[head], after[head])) head++;
	let tail = 0;
	while (tail < before.length - head && tail < after.length - head && same(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
	if (head === before.length && head === after.length) return null;
	return { op: 'splice', list, index: head, remove: before.slice(head, before.length - tail), insert: after.slice(head, after.length - tail) } as SongPatch;
}

export function diffField<F extends SongFieldName>(field: F, before: Song[F], after: Song[F]): SongPatch | null {
	return same(before ?? null, after ?? null) ? null : ({ op: 'set', field, from: before ?? null, to: after ?? null } as SongPatch);
}
