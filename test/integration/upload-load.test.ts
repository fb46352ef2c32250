/**
 * A class uploading at once: 30 students each send a 60 s take (a 5.3 MB WAV) to the built web
 * server at the same moment. Every upload is stored and the web server's peak resident memory
 * (VmHWM) stays under 500 MB; before uploads were decoded a few at a time it reached about 940 MB.
 * No worker runs here: the analyses stay queued.
 */
import { readFile, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/wav';
import { hummedTake } from '../helpers/audio';
import { newOwnerKey, ownerHeaders } from '../helpers/owner';
import { makeDataDir, startRedis, startWeb, type Redis, type RunningProcess } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const STUDENTS = 30;

async function peakRssMb(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('thirty uploads at once (built server, real Redis)', () => {
	let redis: Redis;
	let dataDir: string;
	let web: RunningProcess & { baseUrl: string };
	beforeAll(async () => {
		redis = await startRedis();
		dataDir = await makeDataDir();
		web = await startWeb({ redisUrl: redis.url, dataDir, queuePrefix: `t${randomUUID().slice(0, 8)}` });
	});
	afterAll(async () => {
		await web?.stop();
		await redis?.stop();
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	it('stores every 60 s take with the web server under 500 MB', async () => {
		const pcm = hummedTake(60);
		// Each student's take a little quieter than the last: 30 different recordings, all encoded
		// before the first request starts (encoding while requests wait to be written would stall them).
		const bodies = Array.from({ length: STUDENTS }, (_, i) => {
			const body = new FormData();
			body.set('audio', new Blob([encodeWav(pcm.map((v) => v * (1 - 0.004 * i)), 44100) as BlobPart]), `student-${i + 1}.wav`);
			body.set('language', 'en');
			return body;
		});
		const statuses = await Promise.all(
			bodies.map(async (body) => {
				const response = await fetch(`${web.baseUrl}/api/takes`, { method: 'POST', body, headers: ownerHeaders(newOwnerKey()) });
				await response.arrayBuffer();
				return response.status;
			})
		);
		expect(statuses).toEqual(Array(STUDENTS).fill(201));
		expect(await peakRssMb(web.process.pid!)).toBeLessThanOrEqual(500);
	}, 180_000);
});
