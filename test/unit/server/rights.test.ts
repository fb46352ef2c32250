import { describe, expect, it } from 'vitest';
import { can, NOBODY, type Action, type Actor, type Resource } from '../../../src/lib/server/rights';
import { EXPORT_FORMATS } from '../../../src/lib/server/song-exports';

const OWNER = 'a'.repeat(64);
const STRANGER = 'b'.repeat(64);
const SHARE = 'c'.repeat(64);
const OTHER_SHARE = 'd'.repeat(64);

const owner: Actor = { ownerHash: OWNER, shareHash: null };
const stranger: Actor = { ownerHash: STRANGER, shareHash: null };
const listener: Actor = { ownerHash: null, shareHash: SHARE };
const otherListener: Actor = { ownerHash: null, shareHash: OTHER_SHARE };

const take: Resource = { kind: 'take', ownerHash: OWNER };
const legacyTake: Resource = { kind: 'take' };
const song: Resource = { kind: 'song', ownerHash: OWNER, shareHash: SHARE };
const unsharedSong: Resource = { kind: 'song', ownerHash: OWNER, shareHash: null };
const vocal: Resource = { kind: 'vocal', ownerHash: OWNER };

const TAKE_ACTIONS: Action[] = ['take.read', 'take.audio', 'take.sing', 'take.edit', 'take.delete', 'voice.delete'];
const SONG_OWNER_ACTIONS: Action[] = ['song.read', 'song.edit', 'song.delete', 'song.share', ...EXPORT_FORMATS.map((f): Action => `song.export.${f}`)];
const LISTENER_ACTIONS: Action[] = ['song.listen', 'song.export.wav16', 'song.export.wav24', 'song.export.mp3'];

/** Each row: who, what, on which resource, and whether it is allowed. */
const matrix: [string, Actor, Action[], Resource, boolean][] = [
	['the owner', owner, TAKE_ACTIONS, take, true],
	['another owner key', stranger, TAKE_ACTIONS, take, false],
	['a request without a key', NOBODY, TAKE_ACTIONS, take, false],
	["the song's share link", listener, TAKE_ACTIONS, take, false],
	['the owner of a take made before owner keys', owner, TAKE_ACTIONS, legacyTake, false],
	['the owner', owner, [...SONG_OWNER_ACTIONS, 'song.listen'], song, true],
	['another owner key', stranger, [...SONG_OWNER_ACTIONS, 'song.listen'], song, false],
	['a request without a key', NOBODY, [...SONG_OWNER_ACTIONS, 'song.listen'], song, false],
	["the song's share link", listener, LISTENER_ACTIONS, song, true],
	["the song's share link", listener, ['song.read', 'song.edit', 'song.delete', 'song.share', 'song.export.midi', 'song.export.json', 'song.export.vocal', 'song.export.backing'], song, false],
	["another song's share link", otherListener, LISTENER_ACTIONS, song, false],
	['a revoked share link', listener, LISTENER_ACTIONS, unsharedSong, false],
	['the owner', owner, ['vocal.read'], vocal, true],
	['another owner key', stranger, ['vocal.read'], vocal, false],
	["a song's share link", listener, ['vocal.read'], vocal, false]
];

describe('can(actor, action, resource)', () => {
	for (const [who, actor, actions, resource, allowed] of matrix) {
		for (const action of actions) {
			it(`${allowed ? 'lets' : 'refuses'} ${who} ${action} on a ${resource.kind}${resource.ownerHash ? '' : ' without an owner'}`, () => {
				expect(can(actor, action, resource)).toBe(allowed);
			});
		}
	}

	it('refuses an action meant for another kind of resource, even to the owner', () => {
		expect(can(owner, 'song.read', take)).toBe(false);
		expect(can(owner, 'take.audio', song)).toBe(false);
		expect(can(owner, 'vocal.read', take)).toBe(false);
	});

	it('never matches an absent share token with a song that is not shared', () => {
		expect(can(NOBODY, 'song.listen', unsharedSong)).toBe(false);
		expect(can({ ownerHash: null, shareHash: null }, 'song.listen', { kind: 'song', ownerHash: null, shareHash: null })).toBe(false);
	});
});

describe('can(actor, action, resource) in a class', () => {
	const STUDENT = 'e'.repeat(64);
	const CLASSMATE = 'f'.repeat(64);
	const TEACHER = '1'.repeat(64);
	const OTHER_TEACHER = '2'.repeat(64);
	const ALL_ACTIONS: Action[] = [...TAKE_ACTIONS, ...SONG_OWNER_ACTIONS, 'song.listen', 'vocal.read'];
	const TEACHER_ALLOWED = new Set<Action>(['take.read', 'take.audio', 'take.delete', 'voice.delete', 'song.read', 'song.listen', 'song.delete', 'vocal.read', ...EXPORT_FORMATS.map((f): Action => `song.export.${f}`)]);
	const resourceFor = (action: Action): Resource => {
		const kind = action.startsWith('song.') ? 'song' : action === 'vocal.read' ? 'vocal' : 'take';
		return { kind, ownerHash: STUDENT, classTeacherHash: TEACHER, ...(kind === 'song' ? { shareHash: null } : {}) } as Resource;
	};
	/** Who asks, and what they may do with the student's work (every other action refused). */
	const actors: [string, Actor, (action: Action) => boolean][] = [
		['the student who made it', { ownerHash: STUDENT, shareHash: null, teacherHash: null }, (a) => a !== 'song.share'],
		['a classmate', { ownerHash: CLASSMATE, shareHash: null, teacherHash: null }, () => false],
		['the teacher of the class', { ownerHash: null, shareHash: null, teacherHash: TEACHER }, (a) => TEACHER_ALLOWED.has(a)],
		['the teacher of another class', { ownerHash: null, shareHash: null, teacherHash: OTHER_TEACHER }, () => false],
		['a request without a key', NOBODY, () => false],
		// A teacher's browser that is also someone's owner: the teacher key still gives only the teacher's rights.
		['the teacher of the class with an unrelated owner key', { ownerHash: CLASSMATE, shareHash: null, teacherHash: TEACHER }, (a) => TEACHER_ALLOWED.has(a)]
	];
	for (const [who, actor, allowed] of actors) {
		for (const action of ALL_ACTIONS) {
			const expected = allowed(action);
			it(`${expected ? 'lets' : 'refuses'} ${who} ${action}`, () => {
				expect(can(actor, action, resourceFor(action))).toBe(expected);
			});
		}
	}

	it('gives the teacher key nothing over work outside a class, nor over work without an owner', () => {
		const teacher: Actor = { ownerHash: null, shareHash: null, teacherHash: TEACHER };
		expect(can(teacher, 'take.read', { kind: 'take', ownerHash: STUDENT })).toBe(false);
		expect(can(teacher, 'take.read', { kind: 'take', ownerHash: null, classTeacherHash: TEACHER })).toBe(false);
		expect(can({ ownerHash: null, shareHash: null, teacherHash: null }, 'take.read', { kind: 'take', ownerHash: STUDENT, classTeacherHash: null })).toBe(false);
	});

	it('lets a student outside any class share as before', () => {
		expect(can({ ownerHash: STUDENT, shareHash: null }, 'song.share', { kind: 'song', ownerHash: STUDENT, classTeacherHash: null })).toBe(true);
	});
});
