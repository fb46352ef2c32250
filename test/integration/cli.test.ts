/** `npm run cli -- transcribe` and `song`: the studio's stages on local files, as a user runs them. */
import ToneMidi from '@tonejs/midi';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav, measureLoudness, measureTruePeak } from '../../src/lib/audio';
import { HUM_MELODY_NOTES, makeHumMelody } from '../fixtures/hum-melody';
import { REPO_ROOT } from '../helpers/paths';
import { HAS_ESPEAK } from '../helpers/espeak';
import { humAndReadingTake } from '../helpers/song-take';

function cli(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx/esm', 'worker/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('cli transcribe', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-cli-'));
		const { pcm, sampleRate } = makeHumMelody();
		await writeFile(path.join(dir, 'hum.wav'), encodeWav(pcm, sampleRate, { bitDepth: 24 }));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('writes notes.json (sorted, non-overlapping, fractional MIDI), a MIDI file and the f0 CSV', async () => {
		const out = path.join(dir, 'notes.json');
		const run = cli('transcribe', path.join(dir, 'hum.wav'), '--out', out, '--midi', path.join(dir, 'notes.mid'), '--f0', path.join(dir, 'f0.csv'));
		expect(run.status, run.stderr).toBe(0);
		const result = JSON.parse(await readFile(out, 'utf8'));
		expect(Object.keys(result)).toEqual(expect.arrayContaining(['notes', 'key', 'tempoBpm']));
		expect(result.notes.map((n: { midiPitch: number }) => Math.round(n.midiPitch))).toEqual(HUM_MELODY_NOTES.map((n) => n.midiPitch));
		expect(result.notes.some((n: { midiPitch: number }) => !Number.isInteger(n.midiPitch))).toBe(true);
		for (let i = 1; i < result.notes.length; i++) {
			expect(result.notes[i].onsetSeconds).toBeGreaterThanOrEqual(result.notes[i - 1].offsetSeconds);
		}
		expect(result.key.name).toBe('C major');
		expect(result.tempoBpm).toBeCloseTo(100, 0);
		const midi = new ToneMidi.Midi(await readFile(path.join(dir, 'notes.mid')));
		expect(midi.tracks[0].notes.length).toBe(result.notes.length);
		const csv = (await readFile(path.join(dir, 'f0.csv'), 'utf8')).trim().split('\n');
		expect(csv[0]).toBe('time_s,f0_hz,voiced_prob,voiced');
		const voicedRows = csv.slice(1).filter((line) => line.endsWith(',1'));
		expect(voicedRows.length).toBeGreaterThan(1000);
	});

	it('explains bad usage, missing files and bad audio with a non-zero exit', async () => {
		const usage = cli('transcribe', path.join(dir, 'hum.wav'));
		expect(usage.status).toBe(2);
		expect(usage.stderr).toMatch(/--out notes\.json/);
		const missing = cli('transcribe', path.join(dir, 'nope.wav'), '--out', path.join(dir, 'x.json'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/no such file/);
		await writeFile(path.join(dir, 'junk.wav'), new Uint8Array(5000).fill(7));
		const junk = cli('transcribe', path.join(dir, 'junk.wav'), '--out', path.join(dir, 'x.json'));
		expect(junk.status).toBe(1);
		expect(junk.stderr).toMatch(/unsupported_format/);
	});
});

describe.skipIf(!HAS_ESPEAK)('cli song', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-cli-song-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it.each([
		['yue', 'cantopop-ballad', null],
		['cmn', 'lo-fi', '月亮照着回家的路\n我们一起慢慢走']
	] as const)('%s: writes the mastered mix (WAV 16/24-bit, MP3), stems, MIDI and the song, at −14 LUFS and ≤ −1 dBTP', async (language, style, lyrics) => {
		const take = humAndReadingTake(language);
		const input = path.join(dir, `take-${language}.wav`);
		await writeFile(input, encodeWav(take.pcm, take.sampleRate, { bitDepth: 16 }));
		const args = ['song', input, '--lang', language, '--style', style, '--hum-end', take.humEndSeconds.toFixed(2), '--out', path.join(dir, language)];
		// A kept tune (the default) is sung as hummed; the melody follows the Cantonese tones when developed.
		if (language === 'yue') args.push('--melody', 'develop');
		if (lyrics) {
			await writeFile(path.join(dir, `lyrics-${language}.txt`), lyrics);
			args.push('--lyrics', path.join(dir, `lyrics-${language}.txt`));
		}
		const run = cli(...args);
		expect(run.status, run.stderr).toBe(0);
		console.log(run.stdout.trim().split('\n').pop());
		const out = (file: string) => path.join(dir, language, file);
		const song = JSON.parse(await readFile(out('song.json'), 'utf8'));
		expect(song.language).toBe(language);
		expect(song.style).toBe(style);
		if (lyrics) expect(song.lyrics).toBe(lyrics);
		for (const file of ['mix-16bit.wav', 'mix-24bit.wav', 'mix.mp3']) {
			const audio = await decodeAudio(new Uint8Array(await readFile(out(file))));
			expect(Math.abs(measureLoudness(audio.channels, audio.sampleRate).integratedLufs + 14), file).toBeLessThanOrEqual(0.5);
			expect(measureTruePeak(audio.channels, audio.sampleRate).truePeakDbtp, file).toBeLessThanOrEqual(-1 + 0.05);
		}
		const midi = new ToneMidi.Midi(await readFile(out('song.mid')));
		expect(midi.tracks.find((t) => t.name === 'Melody')!.notes.length).toBe(song.melody.length);
		const report = JSON.parse(await readFile(out('report.json'), 'utf8'));
		if (language === 'yue') expect(report.toneAgreement.after).toBeGreaterThanOrEqual(0.9);
		for (const stem of ['vocal.wav', 'backing.wav']) expect((await readFile(out(stem))).subarray(0, 4).toString('latin1')).toBe('RIFF');
	}, 120_000);

	it('explains bad song options', () => {
		const run = cli('song', path.join(dir, 'x.wav'), '--lang', 'fr', '--out', dir);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/--lang must be yue, cmn or en/);
	});
});
