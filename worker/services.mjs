// Start and stop the processes the studio needs: a private redis-server, the worker, the web server.
// Plain JavaScript (no build, no dependencies) so `npm start` works before anything is installed,
// and shared by the test suite, which starts the same services on free ports.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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

/**
 * A private redis-server bound to 127.0.0.1. With `persist`, data lives in `dataDir` with the
 * append-only file on (the studio's queue survives a restart); without, nothing touches disk (tests).
 */
/** @param {{ dataDir?: string, port?: number, persist?: boolean, log?: boolean }} [options] */
export async function startRedisServer({ dataDir, port, persist = true, log = false } = {}) {
	if (!hasRedisServer()) throw new Error(REDIS_INSTALL_HINT);
	const redisPort = port ?? (await findFreePort());
	const args = ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'yes'];
	if (persist) {
		const dir = path.resolve(dataDir ?? './data', 'redis');
		mkdirSync(dir, { recursive: true });
		args.push('--dir', dir, '--appendonly', 'yes');
	} else {
		args.push('--appendonly', 'no');
	}
	const child = spawn('redis-server', args, { stdio: log ? 'inherit' : 'ignore' });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	await Promise.race([
		waitForPort(redisPort),
		exited.then((code) => {
			throw new Error(`redis-server exited (code ${code}) before it was ready on port ${redisPort}`);
		})
	]);
	return {
		url: `redis://127.0.0.1:${redisPort}`,
		port: redisPort,
		process: child,
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

