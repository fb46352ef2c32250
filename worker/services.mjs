// Start and stop the processes the studio needs: a private redis-server, the worker, the web server.
// Plain JavaScript (no build, no dependencies) so `npm start` works before anything is installed,
// and shared by the test suite, which starts the same services on free ports.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A TCP port that was free a moment ago, from the OS. */
export function findFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/**
 * Whether `port` on `host` can be listened on now: false when another program (often a studio
 * started earlier) holds it. Other errors (a host this machine does not have) are thrown.
 * @param {number} port
 * @param {string} host
 * @returns {Promise<boolean>}
 */
export function portIsFree(port, host) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

export function hasRedisServer() {
	const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
	return probe.status === 0;
}

export const REDIS_INSTALL_HINT =
	'redis-server was not found. Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu), ' +
	'or set REDIS_URL to a Redis you already run (e.g. REDIS_URL=redis://127.0.0.1:6379).';

/**
 * Resolves when `port` accepts TCP connections, or rejects after `timeoutMs`.
 * @param {number} port
 * @param {{ host?: string, timeoutMs?: number }} [options]
 */
export async function waitForPort(port, { host = '127.0.0.1', timeoutMs = 15000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const ok = await new Promise((resolve) => {
			const socket = net.connect({ port, host }, () => {
				socket.end();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** A random password for a private Redis (URL-safe, so it can sit in redis://:<password>@host:port). */
export function newRedisPassword() {
	return randomBytes(24).toString('hex');
}

/**
 * A private redis-server bound to 127.0.0.1 only, with a random password (`--requirepass`) that
 * only its URL carries: other local users and processes cannot use the studio's queue. With
 * `persist`, data lives in `dataDir/redis` (mode 0700) with the append-only file on (the studio's
 * queue survives a restart); without, nothing touches disk (tests). Pass `port` and `password` to
 * start it again where it was.
 */
/** @param {{ dataDir?: string, port?: number, password?: string, persist?: boolean, log?: boolean }} [options] */
export async function startRedisServer({ dataDir, port, password = newRedisPassword(), persist = true, log = false } = {}) {
	if (!hasRedisServer()) throw new Error(REDIS_INSTALL_HINT);
	const redisPort = port ?? (await findFreePort());
	// `-`: the password comes as configuration on stdin, so it never shows in the process list.
	const args = ['-', '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'yes'];
	if (persist) {
		const dir = path.resolve(dataDir ?? './data', 'redis');
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		chmodSync(dir, 0o700);
		args.push('--dir', dir, '--appendonly', 'yes');
	} else {
		args.push('--appendonly', 'no');
	}
	const child = spawn('redis-server', args, { stdio: ['pipe', log ? 'inherit' : 'ignore', log ? 'inherit' : 'ignore'] });
	child.stdin.end(`requirepass ${password}\n`);
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	await Promise.race([
		waitForPort(redisPort),
		exited.then(({ code }) => {
			throw new Error(`redis-server exited (code ${code}) before it was ready on port ${redisPort}`);
		})
	]);
	return {
		url: `redis://:${password}@127.0.0.1:${redisPort}`,
		port: redisPort,
		password,
		process: child,
		exited,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/**
 * Spawn a Node process with the studio's environment; `exited` resolves when it ends.
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, name?: string, stdio?: 'inherit' | 'pipe' | 'ignore', cwd?: string }} [options]
 */
export function spawnNode(args, { env = {}, name = 'process', stdio = 'inherit', cwd } = {}) {
	const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio, cwd });
	/** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	return {
		name,
		process: child,
		exited,
		/** @param {NodeJS.Signals} [signal] @param {number} [graceMs] */
		async stop(signal = 'SIGTERM', graceMs = 10000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
	};
}

/**
 * The environment of the web server (adapter-node's build/index.js) as `npm start` runs it; the
 * tests start it through the same function. adapter-node refuses bodies over BODY_SIZE_LIMIT before
 * the app sees them: the largest upload plus room for its multipart form; JSON bodies have their own,
 * smaller limit in the app.
 * @param {{ port: number, host: string, env?: Record<string, string> }} options
 */
export function webServerEnv({ port, host, env = {} }) {
	const maxUploadBytes = Number(env.MAX_UPLOAD_BYTES ?? process.env.MAX_UPLOAD_BYTES ?? 52428800);
	return { ...env, PORT: String(port), HOST: host, BODY_SIZE_LIMIT: String(maxUploadBytes + 1024 * 1024) };
}


/**
 * The wait before the next restart of a process that keeps failing: `initialMs` doubled per failure
 * in a row, at most `maxMs`.
 * @param {number} failuresInARow failures before this one (0 for the first)
 * @param {{ initialMs?: number, maxMs?: number }} [options]
 */
export function restartDelayMs(failuresInARow, { initialMs = 1000, maxMs = 30000 } = {}) {
	return Math.min(maxMs, initialMs * 2 ** Math.min(failuresInARow, 30));
}

/**
 * @typedef {{ process: import('node:child_process').ChildProcess, exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>, stop(signal?: NodeJS.Signals): Promise<void> }} Supervisable
 */

/**
 * Keeps a process running: when it exits without being asked to, `start` runs again after a
 * backoff (1 s doubling to 30 s; the count resets once a run has lasted `resetAfterMs`), and each
 * start and exit is logged with the pid. `stop()` stops it for good.
 * @param {string} name
 * @param {() => Supervisable | Promise<Supervisable>} start
 * @param {{ initialMs?: number, maxMs?: number, resetAfterMs?: number, log?: (line: string) => void }} [options]
 */
export async function supervise(name, start, { initialMs = 1000, maxMs = 30000, resetAfterMs = 60000, log = (line) => console.log(line) } = {}) {
	/** @type {Supervisable} */
	let current;
	let stopping = false;
	let failuresInARow = 0;
	let restarts = 0;
	/** @type {ReturnType<typeof setTimeout> | null} */
	let timer = null;

	const launch = async () => {
		timer = null;
		if (stopping) return;
		const startedAt = Date.now();
		try {
			current = await start();
		} catch (e) {
			// The start itself failed (e.g. a port still held): count it as a failed run.
			scheduleRestart(`could not start: ${/** @type {Error} */ (e).message}`, startedAt);
			return;
		}
		log(`[studio] ${name} started (pid ${current.process.pid})`);
		void current.exited.then(({ code, signal }) => {
			if (!stopping) scheduleRestart(`exited (${signal ?? `code ${code}`})`, startedAt);
		});
	};

	/** @param {string} why @param {number} startedAt */
	const scheduleRestart = (why, startedAt) => {
		if (Date.now() - startedAt >= resetAfterMs) failuresInARow = 0;
		const delayMs = restartDelayMs(failuresInARow, { initialMs, maxMs });
		failuresInARow++;
		restarts++;
		log(`[studio] ${name} ${why}; restarting it in ${(delayMs / 1000).toFixed(1)} s (restart ${restarts})`);
		timer = setTimeout(() => void launch(), delayMs);
	};

	await launch();
	return {
		name,
		/** The process running now (or the last one, while a restart waits). */
		get current() {
			return current;
		},
		get restarts() {
			return restarts;
		},
		/** @param {NodeJS.Signals} [signal] */
		async stop(signal = 'SIGTERM') {
			stopping = true;
			if (timer) clearTimeout(timer);
			await current?.stop(signal);
		}
	};
}
