/**
 * `npm run cli -- voice` and `sing`: a voice learned from a recording and its text, then lyrics sung
 * on notes (notes.json and MIDI) in it, as a user runs them; with the errors they get for bad input.
 * On an eSpeak NG reading (skipped without espeak-ng) and on real speech (VCTK p226, skipped when
 * ../shared/data is absent).
 */
import ToneMidi from '@tonejs/midi';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../src/lib/audio/wav';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { REPO_ROOT } from '../helpers/paths';
import { joinedVctkReading } from '../helpers/vctk-reading';
import { HAS_VCTK } from '../helpers/voice-likeness';

function cli(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx/esm', 'worker/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

const TEXT = 'The north wind and the sun were disputing which was the stronger,\nwhen a traveller came along wrapped in a warm cloak.\n';
const PITCHES = [60, 62, 64, 65, 67, 65, 64, 62];
/** Eight 0.45 s notes, one every 0.5 s. */
const NOTES = PITCHES.map((midiPitch, i) => ({ onsetSeconds: i * 0.5, offsetSeconds: i * 0.5 + 0.45, midiPitch }));

function rms(x: Float32Array, from = 0, to = x.length): number {
	let sum = 0;
	for (let i = from; i < to; i++) sum += x[i] * x[i];
	return Math.sqrt(sum / Math.max(1, to - from));
}

describe.skipIf(!HAS_ESPEAK)('cli voice and sing (eSpeak NG reading; skipped without espeak-ng)', () => {
	let dir: string;
	const file = (name: string) => path.join(dir, name);
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-voice-cli-'));
		await writeFile(file('reading.wav'), encodeWav(renderEspeak(TEXT.replace(/\n/g, ' '), { voice: 'en-us', speed: 150 }, 22050), 22050));
		await writeFile(file('reading.txt'), TEXT);
		await writeFile(file('notes.json'), JSON.stringify({ notes: NOTES }));
		await writeFile(file('lyrics.txt'), 'the sun and the wind were warm');
		const midi = new ToneMidi.Midi();
		midi.addTrack().name = 'drums';
		const melody = midi.addTrack();
		melody.name = 'Melody';
		for (const n of NOTES) melody.addNote({ midi: n.midiPitch, time: n.onsetSeconds, duration: n.offsetSeconds - n.onsetSeconds });
		midi.tracks[0].addNote({ midi: 36, time: 0, duration: 0.1 });
		await writeFile(file('tune.mid'), midi.toArray());
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('learns the voice, says how much of the text it covered, and sings lyrics on notes.json and on a MIDI melody', async () => {
		const learned = cli('voice', file('reading.wav'), '--text', file('reading.txt'), '--lang', 'en', '--out', file('voice.json'));
		expect(learned.status, learned.stderr).toBe(0);
		expect(learned.stdout).toMatch(/learned (2[6-8]) of the text's 28 syllables/);
		expect(learned.stdout).toMatch(/starter lyric: \d+ of its \d+ different syllables have a unit of their own/);
		const voice = JSON.parse(await readFile(file('voice.json'), 'utf8'));
		expect(voice.language).toBe('en');
		expect(voice.units.length).toBeGreaterThanOrEqual(26);

		for (const melody of [['--notes', file('notes.json')], ['--midi', file('tune.mid')]]) {
			const sung = cli('sing', '--voice', file('voice.json'), ...melody, '--lyrics', file('lyrics.txt'), '--out', file('sung.wav'));
			expect(sung.status, sung.stderr).toBe(0);
			const wav = decodeWav(new Uint8Array(await readFile(file('sung.wav'))));
			expect(wav.sampleRate).toBe(44100);
			expect(wav.bitDepth).toBe(16);
			const pcm = wav.channels[0];
			// The last note ends at 3.95 s; the phrase's release follows it.
			expect(pcm.length / wav.sampleRate).toBeGreaterThan(3.9);
			expect(pcm.length / wav.sampleRate).toBeLessThan(5);
			// Sung during the notes, not silent: each 0.5 s slot holds sound.
			for (let i = 0; i < NOTES.length; i++) {
				const from = Math.round((NOTES[i].onsetSeconds + 0.1) * wav.sampleRate);
				expect(rms(pcm, from, from + Math.round(0.3 * wav.sampleRate)), `note ${i + 1}`).toBeGreaterThan(0.005);
			}
		}
		// Straight and with the speaking balance: sung, and not the same sound as the defaults.
		const plain = cli('sing', '--voice', file('voice.json'), '--midi', file('tune.mid'), '--lyrics', file('lyrics.txt'), '--out', file('plain.wav'), '--vibrato', '0', '--tone', '0');
		expect(plain.status, plain.stderr).toBe(0);
		expect(Buffer.compare(await readFile(file('plain.wav')), await readFile(file('sung.wav')))).not.toBe(0);
	}, 180_000);

	it('answers bad usage with exit code 2, and files it cannot use with exit code 1 and what to do', async () => {
		const noText = cli('voice', file('reading.wav'), '--lang', 'en', '--out', file('x.json'));
		expect(noText.status).toBe(2);
		expect(noText.stderr).toMatch(/--text FILE/);
		const unknownFlag = cli('sing', '--voice', file('voice.json'), '--notes', file('notes.json'), '--lyrics', file('lyrics.txt'), '--out', file('x.wav'), '--tempo', '90');
		expect(unknownFlag.status).toBe(2);
		expect(unknownFlag.stderr).toMatch(/unknown option --tempo/);
		const badLanguage = cli('voice', file('reading.wav'), '--text', file('reading.txt'), '--lang', 'fr', '--out', file('x.json'));
		expect(badLanguage.status).toBe(2);
		const badVibrato = cli('sing', '--voice', file('voice.json'), '--notes', file('notes.json'), '--lyrics', file('lyrics.txt'), '--out', file('x.wav'), '--vibrato', '3');
		expect(badVibrato.status).toBe(2);
		expect(badVibrato.stderr).toMatch(/--vibrato must be a number from 0 to 2/);
		const bothMelodies = cli('sing', '--voice', file('voice.json'), '--notes', file('notes.json'), '--midi', file('tune.mid'), '--lyrics', file('lyrics.txt'), '--out', file('x.wav'));
		expect(bothMelodies.status).toBe(2);

		const missing = cli('voice', file('nope.wav'), '--text', file('reading.txt'), '--lang', 'en', '--out', file('x.json'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/no such file/);
		await writeFile(file('wrong.txt'), Array(12).fill('the north wind and the sun').join(' '));
		const wrongText = cli('voice', file('reading.wav'), '--text', file('wrong.txt'), '--lang', 'en', '--out', file('x.json'));
		expect(wrongText.status).toBe(1);
		expect(wrongText.stderr).toMatch(/reading_not_found.*type only what you said/);
		await writeFile(file('empty.txt'), ' \n');
		const emptyText = cli('voice', file('reading.wav'), '--text', file('empty.txt'), '--lang', 'en', '--out', file('x.json'));
		expect(emptyText.status).toBe(1);
		expect(emptyText.stderr).toMatch(/empty_text/);

		await writeFile(file('long-lyrics.txt'), Array(30).fill('wonderful').join(' '));
		const tooLong = cli('sing', '--voice', file('voice.json'), '--notes', file('notes.json'), '--lyrics', file('long-lyrics.txt'), '--out', file('x.wav'));
		expect(tooLong.status).toBe(1);
		expect(tooLong.stderr).toMatch(/too_many_syllables.*cut \d+ syllables/);
		const notAVoice = cli('sing', '--voice', file('notes.json'), '--notes', file('notes.json'), '--lyrics', file('lyrics.txt'), '--out', file('x.wav'));
		expect(notAVoice.status).toBe(1);
		expect(notAVoice.stderr).toMatch(/not a voice profile/);
		const badNotes = cli('sing', '--voice', file('voice.json'), '--notes', file('reading.txt'), '--lyrics', file('lyrics.txt'), '--out', file('x.wav'));
		expect(badNotes.status).toBe(1);
		expect(badNotes.stderr).toMatch(/bad_notes/);
	}, 180_000);
});

describe.skipIf(!HAS_VCTK)('cli voice on real speech (VCTK p226; skipped when ../shared/data is absent)', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-voice-cli-vctk-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('learns a voice from five sentences joined, covering nearly all their syllables, and sings with it', async () => {
		const reading = joinedVctkReading('p226', ['003', '008', '011', '016', '019']);
		await writeFile(path.join(dir, 'reading.wav'), encodeWav(reading.pcm, reading.sampleRate));
		await writeFile(path.join(dir, 'reading.txt'), reading.text);
		const learned = cli('voice', path.join(dir, 'reading.wav'), '--text', path.join(dir, 'reading.txt'), '--lang', 'en', '--out', path.join(dir, 'voice.json'));
		expect(learned.status, learned.stderr).toBe(0);
		const [, covered, total] = /learned (\d+) of the text's (\d+) syllables/.exec(learned.stdout)!.map(Number);
		expect(covered / total).toBeGreaterThan(0.9);
		await writeFile(path.join(dir, 'notes.json'), JSON.stringify({ notes: NOTES }));
		await writeFile(path.join(dir, 'lyrics.txt'), 'please call Stella, ask her to bring');
		const sung = cli('sing', '--voice', path.join(dir, 'voice.json'), '--notes', path.join(dir, 'notes.json'), '--lyrics', path.join(dir, 'lyrics.txt'), '--out', path.join(dir, 'sung.wav'));
		expect(sung.status, sung.stderr).toBe(0);
		const pcm = decodeWav(new Uint8Array(await readFile(path.join(dir, 'sung.wav')))).channels[0];
		expect(rms(pcm)).toBeGreaterThan(0.01);
	}, 180_000);
});
