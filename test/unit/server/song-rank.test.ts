import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mixFileKey, songRecordKey, songRevisionKey } from '../../../src/lib/server/keys';
import { indexSong } from '../../../src/lib/server/library-index';
import { recordSongFailure } from '../../../src/lib/server/song-failures';
import { songQueueRank } from '../../../src/lib/server/song-rank';
import { MIX_FILE } from '../../../src/lib/server/song-status';
import type { SongRecord } from '../../../src/lib/server/songs';
import { FileStore, putJson } from '../../../src/lib/server/storage';
import { defaultSongRequest } from '../../../src/lib/song/song-request';

const OWNER = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describe('a song\'s rank from storage', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-rank-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	async function storeSong(n: number, ownerHash: string | null = OWNER, revision = 1): Promise<SongRecord> {
		const record: SongRecord = {
			id: `song${String(n).padStart(12, '0')}`,
			takeId: `take${String(n).padStart(12, '0')}`,
			createdAt: new Date(Date.UTC(2026, 11, 6, 5, n)).toISOString(),
			revision,
			request: defaultSongRequest('en', n),
			...(ownerHash ? { ownerHash } : {})
		};
		await indexSong(store, record);
		await putJson(store, songRecordKey(record.id), record);
		return record;
	}
	async function mix(record: SongRecord, revision = record.revision): Promise<void> {
		const mixId = `mix-${record.id}-${revision}`;
		await putJson(store, songRevisionKey(record.id, revision), { songId: record.id, revision, mixId });
		await putJson(store, mixFileKey(mixId, MIX_FILE.report), {});
	}

	it('counts the owner\'s earlier songs still being made (not yet composed, or composed and not mixed)', async () => {
		const first = await storeSong(1);
		const second = await storeSong(2);
		await putJson(store, songRevisionKey(second.id, 1), { songId: second.id, revision: 1, mixId: 'mix-not-yet' });
		const third = await storeSong(3);
		expect(await songQueueRank(store, first)).toBe(0);
		expect(await songQueueRank(store, second)).toBe(1);
		expect(await songQueueRank(store, third)).toBe(2);
	});

	it('does not count an earlier song once its latest revision is mixed or has failed', async () => {
		const first = await storeSong(1);
		const second = await storeSong(2);
		const third = await storeSong(3);
		await mix(first);
		await recordSongFailure(store, second.id, 1, 'compose', { code: 'lyrics_too_long', message: 'x' });
		expect(await songQueueRank(store, third)).toBe(0);
	});

	it('counts a mixed song again while an edit of it (a newer revision) is being made', async () => {
		const first = await storeSong(1, OWNER, 2);
		await mix(first, 1);
		const second = await storeSong(2);
		expect(await songQueueRank(store, second)).toBe(1);
		await mix(first, 2);
		expect(await songQueueRank(store, second)).toBe(0);
	});

	it('ignores other owners\' songs, and ranks a song without an owner 0', async () => {
		await storeSong(1, OTHER);
		const mine = await storeSong(2);
		expect(await songQueueRank(store, mine)).toBe(0);
		await storeSong(3);
		const ownerless = await storeSong(4, null);
		expect(await songQueueRank(store, ownerless)).toBe(0);
	});
});
