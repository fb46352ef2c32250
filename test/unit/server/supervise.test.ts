/** The process supervisor `npm start` uses (worker/services.mjs), on real child processes. */
import { describe, expect, it } from 'vitest';
import { restartDelayMs, spawnNode, supervise } from '../../../worker/services.mjs';

describe('restartDelayMs', () => {
	it('doubles from 1 s per failure in a row up to 30 s', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => restartDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
	});
});

describe('supervise', () => {
	it('restarts a process that dies, with growing waits, logs each exit with its pid, and stops for good on stop()', async () => {
		const lines: string[] = [];
		const pids: number[] = [];
		const supervisor = await supervise(
			'crasher',
			() => {
				const child = spawnNode(['-e', 'setTimeout(() => process.exit(3), 50)'], { stdio: 'ignore', name: 'crasher' });
				pids.push(child.process.pid!);
				return child;
			},
			{ initialMs: 100, maxMs: 400, resetAfterMs: 60_000, log: (line: string) => lines.push(line) }
		);
		const deadline = Date.now() + 5000;
		while (supervisor.restarts < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		await supervisor.stop();
		expect(supervisor.restarts).toBeGreaterThanOrEqual(3);
		expect(new Set(pids).size).toBe(pids.length);
		expect(lines[0]).toBe(`[studio] crasher started (pid ${pids[0]})`);
		const waits = lines.filter((l) => l.includes('exited')).map((l) => Number(/restarting it in ([\d.]+) s/.exec(l)![1]));
		expect(waits.slice(0, 3)).toEqual([0.1, 0.2, 0.4]);
		expect(lines.find((l) => l.includes('exited'))).toMatch(/crasher exited \(code 3\); restarting it in 0\.1 s/);
		const restartsAtStop = supervisor.restarts;
		await new Promise((r) => setTimeout(r, 600));
		expect(supervisor.restarts).toBe(restartsAtStop);
	});

	it('stops a healthy process with SIGTERM and does not restart it', async () => {
		const supervisor = await supervise('sleeper', () => spawnNode(['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', name: 'sleeper' }), { log: () => {} });
		const child = supervisor.current.process;
		await supervisor.stop();
		expect(child.signalCode).toBe('SIGTERM');
		expect(supervisor.restarts).toBe(0);
	});
});
