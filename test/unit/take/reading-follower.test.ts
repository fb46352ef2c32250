/**
 * The teleprompter follows the reader's voice: real read speech (VCTK English, Common Voice
 * Cantonese and Mandarin, ../shared/data), each speaker's sentences as the lines of a prompt, and
 * the fraction of the reading time the follower shows the line being read. Also a slower reader
 * (longer gaps, ×1.6 in all) and one who stops 1.5 s in the middle of each line. The recorder's old
 * fixed pace (the read part's time shared out evenly) is scored the same way for comparison.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadingFollower } from '../../../src/lib/take/reading-follower';
import { SyllableNuclei } from '../../../src/lib/take/syllable-nuclei';
import { SpeechActivity } from '../../../src/lib/take/speech-activity';
import { READING_FRAME_SECONDS, ReadingTracker } from '../../../src/lib/take/reading-tracker';
import { phraseSyllables } from '../../../src/lib/lyrics/reading-phrases';
import { followReading, HAS_READINGS, loadReadings, pauseMidLines, scoreFixedPace, slowDown, type Reading } from '../../helpers/real-readings';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const percent = (value: number) => `${(100 * value).toFixed(0)} %`;

describe('phrase syllables of a prompt line', () => {
	it('splits at punctuation and counts syllables in every language', () => {
		expect(phraseSyllables('隻貓仔舐下舐下，跟住瞓着咗。', 'yue')).toEqual([7, 5]);
		expect(phraseSyllables('春天来了，燕子从南方飞回家乡。', 'cmn')).toEqual([4, 9]);
		expect(phraseSyllables('Pack your bags, the train leaves at eight.', 'en')).toEqual([3, 5]);
	});
});

describe('reading follower on made-up frames', () => {
	const frames = (pattern: string) => [...pattern].map((c) => ({ speech: c !== '.', peak: c === '^' }));

	it('waits on the line while the reader is silent, and moves on after a pause at the line end', () => {
		const follower = new ReadingFollower({ frameSeconds: 0.02, lines: [[5], [5]] });
		const positions = [];
		// Five syllables, a 1 s pause, then five more.
		for (const f of frames('#^##^##^##^##^#' + '.'.repeat(50) + '#^##^##^##^##^#')) positions.push(follower.push(f.speech, f.peak));
		expect(positions[10].line).toBe(0);
		// Within the pause: the first line is done.
		expect(positions[40].line).toBe(1);
		expect(positions[40].paused).toBe(true);
		expect(positions.at(-1)!.line).toBe(1);
	});

	it('does not move while there is no speech at all', () => {
		const follower = new ReadingFollower({ frameSeconds: 0.02, lines: [[4], [4]] });
		for (let i = 0; i < 500; i++) expect(follower.push(false, false).line).toBe(0);
	});

	it('refuses bad input', () => {
		expect(() => new ReadingFollower({ frameSeconds: 0, lines: [[1]] })).toThrow(RangeError);
		expect(() => new ReadingFollower({ frameSeconds: 0.02, lines: [] })).toThrow(RangeError);
		expect(() => new ReadingFollower({ frameSeconds: 0.02, lines: [[-1]] })).toThrow(RangeError);
	});
});

describe('speech activity and syllable peaks', () => {
	it('finds speech 12 dB over a steady room and ignores a muted input', () => {
		const activity = new SpeechActivity({ frameSeconds: 0.02 });
		const room = Array.from({ length: 100 }, () => activity.push(-60));
		expect(room.some(Boolean)).toBe(false);
		expect(activity.push(-40)).toBe(true);
		expect(activity.push(-55)).toBe(false);
		expect(new SpeechActivity({ frameSeconds: 0.02 }).push(-120)).toBe(false);
	});

	it('counts one peak per rise and fall of a few dB', () => {
		const nuclei = new SyllableNuclei();
		// Three syllables: level rises to a peak and falls 8 dB, three times.
		const levels = [-40, -30, -22, -20, -24, -30, -25, -20, -28, -32, -24, -19, -27];
		const count = levels.filter((level) => nuclei.push(level, true)).length + (nuclei.push(-80, false) ? 1 : 0);
		expect(count).toBe(3);
	});
});

describe.skipIf(!HAS_READINGS)('reading follower on real speech (VCTK, Common Voice yue and cmn; skipped without ../shared/data)', () => {
	let readings: Reading[] = [];
	beforeAll(async () => {
		readings = await loadReadings();
	}, 60_000);

	function score(label: string, variant: (r: Reading) => Reading) {
		const rows = readings.map((reading) => {
			const played = variant(reading);
			return { name: played.name, follower: followReading(played), fixed: scoreFixedPace(played) };
		});
		console.log(
			`${label}:\n${rows.map((r) => `  ${r.name.padEnd(44)} on the right line ${percent(r.follower.onLine).padStart(5)} of ${r.follower.seconds.toFixed(0)} s (fixed pace ${percent(r.fixed.onLine)}); ${r.follower.syllablesPerPeak.toFixed(2)} syllables per peak`).join('\n')}\n  mean ${percent(mean(rows.map((r) => r.follower.onLine)))} (fixed pace ${percent(mean(rows.map((r) => r.fixed.onLine)))})`
		);
		return rows;
	}

	it('hears the same in the recorder\'s 2048-sample chunks as frame by frame', () => {
		const reading = readings[4];
		const lines = reading.lines.map((line) => phraseSyllables(line, reading.language));
		const byChunk = new ReadingTracker(reading.sampleRate, lines);
		const byFrame = new ReadingTracker(reading.sampleRate, lines);
		const frame = Math.round(READING_FRAME_SECONDS * reading.sampleRate);
		for (let i = 0; i < reading.pcm.length; i += 2048) byChunk.push(reading.pcm.subarray(i, i + 2048));
		for (let i = 0; i < reading.pcm.length; i += frame) byFrame.push(reading.pcm.subarray(i, i + frame));
		expect(byChunk.current).toEqual(byFrame.current);
		expect(byChunk.current.line).toBe(reading.lines.length - 1);
	});

	it('is on the line being read most of the time: 11 real readers in three languages', () => {
		const rows = score('readers as recorded', (r) => r);
		expect(rows.length).toBe(11);
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThanOrEqual(0.92);
		for (const r of rows) expect(r.follower.onLine, r.name).toBeGreaterThanOrEqual(0.7);
		// Far better than the fixed pace it replaces.
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThan(mean(rows.map((r) => r.fixed.onLine)) + 0.5);
	}, 120_000);

	it('waits for a reader who stops 1.5 s in the middle of each line', () => {
		const rows = score('a 1.5 s pause mid-line', (r) => pauseMidLines(r, 1.5));
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThanOrEqual(0.65);
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThan(mean(rows.map((r) => r.fixed.onLine)) + 0.25);
	}, 120_000);

	it('keeps pace with a slower reader (every gap longer, ×1.6 in all)', () => {
		const rows = score('a slower reader (×1.6)', (r) => slowDown(r, 1.6));
		// Weaker than at the readers' own pace: long pauses between words look like line ends.
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThanOrEqual(0.62);
		expect(mean(rows.map((r) => r.follower.onLine))).toBeGreaterThan(mean(rows.map((r) => r.fixed.onLine)) + 0.15);
	}, 120_000);
});
