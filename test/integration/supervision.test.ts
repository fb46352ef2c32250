/**
 * `npm start` keeps the studio up when one of its processes dies: the worker killed with SIGKILL is
 * restarted (logged) while the web server and Redis keep serving, and a new upload is analysed by
 * the restarted worker. Ctrl-C still stops everything. The studio runs as the README starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio';
import type { TakeRecord } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { ownerHeaders } from '../helpers/owner';
import { REPO_ROOT } from '../helpers/paths';
import { startStudio, type StudioProcess } from '../helpers/studio-process';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe.skipIf(!HAS_REDIS && !process.env.CI)('npm start supervises its processes', () => {
	let dataDir: string;
	let studio: StudioProcess;
	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'h2s-start-'));
		studio = await startStudio({ dataDir });
	}, 180_000);
	afterAll(async () => {
		await studio?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('restarts a worker killed with SIGKILL while the web server stays up, and the new worker analyses an upload', async () => {
		const [firstWorker] = studio.pids('worker');
		const [web] = studio.pids('web');
		const [redis] = studio.pids('redis-server');
		expect(firstWorker).toBeGreaterThan(0);
		process.kill(firstWorker, 'SIGKILL');
		await studio.waitForLog(/\[studio\] worker exited \(SIGKILL\); restarting it in 1\.0 s/);
		// The web server answers while the worker is down.
		const health = await fetch(`${studio.baseUrl}/api/health`, { headers: ownerHeaders() });
		expect(health.status).toBe(200);
		await studio.waitForLog(/\[worker\] ready/, 2);
		const [, secondWorker] = studio.pids('worker');
		expect(secondWorker).not.toBe(firstWorker);
		expect(isRunning(secondWorker)).toBe(true);
		expect(studio.pids('web')).toEqual([web]);
		expect(studio.pids('redis-server')).toEqual([redis]);

		const { pcm, sampleRate } = makeHumMelody({ durationSeconds: 6 });
		const body = new FormData();
		body.set('audio', new Blob([encodeWav(pcm, sampleRate, { bitDepth: 16 }) as BlobPart]), 'hum.wav');
		const upload = await fetch(`${studio.baseUrl}/api/takes`, { method: 'POST', body, headers: ownerHeaders() });
		expect(upload.status).toBe(201);
		const takeId = ((await upload.json()) as { take: TakeRecord }).take.id;
		const deadline = Date.now() + 120_000;
		for (;;) {
			const d = (await (await fetch(`${studio.baseUrl}/api/takes/${takeId}`, { headers: ownerHeaders() })).json()) as { progress: { status: string } };
			if (d.progress.status === 'completed') break;
			if (d.progress.status === 'failed' || Date.now() > deadline) throw new Error(`analysis did not complete: ${JSON.stringify(d)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		expect(studio.output()).toMatch(new RegExp(`\\[worker\\] analyze analyze-${takeId} completed`));
	}, 180_000);

	it('runs the mix queue\'s thread at a lower CPU priority than the rest of the worker (Linux: per-thread nice)', async () => {
		const worker = studio.pids('worker').at(-1)!;
		/** Each thread's nice value, from /proc (field 19 of stat, after the parenthesised name). */
		const niceOf = async (tid: string) => Number((await readFile(`/proc/${worker}/task/${tid}/stat`, 'utf8')).split(') ')[1].split(' ')[16]);
		const deadline = Date.now() + 30_000;
		let nices: number[] = [];
		// The warm-up job starts each queue's sandbox thread at the worker's start.
		while (!nices.includes(10) && Date.now() < deadline) {
			nices = await Promise.all((await readdir(`/proc/${worker}/task`)).map(niceOf));
			if (!nices.includes(10)) await new Promise((r) => setTimeout(r, 200));
		}
		expect(await niceOf(String(worker))).toBe(0);
		expect(nices).toContain(10);
		// Only the mix thread (and any thread it started) is lowered; the worker's own threads are not.
		expect(nices.filter((n) => n === 0).length).toBeGreaterThan(nices.filter((n) => n === 10).length);
	});

	it('keeps the private Redis folder and the stored take private (0700 folders, 0600 files)', async () => {
		expect((await stat(path.join(dataDir, 'redis'))).mode & 0o777).toBe(0o700);
		expect((await stat(path.join(dataDir, 'takes'))).mode & 0o777).toBe(0o700);
	});

	it('restarts its private Redis killed with SIGKILL on the same port and password, and the studio is healthy again', async () => {
		const [redis] = studio.pids('redis-server');
		process.kill(redis, 'SIGKILL');
		await studio.waitForLog(/\[studio\] redis-server exited \(SIGKILL\); restarting it in 1\.0 s/);
		await studio.waitForLog(/\[studio\] redis-server started/, 2);
		const deadline = Date.now() + 20_000;
		let status = 0;
		while (status !== 200 && Date.now() < deadline) {
			status = (await fetch(`${studio.baseUrl}/api/health`, { headers: ownerHeaders() })).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(200);
		expect(studio.pids('worker')).toHaveLength(2);
	}, 60_000);

	it('stops every process on Ctrl-C', async () => {
		const pids = [...studio.pids('worker').slice(-1), ...studio.pids('web'), ...studio.pids('redis-server').slice(-1)];
		expect(await studio.stop()).toBe(0);
		expect(studio.output()).toContain('[studio] stopped');
		expect(pids.filter(isRunning)).toEqual([]);
	}, 60_000);
});

describe('npm start on a port that is taken', () => {
	it('stops at once with a sentence that says so and how to choose another port, and starts nothing', async () => {
		// A program (here a plain TCP server; often a studio started earlier) already holds the port.
		const holder = net.createServer((socket) => socket.end());
		await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
		const port = (holder.address() as net.AddressInfo).port;
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'h2s-port-'));
		try {
			const child = spawn(process.execPath, ['worker/start.mjs'], {
				cwd: REPO_ROOT,
				env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', PORT: String(port), DATA_DIR: dataDir },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let text = '';
			child.stdout.on('data', (d) => (text += d));
			child.stderr.on('data', (d) => (text += d));
			const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
			expect(code).toBe(1);
			expect(text).toContain(`port ${port} on 127.0.0.1 is already in use`);
			expect(text).toContain('PORT=3001 npm start');
			expect(text).not.toMatch(/is running at|redis-server started|worker started/);
		} finally {
			holder.close();
			await rm(dataDir, { recursive: true, force: true });
		}
	}, 120_000);
});
