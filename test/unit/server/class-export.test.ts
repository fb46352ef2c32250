/**
 * The class zip as a stream: what it holds (unzipped again with fflate), that it reads each file
 * only when the download wants more, and the memory it takes for a class of 30 songs of 3 MB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportSong, ExportStudent } from '../../../src/lib/classroom';
import { attachmentHeader, classZipStream } from '../../../src/lib/server/class-export';
import { mixFileKey } from '../../../src/lib/server/keys';
import { FileStore, type BlobStore } from '../../../src/lib/server/storage';
import type { Song } from '../../../src/lib/song/types';

const SONG = { melody: [{ startTicks: 0, durationTicks: 480, midiPitch: 60, phrase: 0, syllable: { language: 'yue', text: '唱', wordIndex: 0, reading: 'coeng3', onset: [], nucleus: [], coda: [], source: 'dictionary', breakAfter: false, lineEnd: true } }] } as unknown as Song;

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
	return new Uint8Array(Buffer.concat(chunks));
}

describe('classZipStream', () => {
	let dir: string;
	let store: FileStore;
	const mp3 = (n: number) => randomBytes(1000 + n);
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-class-zip-'));
		store = new FileStore(dir);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	const song = (mixId: string | null, over: Partial<ExportSong> = {}): ExportSong => ({ songId: `song-${mixId}`, createdAt: '2026-12-06T09:10:00.000Z', name: null, stage: mixId ? 'ready' : 'singing', mixId, song: mixId ? SONG : null, feedback: null, ...over });
	const student = (displayName: string, songs: ExportSong[]): ExportStudent => ({ student: { id: displayName, displayName, joinedAt: '2026-12-06T09:00:00.000Z', consentAt: null }, songs });

	it('holds the CSV and every mixed song’s files, with UTF-8 names, byte for byte', async () => {
		const bytes = { a: mp3(1), b: mp3(2) };
		await store.put(mixFileKey('mixa', 'mix.mp3'), bytes.a);
		await store.put(mixFileKey('mixa', 'song.mid'), new Uint8Array([0x4d, 0x54, 0x68, 0x64]));
		await store.put(mixFileKey('mixb', 'mix.mp3'), bytes.b);
		await store.put(mixFileKey('mixb', 'song.mid'), new Uint8Array([0x4d, 0x54, 0x68, 0x64, 1]));
		const zip = unzipSync(await collect(classZipStream(store, [student('陳小明', [song('mixa', { name: '海' }), song(null)]), student('Mei', [song('mixb')])])));
		expect(Object.keys(zip).sort()).toEqual(['01-陳小明/海-lyrics.txt', '01-陳小明/海.mid', '01-陳小明/海.mp3', '02-Mei/song-1-lyrics.txt', '02-Mei/song-1.mid', '02-Mei/song-1.mp3', 'songs.csv']);
		expect(Buffer.from(zip['01-陳小明/海.mp3']).equals(bytes.a)).toBe(true);
		expect(Buffer.from(zip['02-Mei/song-1.mp3']).equals(bytes.b)).toBe(true);
		expect([...zip['02-Mei/song-1.mid']]).toEqual([0x4d, 0x54, 0x68, 0x64, 1]);
		expect(strFromU8(zip['01-陳小明/海-lyrics.txt'])).toBe('唱\n');
		const csv = strFromU8(zip['songs.csv']);
		// A byte-order mark, so a spreadsheet reads the names as UTF-8.
		expect([...zip['songs.csv'].slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(csv.startsWith('student,')).toBe(true);
		expect(csv).toContain('song-null,2026-12-06T09:10:00.000Z,singing,false,,\r\n');
	});

	it('is a valid empty class: only the CSV', async () => {
		const zip = unzipSync(await collect(classZipStream(store, [student('Mei', [])])));
		expect(Object.keys(zip)).toEqual(['songs.csv']);
	});

	it('reads a file only when the download wants more, and fails the download when one is gone', async () => {
		const gets: string[] = [];
		const counting: BlobStore = { ...store, get: (key) => (gets.push(key), store.get(key)), has: (k) => store.has(k), put: (k, b) => store.put(k, b), delete: (k) => store.delete(k), list: (f) => store.list(f), deleteFolder: (f) => store.deleteFolder(f) };
		const reader = classZipStream(counting, [student('Mei', [song('mixa'), song('mixb')])]).getReader();
		await reader.read();
		await new Promise((r) => setTimeout(r, 20));
		expect(gets.length).toBeLessThanOrEqual(1);
		await reader.cancel();
		const missing = classZipStream(store, [student('Mei', [song('gone')])]);
		await expect(collect(missing)).rejects.toThrow(/was deleted while the class was being downloaded/);
	});

	it('keeps memory to about one file for a class of 30 songs of 3 MB (peak growth printed)', async () => {
		const students: ExportStudent[] = [];
		// One buffer written 30 times, so the test itself leaves little garbage to blur the measure.
		const audio = randomBytes(3 * 1024 * 1024);
		for (let i = 0; i < 30; i++) {
			await store.put(mixFileKey(`big${i}`, 'mix.mp3'), audio);
			await store.put(mixFileKey(`big${i}`, 'song.mid'), new Uint8Array(200));
			students.push(student(`Student ${i}`, [song(`big${i}`)]));
		}
		let readBytes = 0;
		const counting: BlobStore = Object.assign(Object.create(store), { get: async (key: string) => { const bytes = await store.get(key); readBytes += bytes?.byteLength ?? 0; return bytes; } });
		const before = process.memoryUsage();
		let peakExternal = 0;
		let peakRss = 0;
		let total = 0;
		let peakAhead = 0;
		for await (const chunk of classZipStream(counting, students) as unknown as AsyncIterable<Uint8Array>) {
			total += chunk.byteLength;
			// Bytes read from storage and not yet taken by the download: what the stream holds.
			peakAhead = Math.max(peakAhead, readBytes - total);
			const now = process.memoryUsage();
			peakExternal = Math.max(peakExternal, now.arrayBuffers - before.arrayBuffers);
			peakRss = Math.max(peakRss, now.rss - before.rss);
			// A slow download: the stream waits for it.
			await new Promise((r) => setImmediate(r));
		}
		const mb = (n: number) => (n / 1048576).toFixed(1);
		console.log(`class zip of ${mb(total)} MB: read ahead of the download at most ${mb(peakAhead)} MB; array buffers peak growth ${mb(peakExternal)} MB (garbage not yet collected included); RSS ${mb(before.rss)} MB before, peak growth ${mb(peakRss)} MB`);
		expect(total).toBeGreaterThan(90 * 1024 * 1024);
		// Buffering the class would read ~90 MB ahead; streaming holds at most the file being sent.
		expect(peakAhead).toBeLessThanOrEqual(3 * 1024 * 1024 + 1024);
		expect(peakRss).toBeLessThan(60 * 1024 * 1024);
	});
});

describe('attachmentHeader', () => {
	it('gives an ASCII name and the UTF-8 one', () => {
		expect(attachmentHeader('class-4B 音樂-2026-12-06.zip')).toBe(`attachment; filename="class-4B __-2026-12-06.zip"; filename*=UTF-8''class-4B%20%E9%9F%B3%E6%A8%82-2026-12-06.zip`);
		expect(attachmentHeader('a"b.zip')).toBe(`attachment; filename="a_b.zip"; filename*=UTF-8''a%22b.zip`);
	});
});
