/**
 * Ownership without accounts through the whole stack (built server, real worker and Redis): a take
 * belongs to the owner key that uploaded it, and everything made from it (songs, vocals) with it.
 * Another key, or none, gets the same 404 as for something that does not exist; a song's share
 * link plays and downloads the mix and reaches nothing else; a browser without a key is given one
 * as a cookie; the library lists an owner's takes and songs and survives a restart.
 */
import { spawnSync } from 'node:child_process';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav } from '../../src/lib/audio';
import type { TakeRecord } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_ESPEAK } from '../helpers/espeak';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { follow, mixed, waitForAnalysis } from '../helpers/song-events';
import { humAndReadingTake } from '../helpers/song-take';
import { startStack, startWeb, type RunningProcess, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

const STRANGER = newOwnerKey();

function takeForm(pcm: Float32Array, sampleRate: number, fields: Record<string, string> = {}): FormData {
	const body = new FormData();
	body.set('audio', new Blob([encodeWav(pcm, sampleRate) as BlobPart]), 'take.wav');
	body.set('language', 'en');
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return body;
}

interface Refusal {
	method: string;
	path: string;
	body?: string;
}

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('owner keys, share links and the library (built server, real worker and Redis)', () => {
	let stack: Stack;
	let baseUrl: string;
	let takeId: string;
	let songId: string;
	let vocalId: string;
	/** The web server started again by the restart test (the stack stops only its own). */
	let restarted: RunningProcess | undefined;
	beforeAll(async () => {
		stack = await startStack();
		baseUrl = stack.baseUrl;
		const take = humAndReadingTake('en');
		const response = await fetch(`${baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(), body: takeForm(take.pcm, take.sampleRate, { source: 'recording', humEndSeconds: String(take.humEndSeconds) }) });
		expect(response.status).toBe(201);
		takeId = ((await response.json()) as { take: TakeRecord }).take.id;
		await waitForAnalysis(baseUrl, takeId);
		const asked = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(undefined, { 'content-type': 'application/json' }), body: JSON.stringify({ style: 'lo-fi', seed: 5 }) });
		expect(asked.status).toBe(202);
		songId = ((await asked.json()) as { songId: string }).songId;
		const { status } = await follow(baseUrl, songId, mixed(1));
		vocalId = status.vocalId!;
		expect(vocalId).toMatch(/^[0-9a-f]{64}$/);
	}, 300_000);
	afterAll(async () => {
		await restarted?.stop();
		await stack?.stop();
	});

	/** The same request as the owner's for a resource that does not exist, with its id swapped back. */
	async function missingBody(request: Refusal, realId: string, missingId: string, headers: Record<string, string>): Promise<unknown> {
		const response = await fetch(baseUrl + request.path.replace(realId, missingId), { method: request.method, headers: ownerHeaders(undefined, headers), body: request.body });
		expect(response.status).toBe(404);
		return JSON.parse((await response.text()).replaceAll(missingId, realId));
	}

	it('answers another key, and no key, 404 for the take, its recording, events, notes, voice, vocals and songs, as if they did not exist', async () => {
		const json = { 'content-type': 'application/json' };
		const takeRequests: Refusal[] = [
			{ method: 'GET', path: `/api/takes/${takeId}` },
			{ method: 'GET', path: `/api/takes/${takeId}/audio` },
			{ method: 'GET', path: `/api/takes/${takeId}/events` },
			{ method: 'GET', path: `/api/takes/${takeId}/notes.mid` },
			{ method: 'GET', path: `/api/takes/${takeId}/songs` },
			{ method: 'POST', path: `/api/takes/${takeId}/songs`, body: '{}' },
			{ method: 'POST', path: `/api/takes/${takeId}/vocal`, body: '{"lyrics": "la la la"}' },
			{ method: 'DELETE', path: `/api/takes/${takeId}/voice` },
			{ method: 'PATCH', path: `/api/takes/${takeId}`, body: '{"name": "mine now"}' },
			{ method: 'DELETE', path: `/api/takes/${takeId}` }
		];
		const vocalRequests: Refusal[] = [
			{ method: 'GET', path: `/api/vocals/${vocalId}` },
			{ method: 'GET', path: `/api/vocals/${vocalId}/full` },
			{ method: 'GET', path: `/api/vocals/${vocalId}/phrases/0` }
		];
		const songRequests: Refusal[] = [
			{ method: 'GET', path: `/api/songs/${songId}` },
			{ method: 'GET', path: `/api/songs/${songId}/events` },
			{ method: 'GET', path: `/api/songs/${songId}/backing` },
			...['wav16', 'wav24', 'mp3', 'midi', 'json', 'vocal', 'backing', 'musicxml'].map((format) => ({ method: 'GET', path: `/api/songs/${songId}/export/${format}` })),
			{ method: 'PATCH', path: `/api/songs/${songId}`, body: '{"lyrics": "mine now"}' },
			{ method: 'POST', path: `/api/songs/${songId}/import`, body: '{}' },
			{ method: 'POST', path: `/api/songs/${songId}/edits`, body: '{"baseRevision": 1, "commands": [{"label": "mine now", "patches": [{"op": "set", "field": "tempoBpm", "from": 100, "to": 60}]}]}' },
			{ method: 'GET', path: `/api/songs/${songId}/revisions` },
			{ method: 'PATCH', path: `/api/songs/${songId}/revisions/1`, body: '{"name": "mine now"}' },
			{ method: 'POST', path: `/api/songs/${songId}/revisions/1/restore`, body: '{}' },
			...['mp3', 'json'].map((format) => ({ method: 'GET', path: `/api/songs/${songId}/revisions/1/export/${format}` })),
			{ method: 'POST', path: `/api/songs/${songId}/share` },
			{ method: 'DELETE', path: `/api/songs/${songId}/share` },
			{ method: 'DELETE', path: `/api/songs/${songId}` }
		];
		const groups: [Refusal[], string, string][] = [
			[takeRequests, takeId, 'zzzzzzzzzzzzzzzzzzzzzzzzzz'],
			[vocalRequests, vocalId, 'f'.repeat(64)],
			[songRequests, songId, 'f'.repeat(20)]
		];
		for (const [requests, realId, missingId] of groups) {
			for (const request of requests) {
				const expected = await missingBody(request, realId, missingId, request.body ? json : {});
				for (const [who, headers] of [['another key', ownerHeaders(STRANGER)], ['no key', {}]] as const) {
					const response = await fetch(baseUrl + request.path, { method: request.method, headers: { ...headers, ...(request.body ? json : {}) }, body: request.body });
					const text = await response.text();
					expect(response.status, `${who}: ${request.method} ${request.path}`).toBe(404);
					expect(JSON.parse(text), `${who}: ${request.method} ${request.path}`).toEqual(expected);
				}
			}
		}
		// Nothing the strangers asked for happened: the owner still has the take, its voice and the song.
		expect((await fetch(`${baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).status).toBe(200);
		expect((await fetch(`${baseUrl}/api/vocals/${vocalId}/full`, { headers: ownerHeaders() })).status).toBe(200);
		const song = (await (await fetch(`${baseUrl}/api/songs/${songId}`, { headers: ownerHeaders() })).json()) as { record: { revision: number; takeId: string } };
		expect(song.record).toMatchObject({ revision: 1, takeId });
	}, 120_000);

	it('gives a stranger holding the song URL no takeId: GET /api/songs/:id and the JSON export are 404 and name no take (finding 6)', async () => {
		for (const path of [`/api/songs/${songId}`, `/api/songs/${songId}/export/json`]) {
			const response = await fetch(baseUrl + path, { headers: ownerHeaders(STRANGER) });
			const text = await response.text();
			expect(response.status, path).toBe(404);
			expect(text, path).not.toContain(takeId);
		}
		// With the take id anyway, the stranger cannot hear the recording, sing with the voice or delete it.
		expect((await fetch(`${baseUrl}/api/takes/${takeId}/audio`, { headers: ownerHeaders(STRANGER) })).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/takes/${takeId}/vocal`, { method: 'POST', headers: ownerHeaders(STRANGER), body: '{"lyrics": "anything at all"}' })).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/takes/${takeId}`, { method: 'DELETE', headers: ownerHeaders(STRANGER) })).status).toBe(404);
	});

	it('shares a song by a listen-only link: the mix plays and downloads, nothing leads to the take, the recording or the voice, and revoking ends it', async () => {
		const shared = await fetch(`${baseUrl}/api/songs/${songId}/share`, { method: 'POST', headers: ownerHeaders() });
		expect(shared.status).toBe(201);
		const { token, url } = (await shared.json()) as { token: string; url: string };
		expect(url).toBe(`/listen/${token}`);
		const profileIds = (await readFile(path.join(stack.dataDir, 'artifacts', 'vocal', `${vocalId}.json`), 'utf8')).match(/"profileId":"([0-9a-f]+)"/)?.[1];
		expect(profileIds).toBeDefined();

		const view = await fetch(`${baseUrl}/api/listen/${token}`);
		expect(view.status).toBe(200);
		const body = (await view.json()) as { name: string; language: string; durationSeconds: number; lyrics: string; mix: Record<string, string> };
		const text = JSON.stringify(body);
		for (const secret of [takeId, vocalId, profileIds!, songId, 'takeId', 'vocalId', 'profileId']) expect(text).not.toContain(secret);
		expect(body.language).toBe('en');
		expect(body.durationSeconds).toBeGreaterThan(10);
		expect(body.lyrics.length).toBeGreaterThan(10);
		expect(Object.keys(body.mix).sort()).toEqual(['mix-24bit.wav', 'mix.mp3', 'mix.wav']);
		for (const [file, mixUrl] of Object.entries(body.mix)) {
			const response = await fetch(baseUrl + mixUrl);
			expect(response.status, file).toBe(200);
			expect(response.headers.get('content-disposition'), file).not.toContain(songId);
			const audio = await decodeAudio(new Uint8Array(await response.arrayBuffer()));
			expect(audio.channels[0].length / audio.sampleRate, file).toBeCloseTo(body.durationSeconds, -1);
		}
		// The token opens nothing else, whether sent as an owner key or in the path.
		for (const path of [`/api/takes/${takeId}/audio`, `/api/takes/${takeId}`, `/api/songs/${songId}`, `/api/songs/${songId}/export/vocal`, `/api/songs/${songId}/export/json`, `/api/vocals/${vocalId}/full`]) {
			expect((await fetch(baseUrl + path, { headers: { 'x-owner-key': token } })).status, path).toBe(404);
		}
		for (const file of ['vocal.wav', 'backing.wav', 'song.mid', 'original.wav']) expect((await fetch(`${baseUrl}/api/listen/${token}/${file}`)).status, file).toBe(404);
		expect((await fetch(`${baseUrl}/api/listen/${newOwnerKey()}`)).status).toBe(404);

		// A new link replaces the old one; revoking ends the new one.
		const again = (await (await fetch(`${baseUrl}/api/songs/${songId}/share`, { method: 'POST', headers: ownerHeaders() })).json()) as { token: string };
		expect((await fetch(`${baseUrl}/api/listen/${token}`)).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/listen/${again.token}`)).status).toBe(200);
		expect((await fetch(`${baseUrl}/api/songs/${songId}/share`, { method: 'DELETE', headers: ownerHeaders() })).status).toBe(204);
		expect((await fetch(`${baseUrl}/api/listen/${again.token}`)).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/listen/${again.token}/mix.mp3`)).status).toBe(404);
	}, 60_000);

	it('gives a browser without a key a new one as an HttpOnly cookie (no Secure, over http) and in x-owner-key; the cookie opens the take', async () => {
		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 4 });
		const response = await fetch(`${baseUrl}/api/takes`, { method: 'POST', body: takeForm(pcm, sampleRate) });
		expect(response.status).toBe(201);
		const { take } = (await response.json()) as { take: TakeRecord };
		expect(JSON.stringify(take)).not.toContain('ownerHash');
		const setCookie = response.headers.get('set-cookie')!;
		const key = response.headers.get('x-owner-key')!;
		expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(setCookie).toMatch(new RegExp(`^h2s_owner=${key};`));
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/SameSite=Lax/);
		expect(setCookie).toMatch(/Path=\//);
		expect(setCookie.toLowerCase()).not.toContain('secure');
		const cookie = setCookie.split(';')[0];
		expect((await fetch(`${baseUrl}/api/takes/${take.id}`, { headers: { cookie } })).status).toBe(200);
		expect((await fetch(`${baseUrl}/api/takes/${take.id}`, { headers: ownerHeaders(key) })).status).toBe(200);
		expect((await fetch(`${baseUrl}/api/takes/${take.id}`)).status).toBe(404);
		// A request that proves a key keeps it: no new cookie.
		const second = await fetch(`${baseUrl}/api/takes`, { method: 'POST', headers: { cookie }, body: takeForm(pcm, sampleRate) });
		expect(second.status).toBe(201);
		expect(second.headers.get('set-cookie')).toBeNull();
		const library = (await (await fetch(`${baseUrl}/api/library`, { headers: { cookie } })).json()) as { takes: { id: string }[] };
		expect(library.takes.map((t) => t.id)).toContain(take.id);
		expect(library.takes).toHaveLength(2);
	}, 60_000);

	it('treats a take made before owner keys (no owner hash) as nobody\'s', async () => {
		const stored = JSON.parse(await readFile(path.join(stack.dataDir, 'takes', takeId, 'take.json'), 'utf8')) as TakeRecord;
		const { ownerHash: _ownerHash, ...legacy } = stored;
		const legacyId = 'legacy0take0000000000';
		await mkdir(path.join(stack.dataDir, 'takes', legacyId), { recursive: true });
		await writeFile(path.join(stack.dataDir, 'takes', legacyId, 'take.json'), JSON.stringify({ ...legacy, id: legacyId }));
		for (const headers of [ownerHeaders(), {}]) {
			expect((await fetch(`${baseUrl}/api/takes/${legacyId}`, { headers })).status).toBe(404);
			expect((await fetch(`${baseUrl}/api/takes/${legacyId}/audio`, { headers })).status).toBe(404);
		}
	});

	it('lists the owner\'s takes and songs newest first with name, language, length and status, renames and deletes them, and keeps them across a restart', async () => {
		const key = newOwnerKey();
		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 5 });
		const upload = async (language: string) => {
			const response = await fetch(`${baseUrl}/api/takes`, { method: 'POST', headers: ownerHeaders(key), body: takeForm(pcm, sampleRate, { language }) });
			expect(response.status).toBe(201);
			return ((await response.json()) as { take: TakeRecord }).take.id;
		};
		const first = await upload('yue');
		const second = await upload('cmn');
		const songOf = async (id: string) => ((await (await fetch(`${baseUrl}/api/takes/${id}/songs`, { method: 'POST', headers: ownerHeaders(key), body: '{"lyrics": "one line to sing"}' })).json()) as { songId: string }).songId;
		const olderSong = await songOf(first);
		const newerSong = await songOf(first);
		const rename = (kind: string, id: string, name: unknown) => fetch(`${baseUrl}/api/${kind}/${id}`, { method: 'PATCH', headers: ownerHeaders(key, { 'content-type': 'application/json' }), body: JSON.stringify({ name }) });
		expect((await rename('takes', first, 'Morning hum')).status).toBe(200);
		expect((await rename('songs', olderSong, 'River song')).status).toBe(200);
		expect((await rename('takes', first, 'x'.repeat(101))).status).toBe(400);
		expect((await rename('songs', olderSong, '')).status).toBe(400);

		interface Listed {
			takes: { id: string; name: string; language: string; durationSeconds: number; status: string; createdAt: string }[];
			songs: { id: string; takeId: string; name: string; language: string; status: string }[];
		}
		const library = async (url: string): Promise<Listed> => (await (await fetch(`${url}/api/library`, { headers: ownerHeaders(key) })).json()) as Listed;
		const before = await library(baseUrl);
		expect(before.takes.map((t) => t.id)).toEqual([second, first]);
		expect(before.takes[1]).toMatchObject({ name: 'Morning hum', language: 'yue' });
		expect(before.takes[0]).toMatchObject({ language: 'cmn' });
		expect(before.takes[0].durationSeconds).toBeCloseTo(5, 0);
		expect(['queued', 'active', 'completed']).toContain(before.takes[0].status);
		expect(before.songs.map((s) => s.id)).toEqual([newerSong, olderSong]);
		expect(before.songs[1]).toMatchObject({ name: 'River song', takeId: first, language: 'yue' });
		expect(before.songs[0].name).toBe('one line to sing');
		expect(['working', 'ready', 'failed']).toContain(before.songs[0].status);
		// The take's page lists its songs; another owner's library does not show them.
		const ofTake = (await (await fetch(`${baseUrl}/api/takes/${first}/songs`, { headers: ownerHeaders(key) })).json()) as { songs: { id: string }[] };
		expect(ofTake.songs.map((s) => s.id)).toEqual([newerSong, olderSong]);
		expect(((await (await fetch(`${baseUrl}/api/library`, { headers: ownerHeaders(STRANGER) })).json()) as Listed).takes).toEqual([]);

		// A song's name rides along with an edit without breaking it.
		const edit = await fetch(`${baseUrl}/api/songs/${newerSong}`, { method: 'PATCH', headers: ownerHeaders(key, { 'content-type': 'application/json' }), body: JSON.stringify({ name: 'Second try', style: 'lo-fi' }) });
		expect(edit.status).toBe(202);
		expect(await edit.json()).toMatchObject({ revision: 2, name: 'Second try', request: { style: 'lo-fi' } });

		// The web server restarts on the same data: the library is the same.
		await stack.web.stop();
		const web = await startWeb({ redisUrl: stack.redisUrl, dataDir: stack.dataDir, queuePrefix: stack.queuePrefix });
		restarted = web;
		baseUrl = web.baseUrl;
		const after = await library(baseUrl);
		expect(after.takes.map((t) => [t.id, t.name])).toEqual(before.takes.map((t) => [t.id, t.name]));
		expect(after.songs.map((s) => [s.id, s.name])).toEqual([[newerSong, 'Second try'], [olderSong, 'River song']]);

		// Deleting: the song, then the take with its other song, leave the library and answer 404.
		expect((await fetch(`${baseUrl}/api/songs/${olderSong}`, { method: 'DELETE', headers: ownerHeaders(key) })).status).toBe(204);
		expect((await fetch(`${baseUrl}/api/songs/${olderSong}`, { headers: ownerHeaders(key) })).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/takes/${first}`, { method: 'DELETE', headers: ownerHeaders(key) })).status).toBe(204);
		expect((await fetch(`${baseUrl}/api/takes/${first}`, { headers: ownerHeaders(key) })).status).toBe(404);
		expect((await fetch(`${baseUrl}/api/songs/${newerSong}`, { headers: ownerHeaders(key) })).status).toBe(404);
		const remaining = await library(baseUrl);
		expect(remaining.takes.map((t) => t.id)).toEqual([second]);
		expect(remaining.songs).toEqual([]);
	}, 120_000);
});
