/**
 * Faults on the studio as `npm start` runs it (node worker/start.mjs, real Redis, worker and web):
 * the worker SIGKILLed mid-song, Redis SIGKILLed, a restart (every stored take and song file
 * byte-identical), and a full disk (a 1 MB tmpfs as DATA_DIR; needs root and `mount`). Redis is
 * started here (as npm start starts its own: password, append-only file in DATA_DIR/redis) and given
 * as REDIS_URL, so it can stay down for a few seconds: npm start's own supervisor would restart
 * its private Redis within about a second.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav } from '../../src/lib/audio/wav';
import type { TakeRecord } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { HAS_ESPEAK } from '../helpers/espeak';
import { ownerHeaders, OWNER_KEY } from '../helpers/owner';
import { humAndReadingTake } from '../helpers/song-take';
import { startStudio, type StudioProcess } from '../helpers/studio-process';
import { startRedisServer } from '../../worker/services.mjs';
import type { Benchmark } from './run';

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 240_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe().catch(() => false))) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

function wavForm(pcm: Float32Array, sampleRate: number, humEndSeconds: number | null): FormData {
	const body = new FormData();
	body.set('audio', new Blob([encodeWav(pcm, sampleRate) as BlobPart]), 'take.wav');
	body.set('language', 'en');
	if (humEndSeconds !== null) body.set('humEndSeconds', String(humEndSeconds));
	return body;
}

async function upload(studio: StudioProcess, body: FormData): Promise<Response> {
	return fetch(`${studio.baseUrl}/api/takes`, { method: 'POST', body, headers: ownerHeaders() });
}

async function analysed(studio: StudioProcess, takeId: string): Promise<boolean> {
	const d = (await (await fetch(`${studio.baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).json()) as { progress?: { status: string } };
	return d.progress?.status === 'completed';
}

async function composedSong(studio: StudioProcess, songId: string): Promise<{ mixId: string } | null> {
	const d = (await (await fetch(`${studio.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders() })).json()) as { composed: { mixId: string } | null };
	return d.composed;
}

/** sha-256 of every stored file except Redis's own (its append-only file changes as the queue works). */
async function hashData(dataDir: string): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
		const full = path.join(entry.parentPath, entry.name);
		const relative = path.relative(dataDir, full);
		if (!entry.isFile() || relative.startsWith(`redis${path.sep}`)) continue;
		hashes.set(relative, createHash('sha256').update(await readFile(full)).digest('hex'));
	}
	return hashes;
}

function canMount(dir: string): boolean {
	return process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
}

export const faultsBenchmark: Benchmark = async (print) => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'hum2song-faults-'));
	let redis = await startRedisServer({ dataDir, persist: true });
	// The worker looks for lost jobs every 2 s here (60 s by default) so the run stays short.
	const env = { REQUEUE_INTERVAL_MS: '2000', REDIS_URL: redis.url };
	let studio = await startStudio({ dataDir, env });
	try {
		// Worker SIGKILL mid-song.
		const take = HAS_ESPEAK ? humAndReadingTake('en') : { ...makeHumMelody({ durationSeconds: 12 }), humEndSeconds: null };
		const first = await upload(studio, wavForm(take.pcm, take.sampleRate, take.humEndSeconds));
		const takeId = ((await first.json()) as { take: TakeRecord }).take.id;
		await waitFor('the analysis', () => analysed(studio, takeId));
		const songResponse = await fetch(`${studio.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' }), body: JSON.stringify({ seed: 2 }) });
		const { songId } = (await songResponse.json()) as { songId: string };
		await waitFor('the song composed', async () => (await composedSong(studio, songId)) !== null);
		const killedAt = performance.now();
		process.kill(studio.pids('worker')[0], 'SIGKILL');
		await studio.waitForLog(/\[worker\] ready/, 2, 120_000);
		print({ name: 'faults.worker_sigkill.back_seconds', value: seconds(killedAt), unit: 's', note: 'SIGKILL to the restarted worker ready (1 s backoff + start-up)' });
		const health = await fetch(`${studio.baseUrl}/api/health`, { headers: ownerHeaders() });
		print({ name: 'faults.worker_sigkill.web_status', value: health.status, unit: 'http', note: 'the web server while the worker was restarted' });
		await waitFor('the song mixed', async () => {
			const composed = await composedSong(studio, songId);
			return !!composed && existsSync(path.join(dataDir, 'artifacts/mix', composed.mixId, 'report.json'));
		});
		print({ name: 'faults.worker_sigkill.song_finished_seconds', value: seconds(killedAt), unit: 's', note: 'SIGKILL mid-song to the mix stored (the killed job is taken over when its lock expires, 30 s)' });

		// Redis SIGKILL: 503s while it is down, then it starts again (same port, password and append-only file) and nothing is lost.
		redis.process.kill('SIGKILL');
		await redis.exited;
		let t = performance.now();
		const down = await fetch(`${studio.baseUrl}/api/health`, { headers: ownerHeaders() });
		print({ name: 'faults.redis_sigkill.health_ms', value: performance.now() - t, unit: 'ms', note: `status ${down.status}; target 503 within 2000 ms` });
		const other = makeHumMelody({ durationSeconds: 7 });
		t = performance.now();
		const kept = await upload(studio, wavForm(other.pcm, other.sampleRate, null));
		print({ name: 'faults.redis_sigkill.upload_ms', value: performance.now() - t, unit: 'ms', note: `status ${kept.status}; the take is stored either way` });
		const keptError = ((await kept.json()) as { error?: { message: string } }).error;
		const keptId = /id ([a-z0-9]+)/.exec(keptError?.message ?? '')?.[1];
		await new Promise((r) => setTimeout(r, 3000));
		redis = await startRedisServer({ dataDir, port: redis.port, password: redis.password, persist: true });
		const restartedAt = performance.now();
		await waitFor('health OK again', async () => (await fetch(`${studio.baseUrl}/api/health`, { headers: ownerHeaders() })).status === 200, 60_000);
		print({ name: 'faults.redis_sigkill.recovered_seconds', value: seconds(restartedAt), unit: 's', note: 'Redis started again (after 3 s down) to health OK' });
		if (keptId) {
			await waitFor('the kept take analysed', () => analysed(studio, keptId));
			print({ name: 'faults.redis_sigkill.kept_upload_analysed_seconds', value: seconds(restartedAt), unit: 's', note: 'from Redis back to the upload made while it was down analysed (re-queued by the worker)' });
		}

		// Restart: every stored file byte-identical.
		const before = await hashData(dataDir);
		await studio.stop();
		studio = await startStudio({ dataDir, env });
		await new Promise((r) => setTimeout(r, 5000));
		const after = await hashData(dataDir);
		const changed = [...before].filter(([file, hash]) => after.get(file) !== hash).length;
		print({ name: 'faults.restart.files_compared', value: before.size, unit: 'files', note: 'every take, artifact and song file under DATA_DIR (Redis excluded)' });
		print({ name: 'faults.restart.files_changed_or_lost', value: changed, unit: 'files', note: 'target 0' });
	} finally {
		await studio.stop();
		await redis.stop();
		await rm(dataDir, { recursive: true, force: true });
	}

	// Full disk.
	const fullDir = await mkdtemp(path.join(tmpdir(), 'hum2song-full-'));
	if (!canMount(fullDir)) {
		print({ name: 'faults.full_disk.skipped', value: 1, unit: 'flag', note: 'needs root and mount for a small tmpfs' });
		await rm(fullDir, { recursive: true, force: true });
		return;
	}
	const full = await startStudio({ dataDir: fullDir });
	try {
		const big = makeHumMelody({ durationSeconds: 30 });
		const t = performance.now();
		const refused = await upload(full, wavForm(big.pcm, big.sampleRate, null));
		const { error } = (await refused.json()) as { error: { code: string } };
		print({ name: 'faults.full_disk.upload_status', value: refused.status, unit: 'http', note: `${error.code} in ${(performance.now() - t).toFixed(0)} ms; a 2.6 MB recording on a 1 MB disk` });
		const stored = (await readdir(fullDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !path.relative(fullDir, path.join(e.parentPath, e.name)).startsWith('redis'));
		print({ name: 'faults.full_disk.partial_files', value: stored.length, unit: 'files', note: 'target 0 (no .tmp, no half-stored take)' });
	} finally {
		await full.stop();
		execFileSync('umount', [fullDir]);
		await rm(fullDir, { recursive: true, force: true });
	}
};
