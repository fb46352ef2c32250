import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A write in flight takes seconds at most; a temporary file this old was left by a crash or a full disk. */
export const STALE_TEMP_AGE_MS = 5 * 60_000;

/**
 * Removes FileStore's temporary files (`*.tmp`) under `rootDir` older than `olderThanMs`, left by a
 * process killed mid-write or a write the disk refused. Run at start by the web server and the
 * worker. Returns the paths removed.
 */
export async function removeStaleTempFiles(rootDir: string, { olderThanMs = STALE_TEMP_AGE_MS, now = Date.now() } = {}): Promise<string[]> {
	const removed: string[] = [];
	const visit = async (dir: string): Promise<void> => {
		let entries;
		try {
			entries = await readdir(dir, { withFileTypes: true });
		} catch {
			return; // no data folder yet, or one we may not read: nothing of ours to clean
		}
		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) await visit(full);
			else if (entry.isFile() && entry.name.endsWith('.tmp')) {
				// A write that finishes meanwhile renames its temporary file away (the worker runs
				// while the web server starts): gone is as good as removed.
				const mtimeMs = (await stat(full).catch(() => null))?.mtimeMs;
				if (mtimeMs !== undefined && now - mtimeMs > olderThanMs) {
					await rm(full, { force: true });
					removed.push(full);
				}
			}
		}
	};
	await visit(rootDir);
	return removed;
}
