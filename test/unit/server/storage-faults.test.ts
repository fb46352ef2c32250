/**
 * Storage that refuses writes (a full disk, a read-only mount) on real small tmpfs mounts (needs
 * root and `mount`; skipped elsewhere), file modes, and the clean-up of stale temporary files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/lib/audio';
import { StudioError, withErrors } from '../../../src/lib/server/errors';
import { removeStaleTempFiles } from '../../../src/lib/server/stale-temp-files';
import { FileStore } from '../../../src/lib/server/storage';
import { StorageWriteError } from '../../../src/lib/server/storage-errors';
import { createTake } from '../../../src/lib/server/takes';

/** Whether this process may mount a tmpfs (root in a container that allows it). */
function canMount(): boolean {
	if (process.getuid?.() !== 0) return false;
	const probe = path.join(os.tmpdir(), `h2s-mount-probe-${process.pid}`);
	spawnSync('mkdir', ['-p', probe]);
	const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
	if (ok) spawnSync('umount', [probe]);
	spawnSync('rmdir', [probe]);
	return ok;
}
const CAN_MOUNT = canMount();

async function allFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe.skipIf(!CAN_MOUNT)('FileStore on a disk that refuses writes (tmpfs)', () => {
	let dir: string;
	const mountTmpfs = (options: string) => execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-disk-'));
	});
	afterEach(async () => {
		spawnSync('umount', [dir]);
		await rm(dir, { recursive: true, force: true });
	});

	it('answers a full disk with a 507 storage_full that says nothing was kept, and leaves no temporary file', async () => {
		mountTmpfs('size=64k');
		const store = new FileStore(dir);
		const error = await store.put('takes/t1/original.wav', new Uint8Array(200_000)).catch((e) => e);
		expect(error).toBeInstanceOf(StorageWriteError);
		expect(error.httpStatus).toBe(507);
		expect(error.code).toBe('storage_full');
		expect(error.message).toMatch(/disk is full; nothing was kept/);
		expect(await allFiles(dir)).toEqual([]);
	});

	it('answers a read-only disk with a 507 storage_unwritable', async () => {
		mountTmpfs('size=64k');
		const store = new FileStore(dir);
		await store.put('songs/s/song.json', new Uint8Array(10));
		// The disk turns read-only under the running studio (as ext4 does after an I/O error).
		execFileSync('mount', ['-o', 'remount,ro', dir]);
		const error = await store.put('songs/s/song.json', new Uint8Array(20)).catch((e) => e);
		expect(error).toBeInstanceOf(StudioError);
		expect(error.httpStatus).toBe(507);
		expect(error.code).toBe('storage_unwritable');
		expect(error.message).toMatch(/read-only/);
	});

	it('removes the original of a take whose record could not be stored, and says your recording was not kept', async () => {
		// Room for the recording's pages but not for one more (the record): a half-stored take.
		const pcm = new Float32Array(8000 * 4).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 8000));
		const wav = encodeWav(pcm, 8000, { bitDepth: 16 });
		mountTmpfs(`size=${Math.ceil(wav.byteLength / 4096) * 4}k`);
		const store = new FileStore(dir);
		const error = await createTake(store, { bytes: wav, originalName: 'take.wav', language: 'en', source: 'upload', humEndSeconds: null }, { maxBytes: 10_000_000 }).catch((e) => e);
		expect(error).toBeInstanceOf(StorageWriteError);
		expect(error.message).toMatch(/^The studio could not save your recording: the disk is full; nothing was kept/);
		expect(await allFiles(dir)).toEqual([]);
	});
});

describe('FileStore file modes and stale temporary files', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-modes-'));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('writes files readable by the studio user only (0600) in folders only it can enter (0700)', async () => {
		const store = new FileStore(path.join(dir, 'data'));
		await store.put('takes/abc/original.wav', new Uint8Array([1, 2, 3]));
		expect((await stat(path.join(dir, 'data/takes/abc/original.wav'))).mode & 0o777).toBe(0o600);
		expect((await stat(path.join(dir, 'data/takes/abc'))).mode & 0o777).toBe(0o700);
		expect((await stat(path.join(dir, 'data'))).mode & 0o777).toBe(0o700);
	});

	it('removes temporary files older than the limit at start and keeps fresh ones and real files', async () => {
		await mkdir(path.join(dir, 'artifacts/pcm'), { recursive: true });
		const stale = path.join(dir, 'artifacts/pcm/x.f32.1234.tmp');
		const fresh = path.join(dir, 'artifacts/pcm/y.f32.5678.tmp');
		const real = path.join(dir, 'artifacts/pcm/z.f32');
		for (const f of [stale, fresh, real]) await writeFile(f, 'x');
		const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
		await utimes(stale, tenMinutesAgo, tenMinutesAgo);
		await utimes(real, tenMinutesAgo, tenMinutesAgo);
		expect(await removeStaleTempFiles(dir)).toEqual([stale]);
		expect((await readdir(path.join(dir, 'artifacts/pcm'))).sort()).toEqual(['y.f32.5678.tmp', 'z.f32']);
	});

	it('starts even while another process’s writes finish, renaming their temporary files away under the sweep', async () => {
		// As when the web server (re)starts while the worker stores a take's artifacts.
		const folder = path.join(dir, 'artifacts/pcm');
		await mkdir(folder, { recursive: true });
		const names = Array.from({ length: 200 }, (_, i) => `a${i}.f32.${i}.tmp`);
		for (const name of names) await writeFile(path.join(folder, name), 'x');
		let swept = false;
		const sweep = removeStaleTempFiles(dir).finally(() => (swept = true));
		// The writes end one after another (their files renamed) while the sweep walks the folder.
		let renamed = 0;
		while (!swept && renamed < names.length) {
			const i = names.length - 1 - renamed++;
			await rename(path.join(folder, names[i]), path.join(folder, `a${i}.f32`));
		}
		expect(await sweep).toEqual([]);
		expect(renamed, 'renames while the sweep ran').toBeGreaterThan(0);
		expect((await readdir(folder)).length).toBe(names.length);
	});
});

describe('withErrors', () => {
	it('answers an unexpected error with a 500 that promises nothing was saved', async () => {
		const response = await withErrors(async () => {
			throw new Error('boom');
		});
		expect(response.status).toBe(500);
		const { error } = (await response.json()) as { error: { code: string; message: string } };
		expect(error.code).toBe('internal_error');
		expect(error.message).not.toMatch(/safe|saved/);
	});
});
