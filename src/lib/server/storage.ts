import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storageWriteError } from './storage-errors';

/** Stored files are readable by the studio's user only (recordings are personal data); so are its folders. */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

/**
 * The studio's one storage interface. Keys are relative paths with `/` separators
 * (`takes/<id>/take.json`, `artifacts/pcm/<sha256>.f32`). A file-system store is the default;
 * an S3-compatible store can implement the same four calls when several machines share the work.
 */
export interface BlobStore {
	put(key: string, bytes: Uint8Array): Promise<void>;
	/** The stored bytes, or null when the key does not exist. */
	get(key: string): Promise<Uint8Array | null>;
	has(key: string): Promise<boolean>;
	delete(key: string): Promise<void>;
	/** The names of the entries directly under a folder key (`takes/<id>`), sorted; [] when it does not exist. */
	list(folder: string): Promise<string[]>;
	/** Remove a folder key and everything under it. */
	deleteFolder(folder: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertSafeKey(key: string): void {
	if (!SAFE_KEY.test(key) || key.includes('..')) {
		throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
	}
}

/** Files under one root directory. Writes go to a temporary file first and are renamed into place,
 * so a reader (or a crash) never sees half a file; a refused write removes its temporary file and
 * throws a 507 StorageWriteError. */
export class FileStore implements BlobStore {
	constructor(readonly rootDir: string) {}

	private pathOf(key: string): string {
		assertSafeKey(key);
		return path.join(this.rootDir, ...key.split('/'));
	}

	async put(key: string, bytes: Uint8Array): Promise<void> {
		const target = this.pathOf(key);
		const temporary = `${target}.${randomUUID()}.tmp`;
		try {
			await mkdir(path.dirname(target), { recursive: true, mode: FOLDER_MODE });
			await writeFile(temporary, bytes, { mode: FILE_MODE });
			await rename(temporary, target);
		} catch (e) {
			await rm(temporary, { force: true }).catch(() => {});
			throw storageWriteError(e) ?? e;
		}
	}

	async get(key: string): Promise<Uint8Array | null> {
		try {
			const buffer = await readFile(this.pathOf(key));
			return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	}

	async has(key: string): Promise<boolean> {
		try {
			await stat(this.pathOf(key));
			return true;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw e;
		}
	}

	async delete(key: string): Promise<void> {
		await rm(this.pathOf(key), { force: true });
	}

	async list(folder: string): Promise<string[]> {
		try {
			// Temporary files of writes in flight are not entries.
			return (await readdir(this.pathOf(folder))).filter((name) => !name.endsWith('.tmp')).sort();
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			if (code === 'ENOENT' || code === 'ENOTDIR') return [];
			throw e;
		}
	}

	async deleteFolder(folder: string): Promise<void> {
		// A writer still finishing in the folder (a worker's last phrase of a song being deleted)
		// makes a recursive rm fail with ENOTEMPTY; Node retries that with a growing wait.
		await rm(this.pathOf(folder), { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
	}
}

export async function putJson(store: BlobStore, key: string, value: unknown): Promise<void> {
	await store.put(key, new TextEncoder().encode(JSON.stringify(value)));
}

export async function getJson<T>(store: BlobStore, key: string): Promise<T | null> {
	const bytes = await store.get(key);
	return bytes === null ? null : (JSON.parse(new TextDecoder().decode(bytes)) as T);
}

export function sha256Hex(...parts: (Uint8Array | string)[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part);
	return hash.digest('hex');
}
