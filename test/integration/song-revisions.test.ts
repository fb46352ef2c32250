/**
 * A song's versions through the whole stack (built server, real worker and Redis): a note edit
 * makes version 2; version 1 is named, listed with its state and what changed, its mix fetched
 * for A/B listening, and restored as version 3, whose document is version 1's and whose mix is the
 * one already made (content-addressed: nothing is sung or mixed again); history is never
 * rewritten; bad input is a 400, an unknown version a 404, a stale page a 409, a stranger a 404.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionEntry } from '../../src/lib/song/revisions';
import type { Song } from '../../src/lib/song/types';
import { HAS_ESPEAK } from '../helpers/espeak';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { follow, mixed } from '../helpers/song-events';
import { mixedEnglishSong } from '../helpers/mixed-song';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('song versions: list, name, listen and restore (built server, real worker and Redis)', () => {
	let stack: Stack;
	let songId: string;
	const api = (path: string, init: RequestInit & { key?: string } = {}) =>
		fetch(`${stack.baseUrl}/api/songs/${songId}${path}`, { ...init, headers: ownerHeaders(init.key, init.body ? { 'content-type': 'application/json' } : {}) });
	const refusal = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error });
	type Composed = { revision: number; mixId: string; vocalId: string | null; backingId: string; edited?: boolean; song: Song };
	const composedAt = async (revision: number) => JSON.parse(await (await api(`/revisions/${revision}/export/json`)).text()) as Song;

	beforeAll(async () => {
		stack = await startStack();
		songId = await mixedEnglishSong(stack.baseUrl);
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('names version 1, lists both versions with what changed, plays the older mix, and restores it as a new version that reuses its mix', async () => {
		const first = ((await (await api('')).json()) as { composed: Composed }).composed;
		const tempo = first.song.tempoBpm;
		const edited = await api('/edits', { method: 'POST', body: JSON.stringify({ baseRevision: 1, commands: [{ label: 'Tempo up', patches: [{ op: 'set', field: 'tempoBpm', from: tempo, to: tempo + 12 }] }] }) });
		expect(edited.status).toBe(201);
		await follow(stack.baseUrl, songId, mixed(2), {}, 180_000);

		const named = await api('/revisions/1', { method: 'PATCH', body: JSON.stringify({ name: ' Before the tempo change ' }) });
		expect(named.status).toBe(200);
		expect(await named.json()).toEqual({ songId, revision: 1, name: 'Before the tempo change' });
		const list = (await (await api('/revisions')).json()) as { current: number; revisions: RevisionEntry[]; older: number | null };
		expect(list.current).toBe(2);
		expect(list.older).toBeNull();
		expect(list.revisions.map((r) => [r.revision, r.name, r.labels, r.state, r.restoredFrom])).toEqual([
			[2, null, ['Tempo up'], 'mixed', null],
			[1, 'Before the tempo change', [], 'mixed', null]
		]);
		expect(list.revisions.every((r) => typeof r.composedAt === 'string' && !Number.isNaN(Date.parse(r.composedAt)))).toBe(true);

		// The older version's mix, for A/B against the current one: both play, and differ (another tempo).
		const [olderMp3, currentMp3] = await Promise.all([api('/revisions/1/export/mp3'), api('/revisions/2/export/mp3')]);
		expect([olderMp3.status, currentMp3.status, olderMp3.headers.get('content-type')]).toEqual([200, 200, 'audio/mpeg']);
		const [olderBytes, currentBytes] = [new Uint8Array(await olderMp3.arrayBuffer()), new Uint8Array(await currentMp3.arrayBuffer())];
		expect(olderBytes.byteLength).toBeGreaterThan(10_000);
		expect(Buffer.from(olderBytes).equals(Buffer.from(currentBytes))).toBe(false);

		// A page that still shows version 1 may not restore over version 2.
		expect(await refusal(await api('/revisions/1/restore', { method: 'POST', body: JSON.stringify({ baseRevision: 1 }) }))).toMatchObject({ status: 409, code: 'song_changed' });
		const restored = await api('/revisions/1/restore', { method: 'POST', body: JSON.stringify({ baseRevision: 2 }) });
		expect(restored.status).toBe(201);
		const made = (await restored.json()) as { revision: number; restoredFrom: number; composed: Composed };
		expect([made.revision, made.restoredFrom, made.composed.edited]).toEqual([3, 1, true]);
		expect({ ...made.composed.song, revision: 1 }).toEqual(first.song);
		// The same document, settings and voice: the same vocal, backing and mix ids, so nothing is rendered again.
		expect([made.composed.vocalId, made.composed.backingId, made.composed.mixId]).toEqual([first.vocalId, first.backingId, first.mixId]);
		const { status } = await follow(stack.baseUrl, songId, mixed(3), {}, 30_000);
		expect(status.mixId).toBe(first.mixId);
		expect(Buffer.from(new Uint8Array(await (await api('/export/mp3')).arrayBuffer())).equals(Buffer.from(olderBytes))).toBe(true);

		// History stays: version 2 is still the faster one, and the list says where version 3 came from.
		expect((await composedAt(2)).tempoBpm).toBe(tempo + 12);
		expect((await composedAt(1)).tempoBpm).toBe(tempo);
		const after = (await (await api('/revisions')).json()) as { current: number; revisions: RevisionEntry[] };
		expect(after.revisions.map((r) => [r.revision, r.restoredFrom, r.name])).toEqual([
			[3, 1, null],
			[2, null, null],
			[1, null, 'Before the tempo change']
		]);
	}, 420_000);

	it('answers bad input 400, an unknown version 404, the current or an uncomposed one 409, and a stranger 404', async () => {
		const { current } = (await (await api('/revisions')).json()) as { current: number };
		expect(await refusal(await api('/revisions/two', { method: 'PATCH', body: '{"name": "x"}' }))).toMatchObject({ status: 400, code: 'bad_revision' });
		expect(await refusal(await api('/revisions/1', { method: 'PATCH', body: '{"name": ""}' }))).toMatchObject({ status: 400, code: 'bad_name' });
		expect(await refusal(await api('/revisions/1', { method: 'PATCH', body: '{"title": "x"}' }))).toMatchObject({ status: 400, code: 'bad_name' });
		expect(await refusal(await api('/revisions/1', { method: 'PATCH', body: 'not json' }))).toMatchObject({ status: 400, code: 'bad_request' });
		expect(await refusal(await api('/revisions?before=x'))).toMatchObject({ status: 400, code: 'bad_revision' });
		expect(await refusal(await api('/revisions/1/restore', { method: 'POST', body: '{"baseRevision": "3"}' }))).toMatchObject({ status: 400, code: 'bad_restore' });
		for (const path of [`/revisions/${current + 1}`, '/revisions/0']) {
			expect(await refusal(await api(path, { method: 'PATCH', body: '{"name": "x"}' })), path).toMatchObject({ status: 404, code: 'revision_not_found' });
			expect(await refusal(await api(`${path}/restore`, { method: 'POST' })), path).toMatchObject({ status: 404, code: 'revision_not_found' });
			expect(await refusal(await api(`${path}/export/mp3`)), path).toMatchObject({ status: 404, code: 'revision_not_found' });
		}
		expect(await refusal(await api('/revisions/1/export/flac'))).toMatchObject({ status: 404, code: 'unknown_export_format' });
		expect(await refusal(await api(`/revisions/${current}/restore`, { method: 'POST' }))).toMatchObject({ status: 409, code: 'revision_is_current' });
		// A song revision whose lyrics cannot be sung is never composed: there is nothing to restore or play.
		const unsingable = await api('', { method: 'PATCH', body: JSON.stringify({ lyrics: Array(60).fill('la la la la la').join(' ') }) });
		expect(unsingable.status).toBe(202);
		const { revision: failed } = (await unsingable.json()) as { revision: number };
		await expect.poll(async () => ((await (await api('/revisions')).json()) as { revisions: RevisionEntry[] }).revisions[0].state, { timeout: 60_000, interval: 500 }).toBe('failed');
		expect(await refusal(await api(`/revisions/${failed}/export/mp3`))).toMatchObject({ status: 409, code: 'revision_not_composed' });
		expect(await refusal(await api(`/revisions/${failed - 1}/restore`, { method: 'POST', body: JSON.stringify({ baseRevision: failed - 1 }) }))).toMatchObject({ status: 409, code: 'song_changed' });
		// Restoring the last good version is the way back from a failed one; it is mixed at once.
		const back = await api(`/revisions/${current}/restore`, { method: 'POST', body: JSON.stringify({ baseRevision: failed }) });
		expect(back.status).toBe(201);
		const { revision: recovered } = (await back.json()) as { revision: number };
		expect(recovered).toBe(failed + 1);
		await follow(stack.baseUrl, songId, mixed(recovered), {}, 30_000);
		// Another owner learns nothing: the same 404 as for a song that does not exist.
		const stranger = newOwnerKey();
		for (const [method, path] of [['GET', '/revisions'], ['PATCH', '/revisions/1'], ['POST', '/revisions/1/restore'], ['GET', '/revisions/1/export/mp3']] as const) {
			const response = await api(path, { method, key: stranger, ...(method === 'PATCH' ? { body: '{"name": "mine"}' } : {}) });
			expect(await refusal(response), `${method} ${path}`).toMatchObject({ status: 404, code: 'song_not_found' });
		}
		expect(((await (await api('/revisions')).json()) as { revisions: RevisionEntry[] }).revisions.find((r) => r.revision === 1)?.name).toBe('Before the tempo change');
	}, 180_000);
});
