/**
 * Two worker processes on one Redis and one DATA_DIR, as the README tells users to scale out: one
 * serves `analyze` and `sing`, the other `compose`, `sing` and `mix`, so the song's stages are split
 * between them and both share its phrases. A song is made end to end through the built web server,
 * and each worker's log shows the jobs it ran.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_ESPEAK } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { follow, mixed } from '../helpers/song-events';
import { uploadSongTake } from '../helpers/song-take';
import { makeDataDir, startRedis, startWeb, startWorker, type Redis, type RunningProcess, type WorkerEnv } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

/** The ids of the jobs of `queue` a worker's log says it completed (worker/main.ts logs `[worker] <queue> <job id> completed`). */
function completed(log: string, queue: string): string[] {
	return [...log.matchAll(new RegExp(`^\\[worker\\] ${queue} (\\S+) completed$`, 'gm'))].map((m) => m[1]).filter((id) => !id.startsWith('warmup'));
}

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('two worker processes sharing one Redis and one DATA_DIR', () => {
	let redis: Redis;
	let env: WorkerEnv;
	let analyst: RunningProcess;
	let composer: RunningProcess;
	let web: RunningProcess & { baseUrl: string };
	beforeAll(async () => {
		redis = await startRedis();
		env = { redisUrl: redis.url, dataDir: await makeDataDir(), queuePrefix: `t${randomUUID().slice(0, 8)}` };
		[analyst, composer] = await Promise.all([
			startWorker({ ...env, extraEnv: { WORKER_QUEUES: 'analyze,sing' } }),
			startWorker({ ...env, extraEnv: { WORKER_QUEUES: 'compose,sing,mix' } })
		]);
		web = await startWeb(env);
	}, 60_000);
	afterAll(async () => {
		await Promise.all([web?.stop(), analyst?.stop(), composer?.stop()]);
		await redis?.stop();
		if (env) await rm(env.dataDir, { recursive: true, force: true });
	});

	it('makes a song end to end, each worker running the stages it serves and both singing its phrases', async () => {
		const headers = ownerHeaders();
		const takeId = await uploadSongTake(web.baseUrl, 'en', headers);
		const asked = await fetch(`${web.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ seed: 7 }) });
		expect(asked.status).toBe(202);
		const { songId } = (await asked.json()) as { songId: string };
		const { status } = await follow(web.baseUrl, songId, mixed(1), {}, 120_000, headers);
		expect(status.error).toBeNull();
		expect(status.phrases.length).toBeGreaterThan(1);

		// The mix is stored (what the song's stream reports) a moment before its worker logs the job completed.
		const deadline = Date.now() + 10_000;
		while (!completed(composer.output(), 'mix').includes(`mix-${songId}-1`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		const [a, c] = [analyst.output(), composer.output()];
		expect(completed(a, 'analyze')).toEqual([`analyze-${takeId}`]);
		expect(completed(c, 'analyze')).toEqual([]);
		expect(completed(c, 'compose')).toEqual([`compose-${songId}-1`]);
		expect(completed(c, 'mix')).toEqual(expect.arrayContaining([`backing-${songId}-1`, `mix-${songId}-1`]));
		expect(completed(a, 'compose').concat(completed(a, 'mix'))).toEqual([]);
		// Both took phrases from the one sing queue, and between them sang every phrase once.
		const phrases = (log: string) => completed(log, 'sing').filter((id) => id.startsWith(`song-phrase-${songId}-1-`));
		console.log(`two workers: ${status.phrases.length} phrases, ${phrases(a).length} sung by the analyze+sing worker, ${phrases(c).length} by the compose+sing+mix worker`);
		expect(phrases(a).length).toBeGreaterThan(0);
		expect(phrases(c).length).toBeGreaterThan(0);
		expect(new Set([...phrases(a), ...phrases(c)]).size).toBe(status.phrases.length);
		expect(phrases(a).length + phrases(c).length).toBe(status.phrases.length);
	}, 150_000);
});
