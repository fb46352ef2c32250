// `npm start`: build if needed, then run web + worker (+ a private redis-server when REDIS_URL is unset).
// `npm run dev`: the same with Vite's dev server (hot reload) and a worker that restarts on change.
// Each is supervised: one that dies (a crash, the OOM killer, SIGKILL) is restarted with backoff and
// logged, and the others keep running. Ctrl-C stops all of them cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate, networkAddresses } from './tls.mjs';
import { REDIS_INSTALL_HINT, hasRedisServer, newRedisPassword, portIsFree, spawnNode, startRedisServer, supervise, waitForPort, webServerEnv } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const dev = process.argv.includes('--dev');

function fail(message) {
	console.error(`\n[studio] ${message}\n`);
	process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: the studio needs Node 20.19 or newer.`);

function run(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed.`);
}

// First run on a fresh clone: install the npm packages (the lockfile pins them).
if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
	console.log('[studio] installing npm packages (first run)…');
	run('npm', ['ci', '--no-audit', '--no-fund']);
}

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

function buildIsStale() {
	const built = path.join(root, 'build', 'index.js');
	if (!existsSync(built)) return true;
	const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'static')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
	return sources > statSync(built).mtimeMs;
}

// The melody model is generated from the npm package (fast, and a no-op when up to date).
run(process.execPath, ['--import', 'tsx/esm', path.join(root, 'models/convert-basic-pitch.ts')]);

if (!dev && buildIsStale()) {
	console.log('[studio] building the web app…');
	run('npm', ['run', 'build']);
}

const dataDir = path.resolve(process.env.DATA_DIR || './data');
const port = Number(process.env.PORT || (dev ? 5173 : 3000));
const host = process.env.HOST || '127.0.0.1';
// Checked before anything starts: with the port taken, the web server could only fail and be
// restarted forever while the log said the studio was running (it was the other program answering).
const portFree = await portIsFree(port, host).catch((error) => fail(`cannot listen on ${host}:${port}: ${error.message}. Set HOST to an address of this machine.`));
if (!portFree) {
	const variable = dev ? 'PORT=5174 npm run dev' : 'PORT=3001 npm start';
	fail(
		`port ${port} on ${host} is already in use (is the studio already running? open http://${host === '0.0.0.0' ? 'localhost' : host}:${port}).\n` +
			`[studio] Stop the program that uses it, or start the studio on another port: ${variable}`
	);
}
// HTTPS=1: for a class on the school network, where devices allow the microphone only on https.
const https = !dev && ['1', 'true', 'yes'].includes(String(process.env.HTTPS ?? '').toLowerCase());
/** @type {ReturnType<typeof ensureCertificate> | null} */
let tls = null;
if (https) {
	try {
		tls = ensureCertificate(dataDir);
	} catch (error) {
		fail(`HTTPS: ${error instanceof Error ? error.message : error}`);
	}
}
/** @type {Awaited<ReturnType<typeof supervise>>[]} */
const services = [];

let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
	if (!hasRedisServer()) fail(REDIS_INSTALL_HINT);
	// Restarts keep the port and the password, so the web server and the worker reconnect by themselves.
	const password = newRedisPassword();
	/** @type {Awaited<ReturnType<typeof startRedisServer>> | null} */
	let first = await startRedisServer({ dataDir, port: Number(process.env.REDIS_PORT || 0) || undefined, password, persist: true });
	const { port: redisPort } = first;
	redisUrl = first.url;
	console.log(`[studio] redis-server on 127.0.0.1:${redisPort}, password protected (data in ${path.join(dataDir, 'redis')})`);
	services.push(
		await supervise('redis-server', () => {
			const started = first ?? startRedisServer({ dataDir, port: redisPort, password, persist: true });
			first = null;
			return started;
		})
	);
}

const env = { REDIS_URL: redisUrl, DATA_DIR: dataDir };
const workerArgs = dev ? ['--import', 'tsx/esm', '--watch', 'worker/main.ts'] : ['--import', 'tsx/esm', 'worker/main.ts'];
services.push(await supervise('worker', () => spawnNode(workerArgs, { env, name: 'worker' })));
services.push(
	await supervise('web', () =>
		dev
			? spawnNode([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'dev', '--port', String(port), '--host', host, '--strictPort'], { env, name: 'web' })
			: tls
				? spawnNode([path.join(root, 'worker', 'https-web.mjs')], { env: { ...webServerEnv({ port, host, env }), TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile }, name: 'web' })
				: spawnNode([path.join(root, 'build', 'index.js')], { env: webServerEnv({ port, host, env }), name: 'web' })
	)
);

let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	console.log('\n[studio] stopping…');
	// Web and worker first (the worker finishes or hands back its jobs), then Redis.
	const redis = services.find((s) => s.name === 'redis-server');
	await Promise.all(services.filter((s) => s !== redis).map((s) => s.stop('SIGTERM')));
	await redis?.stop('SIGTERM');
	console.log('[studio] stopped');
	process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

await waitForPort(port, { host, timeoutMs: 60000 }).catch(() => fail(`the web server did not start on ${host}:${port}`));
const scheme = tls ? 'https' : 'http';
console.log(`\n[studio] Hum2Song Studio is running at ${scheme}://${host === '0.0.0.0' ? 'localhost' : host}:${port}  (Ctrl-C to stop)\n`);
if (host === '0.0.0.0' || host === '::') {
	for (const address of networkAddresses()) console.log(`[studio] on the network: ${scheme}://${address}:${port}`);
	if (!tls) console.log('[studio] phones and tablets allow the microphone only over https: start with HTTPS=1 for a class (see README, "Classroom").');
}
if (tls?.selfSigned) console.log(`[studio] HTTPS with a self-signed certificate (${tls.certFile}): each device asks once whether to trust it.`);
