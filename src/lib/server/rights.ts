/**
 * Who may do what (DESIGN.md §6), in one place. Every route asks `can(actor, action, resource)`
 * before it answers; a refusal answers exactly as if the resource did not exist (404), so a
 * stranger learns nothing, not even that an id is taken.
 *
 * - The owner (the holder of the key whose hash the take carries) may do everything with the take
 *   and with what was made from it: its songs and vocals inherit the take's owner.
 * - A share link's holder may listen to one song and download its mix, nothing else: no take, no
 *   recording, no voice, no lyrics edit, no stems.
 * - A take made before owner keys existed has no owner hash and is nobody's: refused to all.
 */
import type { ExportFormat } from './song-exports';

/** Who asks: the hash of the owner key they proved, and the hash of a share token they hold. */
export interface Actor {
	ownerHash: string | null;
	shareHash: string | null;
}

export const NOBODY: Actor = { ownerHash: null, shareHash: null };

export type TakeAction = 'take.read' | 'take.audio' | 'take.sing' | 'take.edit' | 'take.delete' | 'voice.delete';
export type SongExportAction = `song.export.${ExportFormat}`;
export type SongAction = 'song.read' | 'song.listen' | 'song.edit' | 'song.delete' | 'song.share' | SongExportAction;
export type VocalAction = 'vocal.read';
export type Action = TakeAction | SongAction | VocalAction;

/** What the rights depend on: the owner's key hash (absent on takes made before owner keys) and, for a song, its share token's hash. */
export type Resource =
	| { kind: 'take'; ownerHash?: string | null }
	| { kind: 'song'; ownerHash?: string | null; shareHash?: string | null }
	| { kind: 'vocal'; ownerHash?: string | null };

/** The downloads a share link allows: the finished mix, nothing it was made from. */
export const SHARED_EXPORT_FORMATS: readonly ExportFormat[] = ['wav16', 'wav24', 'mp3'];
const SHARED_SONG_ACTIONS: ReadonlySet<Action> = new Set<Action>(['song.listen', ...SHARED_EXPORT_FORMATS.map((f): SongExportAction => `song.export.${f}`)]);

function kindOf(action: Action): Resource['kind'] {
	if (action.startsWith('take.') || action === 'voice.delete') return 'take';
	if (action.startsWith('song.')) return 'song';
	return 'vocal';
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
	if (kindOf(action) !== resource.kind) return false;
	const owner = resource.ownerHash ?? null;
	if (owner !== null && actor.ownerHash === owner) return true;
	if (resource.kind === 'song') {
		const share = resource.shareHash ?? null;
		return share !== null && actor.shareHash === share && SHARED_SONG_ACTIONS.has(action);
	}
	return false;
}
