// `npm test`: everything the studio's tests need, then every test (unit, integration, e2e).
// Builds the web app first because the integration and browser tests run the built server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
	console.log('[test] installing npm packages (first run)…');
	run('npm', ['ci', '--no-audit', '--no-fund']);
}

const missing = [];
if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('redis-server');
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
// eSpeak NG renders the synthetic readings (known syllable times) the aligner is tested on.
if (spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('espeak-ng');
if (missing.length) {
	const hint = `sudo apt-get install -y ${missing.join(' ')}`;
	if (process.env.CI) {
		console.error(`[test] missing system packages: ${missing.join(', ')}. Install them with: ${hint}`);
		process.exit(1);
	}
	console.warn(`[test] missing system packages: ${missing.join(', ')}; the tests that need them are skipped. Install with: ${hint}`);
}

// The melody model is generated from the npm package, never downloaded (models/README.md).
run(process.execPath, ['--import', 'tsx/esm', path.join(root, 'models/convert-basic-pitch.ts')]);
console.log('[test] building the web app…');
run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)]);
