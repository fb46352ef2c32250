/**
 * The studio started exactly as the README says (`npm start`, i.e. `node worker/start.mjs`) as a
 * child process, with no environment beyond PORT and DATA_DIR (plus what a shell has: PATH, HOME)
 * and whatever the caller adds. Its log tells the pids of the processes it supervises.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '../../worker/services.mjs';
import { REPO_ROOT } from './paths';

export interface StudioProcess {
	baseUrl: string;
	process: ChildProcess;
	output(): string;
	/** The pids of each start of a supervised process (`worker`, `web`, `redis-server`), in order. */
	pids(name: string): number[];
	/** Resolves when `pattern` has matched the log `count` times. */
	waitForLog(pattern: RegExp, count?: number, timeoutMs?: number): Promise<void>;
	/** Ctrl-C, as a user stops it; resolves with its exit code. */
	stop(): Promise<number | null>;
}

export async function startStudio({ dataDir, env = {}, timeoutMs = 120_000 }: { dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<StudioProcess> {
	const port = await findFreePort();
	const child = spawn(process.execPath, ['worker/start.mjs'], {
		cwd: REPO_ROOT,
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', PORT: String(port), DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let text = '';
	child.stdout!.on('data', (d) => (text += d));
	child.stderr!.on('data', (d) => (text += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const studio: StudioProcess = {
		baseUrl: `http://127.0.0.1:${port}`,
		process: child,
		output: () => text,
		pids: (name) => [...text.matchAll(new RegExp(`\\[studio\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1])),
		async waitForLog(pattern, count = 1, waitMs = 60_000) {
			const deadline = Date.now() + waitMs;
			const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
			while ((text.match(global)?.length ?? 0) < count) {
				if (child.exitCode !== null) throw new Error(`the studio exited (${child.exitCode}):\n${text}`);
				if (Date.now() > deadline) throw new Error(`${pattern} not seen ${count} time(s) after ${waitMs} ms:\n${text}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		async stop() {
			if (child.exitCode === null) child.kill('SIGINT');
			return exited;
		}
	};
	try {
		await studio.waitForLog(/Hum2Song Studio is running/, 1, timeoutMs);
		await studio.waitForLog(/\[worker\] ready/, 1, timeoutMs);
	} catch (e) {
		await studio.stop();
		throw e;
	}
	return studio;
}
