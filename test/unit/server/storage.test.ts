import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, getJson, putJson, sha256Hex } from '../../../src/lib/server/storage';

describe('FileStore', () => {
	let dir: string;
	let store: FileStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-store-'));
		store = new FileStore(dir);
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('stores and returns bytes under nested keys, and reports missing keys as null', async () => {
		await store.put('takes/abc/original.wav', new Uint8Array([1, 2, 3]));
		expect(Array.from((await store.get('takes/abc/original.wav'))!)).toEqual([1, 2, 3]);
		expect(await store.has('takes/abc/original.wav')).toBe(true);
		expect(await store.get('takes/abc/missing.wav')).toBeNull();
		expect(await store.has('takes/nothing')).toBe(false);
	});

	it('leaves no temporary files behind after a write', async () => {
		await store.put('a/b.bin', new Uint8Array(1000));
		expect(await readdir(path.join(dir, 'a'))).toEqual(['b.bin']);
	});

	it('refuses keys that could escape the data directory', async () => {
		for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '', 'a/.hidden', 'a\\b']) {
			await expect(store.put(key, new Uint8Array(1))).rejects.toThrow(/Invalid storage key/);
		}
	});

	it('round-trips JSON and deletes', async () => {
		await putJson(store, 'doc.json', { a: 1, b: ['x'] });
		expect(await getJson(store, 'doc.json')).toEqual({ a: 1, b: ['x'] });
		await store.delete('doc.json');
		expect(await getJson(store, 'doc.json')).toBeNull();
	});

	it('lists a folder\'s entries (sorted, without writes in flight) and deletes a folder with everything under it', async () => {
		await store.put('owners/h1/takes/b', new Uint8Array(0));
		await store.put('owners/h1/takes/a', new Uint8Array(0));
		await store.put('owners/h1/songs/s', new Uint8Array(0));
		expect(await store.list('owners/h1/takes')).toEqual(['a', 'b']);
		expect(await store.list('owners/h1')).toEqual(['songs', 'takes']);
		expect(await store.list('owners/nobody')).toEqual([]);
		await store.deleteFolder('owners/h1');
		expect(await store.list('owners/h1/takes')).toEqual([]);
		expect(await readdir(path.join(dir, 'owners'))).toEqual([]);
	});

	it('deletes a folder while a writer is still putting files in it (a worker finishing a song being deleted)', async () => {
		for (let round = 0; round < 20; round++) {
			const folder = `songs/s${round}`;
			for (let i = 0; i < 40; i++) await store.put(`${folder}/mix/part-${i}`, new Uint8Array(16));
			// A writer that finishes: 30 more parts, as a worker's last stage would, then it stops.
			const writer = (async () => {
				for (let i = 0; i < 30; i++) await store.put(`${folder}/mix/late-${i}`, new Uint8Array(16)).catch(() => {});
			})();
			await expect(store.deleteFolder(folder)).resolves.toBeUndefined();
			await writer;
			await store.deleteFolder(folder);
			expect(await store.list(folder)).toEqual([]);
		}
	});

	it('hashes content as sha256 hex', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
});
