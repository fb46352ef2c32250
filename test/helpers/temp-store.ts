import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { FileStore } from '../../src/lib/server/storage';

/** A FileStore in a fresh temporary folder for each test of the calling suite, removed after it. */
export function useTempStore(prefix: string): () => FileStore {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), `h2s-${prefix}-`));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));
	return () => store;
}
