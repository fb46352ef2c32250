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
