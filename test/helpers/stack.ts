/**
 * Real services for integration and browser tests: a private redis-server, the worker process and
 * (optionally) the built web server, each on a free port, with a fresh data directory and queue prefix.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
// A plain-JS module shared with `npm start` (typed by JSDoc).
import { findFreePort, spawnNode, startRedisServer, waitForPort, webServerEnv } from '../../worker/services.mjs';
import { REPO_ROOT } from './paths';

export interface RunningProcess {
	process: import('node:child_process').ChildProcess;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
	output(): string;
}

export interface Redis {
	/** redis://:<password>@127.0.0.1:<port>, as the studio's own private Redis. */
	url: string;
	port: number;
	password: string;
	process: import('node:child_process').ChildProcess;
	stop(): Promise<void>;
}

/** A private, password-protected Redis (nothing on disk); pass `port` and `password` to start it again where it was. */
export async function startRedis(options: { port?: number; password?: string } = {}): Promise<Redis> {
	return startRedisServer({ ...options, persist: false });
}

export async function makeDataDir(): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), 'h2s-test-'));
}

export interface WorkerEnv {
	redisUrl: string;
	dataDir: string;
	queuePrefix: string;
	extraEnv?: Record<string, string>;
}

function captureOutput(child: import('node:child_process').ChildProcess): () => string {
	let text = '';
	child.stdout?.on('data', (d) => (text += d));
	child.stderr?.on('data', (d) => (text += d));
	return () => text;
}

/** The real worker process (`node --import tsx/esm worker/main.ts`), resolved once it says it is ready. */
export async function startWorker(env: WorkerEnv): Promise<RunningProcess> {
	const worker = spawnNode(['--import', 'tsx/esm', 'worker/main.ts'], {
		cwd: REPO_ROOT,
		stdio: 'pipe',
		name: 'worker',
		env: { REDIS_URL: env.redisUrl, DATA_DIR: env.dataDir, QUEUE_PREFIX: env.queuePrefix, ...env.extraEnv }
	});
	const output = captureOutput(worker.process);
	const deadline = Date.now() + 30_000;
	while (!output().includes('[worker] ready')) {
		if (worker.process.exitCode !== null) throw new Error(`worker exited before it was ready:\n${output()}`);
		if (Date.now() > deadline) throw new Error(`worker not ready after 30 s:\n${output()}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return { ...worker, output };
}

/** The built SvelteKit app (adapter-node). Run `npm run build` first; `npm test` does. */
export async function startWeb(env: WorkerEnv): Promise<RunningProcess & { baseUrl: string }> {
	const entry = path.join(REPO_ROOT, 'build/index.js');
	if (!existsSync(entry)) throw new Error('build/index.js is missing: run `npm run build` (npm test does it for you).');
	const port = await findFreePort();
	const web = spawnNode([entry], {
		cwd: REPO_ROOT,
		stdio: 'pipe',
		name: 'web',
		env: webServerEnv({ port, host: '127.0.0.1', env: { REDIS_URL: env.redisUrl, DATA_DIR: env.dataDir, QUEUE_PREFIX: env.queuePrefix, ...env.extraEnv } })
	});
	const output = captureOutput(web.process);
	await waitForPort(port, { timeoutMs: 30_000 }).catch(async (e: Error) => {
		// A web server that never listened is not left running behind the failed test.
		await web.stop('SIGKILL', 0);
		throw new Error(`${e.message}\n${output()}`);
	});
	return { ...web, output, baseUrl: `http://127.0.0.1:${port}` };
}

export interface Stack {
	baseUrl: string;
	redisUrl: string;
	/** The private Redis (kill it to test a Redis outage; start it again with its port and password). */
	redis: Redis;
	dataDir: string;
	queuePrefix: string;
	worker: RunningProcess;
	web: RunningProcess;
	stop(): Promise<void>;
}

/** Redis + worker + web, all fresh. */
export async function startStack(opts: { dataDir?: string; extraEnv?: Record<string, string> } = {}): Promise<Stack> {
	const redis = await startRedis();
	const dataDir = opts.dataDir ?? (await makeDataDir());
	const env: WorkerEnv = { redisUrl: redis.url, dataDir, queuePrefix: `t${randomUUID().slice(0, 8)}`, extraEnv: opts.extraEnv };
	let worker: RunningProcess | undefined;
	let web: (RunningProcess & { baseUrl: string }) | undefined;
	try {
		worker = await startWorker(env);
		web = await startWeb(env);
	} catch (e) {
		await Promise.all([worker?.stop(), redis.stop()]);
		throw e;
	}
	const stack: Stack = {
		baseUrl: web.baseUrl,
		redisUrl: redis.url,
		redis,
		dataDir,
		queuePrefix: env.queuePrefix,
		worker,
		web,
		// Stops the processes the stack holds now: a test may have replaced its worker or Redis (fault tests).
		async stop() {
			await Promise.all([stack.web.stop(), stack.worker.stop()]);
			await stack.redis.stop();
			if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
		}
	};
	return stack;
}
