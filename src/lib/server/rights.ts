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
 * - In a class (classroom), the owner is a student: the teacher of that class (the holder of its
 *   teacher key) may follow, hear, download and delete what the student made, but not sing, edit or
 *   share it in the student's name; the student may not make a public share link (a class song
 *   reaches classmates only through the teacher's gallery, classes.ts). A teacher of another class
 *   is anyone else.
 */
import { EXPORT_FORMATS, type ExportFormat } from './song-exports';

/** Who asks: the hash of the owner key they proved, of a share token they hold, and of the teacher key they hold. */
export interface Actor {
	ownerHash: string | null;
	shareHash: string | null;
	teacherHash?: string | null;
}

export const NOBODY: Actor = { ownerHash: null, shareHash: null, teacherHash: null };

export type TakeAction = 'take.read' | 'take.audio' | 'take.sing' | 'take.edit' | 'take.delete' | 'voice.delete';
export type SongExportAction = `song.export.${ExportFormat}`;
export type SongAction = 'song.read' | 'song.listen' | 'song.edit' | 'song.delete' | 'song.share' | SongExportAction;
export type VocalAction = 'vocal.read';
export type Action = TakeAction | SongAction | VocalAction;

/**
 * What the rights depend on: the owner's key hash (absent on takes made before owner keys), for a
 * song its share token's hash, and, when the owner is a student of a class, that class's teacher
 * key hash.
 */
export type Resource =
	| { kind: 'take'; ownerHash?: string | null; classTeacherHash?: string | null }
	| { kind: 'song'; ownerHash?: string | null; shareHash?: string | null; classTeacherHash?: string | null }
	| { kind: 'vocal'; ownerHash?: string | null; classTeacherHash?: string | null };

/** The downloads a share link allows: the finished mix, nothing it was made from. */
export const SHARED_EXPORT_FORMATS: readonly ExportFormat[] = ['wav16', 'wav24', 'mp3'];
const SHARED_SONG_ACTIONS: ReadonlySet<Action> = new Set<Action>(['song.listen', ...SHARED_EXPORT_FORMATS.map((f): SongExportAction => `song.export.${f}`)]);

/** What the teacher of a student's class may do with the student's work: follow it, hear it, download it for the class, delete it. */
export const TEACHER_ACTIONS: ReadonlySet<Action> = new Set<Action>([
	'take.read',
	'take.audio',
	'take.delete',
	'voice.delete',
	'song.read',
	'song.listen',
	'song.delete',
	'vocal.read',
	...EXPORT_FORMATS.map((f): SongExportAction => `song.export.${f}`)
]);

function kindOf(action: Action): Resource['kind'] {
	if (action.startsWith('take.') || action === 'voice.delete') return 'take';
	if (action.startsWith('song.')) return 'song';
	return 'vocal';
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
	if (kindOf(action) !== resource.kind) return false;
	const owner = resource.ownerHash ?? null;
	const classTeacher = resource.classTeacherHash ?? null;
	if (owner !== null && actor.ownerHash === owner) return !(classTeacher !== null && action === 'song.share');
	if (classTeacher !== null && owner !== null && (actor.teacherHash ?? null) === classTeacher) return TEACHER_ACTIONS.has(action);
	if (resource.kind === 'song') {
		const share = resource.shareHash ?? null;
		return share !== null && actor.shareHash === share && SHARED_SONG_ACTIONS.has(action);
	}
	return false;
}
