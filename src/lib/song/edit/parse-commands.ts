/**
 * Commands as they arrive in a request body: checked for shape only (what they insert is checked
 * afterwards, on the document they make: check-edited-song.ts).
 */
import type { SongCommand } from './song-command';
import { SONG_FIELDS, type SongFieldName, type SongListName, type SongPatch } from './song-patch';

/** Most commands one request may carry (a burst of edits made offline), and patches per command. */
export const MAX_COMMANDS_PER_REQUEST = 200;
const MAX_PATCHES_PER_COMMAND = 8;
const LISTS: readonly SongListName[] = ['melody', 'chords', 'sections'];
const FIELDS = SONG_FIELDS;

export class CommandShapeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CommandShapeError';
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parsePatch(raw: unknown, where: string): SongPatch {
	if (!isObject(raw)) throw new CommandShapeError(`${where} is not a patch.`);
	if (raw.op === 'splice') {
		if (!LISTS.includes(raw.list as SongListName)) throw new CommandShapeError(`${where}: "list" must be one of ${LISTS.join(', ')}.`);
		if (!Number.isInteger(raw.index) || (raw.index as number) < 0) throw new CommandShapeError(`${where}: "index" must be a whole number from 0.`);
		if (!Array.isArray(raw.remove) || !Array.isArray(raw.insert)) throw new CommandShapeError(`${where}: "remove" and "insert" must be lists.`);
		return { op: 'splice', list: raw.list, index: raw.index, remove: raw.remove, insert: raw.insert } as SongPatch;
	}
	if (raw.op === 'set') {
		if (!FIELDS.includes(raw.field as SongFieldName)) throw new CommandShapeError(`${where}: "field" must be one of ${FIELDS.join(', ')}.`);
		if (!('from' in raw) || !('to' in raw)) throw new CommandShapeError(`${where}: a "set" patch has "from" and "to".`);
		return { op: 'set', field: raw.field, from: raw.from, to: raw.to } as SongPatch;
	}
	throw new CommandShapeError(`${where}: "op" must be "splice" or "set".`);
}

export function parseCommands(raw: unknown): SongCommand[] {
	if (!Array.isArray(raw) || raw.length === 0) throw new CommandShapeError('"commands" must be a list of one or more edits.');
	if (raw.length > MAX_COMMANDS_PER_REQUEST) throw new CommandShapeError(`Send at most ${MAX_COMMANDS_PER_REQUEST} edits at a time; got ${raw.length}.`);
	return raw.map((command, i) => {
		const where = `Edit ${i + 1}`;
		if (!isObject(command) || typeof command.label !== 'string' || command.label.length > 80) throw new CommandShapeError(`${where} has no label.`);
		if (!Array.isArray(command.patches) || command.patches.length > MAX_PATCHES_PER_COMMAND) throw new CommandShapeError(`${where} must have a list of at most ${MAX_PATCHES_PER_COMMAND} patches.`);
		return { label: command.label, patches: command.patches.map((p, j) => parsePatch(p, `${where}, patch ${j + 1}`)) };
	});
}
