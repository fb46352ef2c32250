/**
 * Editing a song note by note through the API, as the page does, with a warm worker (built server,
 * real worker and Redis started as the README's `npm start` does): one note's pitch or syllable
 * changed, then the seconds until its phrase, sung again by the voice, is downloaded (the page
 * plays it then): p50 and p95 over the edits; what each edit rendered (new phrase files, backing
 * renders, mixes), counted from the artifacts written; and a one-bar chord edit: how many bar
 * segments of the backing it rendered and reused, and the seconds from the edit to the new mix.
 * Needs espeak-ng and redis-server; prints a skip line without them.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { createRng } from '../../src/lib/compose/random';
import { setNotePitch, setSyllable } from '../../src/lib/song/edit/note-edits';
import { commandBetween, type SongCommand } from '../../src/lib/song/edit/song-command';
import { setBarChord } from '../../src/lib/song/edit/song-edits';
import { ticksToSeconds, type Song } from '../../src/lib/song/types';
import { HAS_ESPEAK } from '../helpers/espeak';
import { OWNER_KEY, ownerHeaders } from '../helpers/owner';
import { follow, mixed, waitForAnalysis, type SongStatusEvent } from '../helpers/song-events';
import { uploadSongTake } from '../helpers/song-take';
import { startStack } from '../helpers/stack';
import type { Benchmark } from './run';

const EDITS = 20;
const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

async function files(dir: string, suffix: string): Promise<Set<string>> {
	return new Set((await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(suffix) && !f.includes('-full')));
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];

export const editBenchmark: Benchmark = async (print) => {
	if (!HAS_ESPEAK || !HAS_REDIS) {
		print({ name: 'edit.skipped', value: 1, unit: 'flag', note: 'needs espeak-ng and redis-server' });
		return;
	}
	const stack = await startStack();
	const headers = ownerHeaders(OWNER_KEY);
	const json = ownerHeaders(OWNER_KEY, { 'content-type': 'application/json' });
	try {
		const takeId = await uploadSongTake(stack.baseUrl, 'en', headers);
		await waitForAnalysis(stack.baseUrl, takeId, headers);
		const created = await fetch(`${stack.baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: json, body: JSON.stringify({ seed: 5 }) });
		const songId = ((await created.json()) as { songId: string }).songId;
		await follow(stack.baseUrl, songId, mixed(1), {}, 300_000, headers);
		const vocalDir = path.join(stack.dataDir, 'artifacts', 'vocal');
		const backingDir = path.join(stack.dataDir, 'artifacts', 'backing');
		const segmentDir = path.join(stack.dataDir, 'artifacts', 'backing-segment');
		const current = async () => (await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers })).json()) as { record: { revision: number }; composed: { song: Song; vocalId: string } };

		/** Sends one command and waits until the phrase at `ticks` of the new revision is sung and downloaded; then until the mix is done. */
		const edit = async (command: SongCommand, ticks: number | null): Promise<{ seconds: number; mixSeconds: number; phrases: number; backings: number; segments: number; revision: number; backingId: string }> => {
			const { record } = await current();
			const [phrasesBefore, backingsBefore, segmentsBefore] = [await files(vocalDir, '.wav'), await files(backingDir, '.wav'), await files(segmentDir, '.wav')];
			const started = performance.now();
			const response = await fetch(`${stack.baseUrl}/api/songs/${songId}/edits`, { method: 'POST', headers: json, body: JSON.stringify({ baseRevision: record.revision, commands: [command] }) });
			if (response.status !== 201) throw new Error(`edit refused: ${response.status} ${await response.text()}`);
			const { revision, composed } = (await response.json()) as { revision: number; composed: { vocalId: string; backingId: string; song: Song } };
			let seconds = NaN;
			if (ticks !== null) {
				const at = ticksToSeconds(ticks, composed.song.tempoBpm);
				const phraseOf = (s: SongStatusEvent) => s.phrases.find((p) => at >= p.startSeconds - 0.05 && at < p.endSeconds);
				const { status } = await follow(stack.baseUrl, songId, (s) => s.revision === revision && s.composedRevision === revision && phraseOf(s)?.ready === true, {}, 120_000, headers);
				const audio = await fetch(`${stack.baseUrl}/api/vocals/${composed.vocalId}/phrases/${phraseOf(status)!.index}`, { headers });
				await audio.arrayBuffer();
				seconds = (performance.now() - started) / 1000;
			}
			await follow(stack.baseUrl, songId, mixed(revision), {}, 120_000, headers);
			const mixSeconds = (performance.now() - started) / 1000;
			const phrases = [...(await files(vocalDir, '.wav'))].filter((f) => !phrasesBefore.has(f)).length;
			const backings = [...(await files(backingDir, '.wav'))].filter((f) => !backingsBefore.has(f)).length;
			const segments = [...(await files(segmentDir, '.wav'))].filter((f) => !segmentsBefore.has(f)).length;
			return { seconds, mixSeconds, phrases, backings, segments, revision, backingId: composed.backingId };
		};

		const rng = createRng(11);
		// The first edit warms the worker's sing and mix processes; it is not counted.
		const results: Array<{ seconds: number; phrases: number; backings: number }> = [];
		for (let k = 0; k <= EDITS; k++) {
			const { composed } = await current();
			const song = composed.song;
			const sung = song.melody.map((n, i) => i).filter((i) => song.melody[i].syllable !== null);
			const i = rng.pick(sung);
			const note = song.melody[i];
			const after = k % 2 === 0 ? setNotePitch(song, i, note.midiPitch + rng.pick([-2, -1, 1, 2])) : setSyllable(song, i, song.melody[rng.pick(sung.filter((j) => song.melody[j].syllable!.text !== note.syllable!.text))].syllable);
			const result = await edit(commandBetween(k % 2 === 0 ? 'pitch' : 'syllable', song, after), note.startTicks);
			if (k > 0) results.push(result);
		}
		const seconds = results.map((r) => r.seconds);
		const oneNote = results.filter((r) => r.phrases === 1 && r.backings === 0).length;
		print({ name: 'edit.phrase_heard_p50', value: quantile(seconds, 0.5), unit: 's', note: `one-note edit (pitch or syllable) → its phrase sung again and downloaded, over ${results.length} edits with a warm worker` });
		print({ name: 'edit.phrase_heard_p95', value: quantile(seconds, 0.95), unit: 's', note: `max ${Math.max(...seconds).toFixed(2)} s; machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; target ≤ 1.0 s` });
		print({ name: 'edit.one_phrase_rendered', value: oneNote / results.length, unit: 'ratio', note: `${oneNote}/${results.length} one-note edits sang exactly one phrase again and rendered no backing (phrases sung again per edit: ${results.map((r) => r.phrases).join(' ')})` });

		const { composed } = await current();
		const song = composed.song;
		const bar = 1;
		const numeral = song.chords.find((c) => c.startTicks === bar * 1920)?.numeral === 'IV' ? 'V' : 'IV';
		const chord = await edit(commandBetween('chord', song, setBarChord(song, bar, numeral)), null);
		// The backing stage's own account of the render: its segments, and those it rendered (song-stage.ts).
		const report = JSON.parse(await readFile(path.join(backingDir, `${chord.backingId}.segments.json`), 'utf8')) as { segmentIds: string[]; renderedSegmentIds: string[] };
		const total = report.segmentIds.length;
		print({ name: 'edit.chord_segments_rendered', value: chord.segments, unit: 'segments', note: `a one-bar chord edit rendered ${chord.segments} of the backing's ${total} bar segments (segment files written; the stage reports ${report.renderedSegmentIds.length}) and reused ${total - chord.segments}; sang ${chord.phrases} phrase(s) again` });
		print({ name: 'edit.chord_segments_reused', value: total - chord.segments, unit: 'segments', note: `of ${total}` });
		print({ name: 'edit.chord_to_mix', value: chord.mixSeconds, unit: 's', note: 'one-bar chord edit → the new revision mixed (backing bars rendered, stem spliced, mastered, exports written), warm worker' });
	} finally {
		await stack.stop();
	}
};
