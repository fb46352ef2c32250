/**
 * The backing stage (song-stage.ts renderBackingArtifact) on a real store and the worker's Web
 * Audio renderer: a song's first backing renders every bar's segment; after a one-bar chord edit
 * the new backing renders only the segments whose sound the edit changed (counted from the
 * segment files written and the renderer's calls) and takes the others from storage; the spliced
 * stem matches a whole render of the edited score; deleting the song leaves none of them. A
 * section's own style, or an instrument's level in one section, renders only that section's bars
 * (and the bar its last notes ring into).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBacking } from '../../worker/render-backing';
import { decodeWav } from '../../src/lib/audio/wav';
import { planBackingSegments } from '../../src/lib/audio/backing-segments';
import { arrange } from '../../src/lib/compose/arrangement';
import { recordEdge } from '../../src/lib/server/derived-index';
import { deleteSong } from '../../src/lib/server/deletion';
import { backingAudioKey, backingScoreKey } from '../../src/lib/server/keys';
import { renderBackingArtifact, type BackingRenderer } from '../../src/lib/server/song-stage';
import { FileStore, putJson, sha256Hex, type BlobStore } from '../../src/lib/server/storage';
import { setBarChord, setInstrument, setSectionStyle } from '../../src/lib/song/edit/song-edits';
import { ticksPerBar, ticksToSeconds, type Song } from '../../src/lib/song/types';
import { composedSong } from '../helpers/composed-song';

const SONG_ID = 'song0000000000000001';
/** Largest sample difference of the spliced stem from a whole render (full scale 1): as in test/unit/audio/backing-segments.test.ts. */
const SPLICE_MAX_ABS = 1e-2;

/** A store that counts the segment files written. */
function countingStore(store: BlobStore): BlobStore & { segmentWrites: string[] } {
	const segmentWrites: string[] = [];
	return {
		segmentWrites,
		put: (key, bytes) => {
			if (key.startsWith('artifacts/backing-segment/')) segmentWrites.push(key);
			return store.put(key, bytes);
		},
		get: (key) => store.get(key),
		has: (key) => store.has(key),
		delete: (key) => store.delete(key),
		list: (folder) => store.list(folder),
		deleteFolder: (folder) => store.deleteFolder(folder)
	};
}

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Stores a song's backing score as the compose stage does and renders it, counting the segment files written. */
async function storeAndRenderBacking(store: ReturnType<typeof countingStore>, song: Song, render: BackingRenderer) {
	const score = arrange(song, { seed: 3 });
	const backingId = sha256Hex('backing', SONG_ID, JSON.stringify(score));
	await recordEdge(store, 'song', SONG_ID, 'backing', backingId);
	await putJson(store, backingScoreKey(backingId), score);
	store.segmentWrites.length = 0;
	const report = await renderBackingArtifact(store, { songId: SONG_ID, backingId, song }, render);
	return { score, backingId, report: report!, writes: store.segmentWrites.length };
}

describe('backing segments', () => {
	const dirs: string[] = [];
	afterAll(async () => {
		for (const dir of dirs) await rm(dir, { recursive: true, force: true });
	});

	it('renders after a one-bar chord edit only the bars whose sound changed, and deletes them with the song', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'backing-segments-'));
		dirs.push(dir);
		const store = countingStore(new FileStore(dir));
		const windows: number[] = [];
		const render: BackingRenderer = async (score, options) => {
			const channels = await renderBacking(score, options);
			windows.push(channels[0].length);
			return channels;
		};
		const backingOf = async (song: Song) => {
			windows.length = 0;
			return { ...(await storeAndRenderBacking(store, song, render)), windows: [...windows] };
		};
		const song = composedSong('en');
		const barSeconds = ticksToSeconds(ticksPerBar(song.timeSignature), song.tempoBpm);

		const first = await backingOf(song);
		const bars = first.report.segmentIds.length;
		expect(bars).toBeGreaterThanOrEqual(8);
		// The first render is one whole render, cut into every bar's segment.
		expect(first.writes).toBe(bars);
		expect(first.windows).toEqual([planBackingSegments(first.score, { sampleRate: 44100, barSeconds }).totalFrames]);

		// The second-last bar: the arranger leads each chord's voicing from the one before, so a chord
		// changed earlier re-voices every later bar (all of them then sound different and are rendered).
		const bar = bars - 2;
		const edited = setBarChord(song, bar, song.chords.find((c) => c.startTicks === bar * ticksPerBar(song.timeSignature))?.numeral === 'IV' ? 'V' : 'IV');
		const second = await backingOf(edited);
		// What changed, by the plan: the bars whose events (or notes ringing into them) differ.
		const before = planBackingSegments(first.score, { sampleRate: 44100, barSeconds }).segments;
		const after = planBackingSegments(second.score, { sampleRate: 44100, barSeconds }).segments;
		const changed = after.filter((s, k) => s.content !== before[k]?.content).map((s) => s.index);
		// The bass's approach note in the bar before, the bar, and the last bar (re-voiced, and rung into).
		expect(changed).toEqual([bar - 1, bar, bar + 1]);
		expect(second.report.renderedSegmentIds).toEqual(changed.map((k) => second.report.segmentIds[k]));
		expect(second.writes).toBe(changed.length);
		expect(second.report.segmentIds.filter((id) => first.report.segmentIds.includes(id))).toHaveLength(bars - changed.length);
		// One window for the run of changed bars, far shorter than the song.
		expect(second.windows).toHaveLength(1);
		expect(second.windows[0]).toBeLessThan(first.windows[0] / 2);

		// The stem spliced from reused and new segments is the edited score's whole render.
		const stem = decodeWav((await store.get(backingAudioKey(second.backingId)))!).channels;
		const whole = await renderBacking(second.score, { sampleRate: 44100 });
		expect(stem[0].length).toBe(whole[0].length);
		let maxAbs = 0;
		for (let c = 0; c < 2; c++) for (let i = 0; i < whole[c].length; i++) maxAbs = Math.max(maxAbs, Math.abs(stem[c][i] - whole[c][i]));
		expect(maxAbs).toBeLessThanOrEqual(SPLICE_MAX_ABS);

		expect(await deleteSong(store, SONG_ID, 'take00000001')).toBe(true);
		expect(await filesUnder(dir)).toEqual([]);
	}, 600_000);

	it("renders after a section's style or an instrument's level in it changes only that section's bars", async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'backing-segments-'));
		dirs.push(dir);
		const store = countingStore(new FileStore(dir));
		const backingOf = (song: Song) => storeAndRenderBacking(store, song, renderBacking);
		const song = composedSong('en');
		const first = await backingOf(song);
		const bars = first.report.segmentIds.length;
		expect(first.writes).toBe(bars);
		// The first section: its bars, and the one after it that its last notes may ring into.
		const section = song.sections[0];
		const sectionBars = Array.from({ length: section.bars }, (_, k) => section.startBar + k);
		expect(section.startBar + section.bars).toBeLessThan(bars - 1);
		const other = song.style === 'lo-fi' ? 'pop-ballad' : 'lo-fi';
		let previous = first;
		for (const edited of [setSectionStyle(song, 0, other), setInstrument(setSectionStyle(song, 0, other), 0, 'drums', { levelDb: 6 })]) {
			const next = await backingOf(edited);
			const rendered = next.report.renderedSegmentIds.map((id) => next.report.segmentIds.indexOf(id));
			expect(rendered.filter((bar) => bar !== section.startBar + section.bars)).toEqual(sectionBars);
			expect(next.writes).toBe(rendered.length);
			// Every other bar is the earlier revision's, taken from storage.
			expect(next.report.segmentIds.filter((id, k) => !rendered.includes(k) && previous.report.segmentIds[k] === id)).toHaveLength(bars - rendered.length);
			previous = next;
		}
		// The stem spliced from reused and new segments is the edited score's whole render.
		const stem = decodeWav((await store.get(backingAudioKey(previous.backingId)))!).channels;
		const whole = await renderBacking(previous.score, { sampleRate: 44100 });
		let maxAbs = 0;
		for (let c = 0; c < 2; c++) for (let i = 0; i < whole[c].length; i++) maxAbs = Math.max(maxAbs, Math.abs(stem[c][i] - whole[c][i]));
		expect(maxAbs).toBeLessThanOrEqual(SPLICE_MAX_ABS);
	}, 600_000);
});
