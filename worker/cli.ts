/**
 * `npm run cli -- <command> ...`: the studio's stages on local files, without the web app or Redis.
 *
 *   transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]
 *   song <take audio file> --lang yue|cmn|en [--lyrics FILE] [--style NAME] [--melody keep|develop]
 *        [--hum-end SECONDS] [--seed N] [--candidate N] --out DIR
 */
import { readFile, writeFile } from 'node:fs/promises';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeAudio, prepareTake } from '../src/lib/audio';
import { STYLE_NAMES } from '../src/lib/song/types';
import { parseHumEnd, createTake } from '../src/lib/server/takes';
import { EXPORT_FORMATS, songExport } from '../src/lib/server/song-exports';
import { FileStore } from '../src/lib/server/storage';
import { runSongLocally } from './song-pipeline';
import { notesToMidi } from '../src/lib/song';
import { asUserError } from '../src/lib/server/errors';
import { transcribeWithModel } from '../src/lib/server/melody-stage';
import { MAX_TAKE_SECONDS, MIN_TAKE_SECONDS, parseLanguage } from '../src/lib/server/takes';

const USAGE = `Usage:
  npm run cli -- transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]
  npm run cli -- song <take audio file> --lang yue|cmn|en [--lyrics FILE] [--style NAME]
                      [--melody keep|develop] [--hum-end SECONDS] [--seed N] [--candidate N] --out DIR

Reads WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus or WebM Opus; writes the notes (onset/offset seconds,
fractional MIDI pitch, confidence), key and tempo as JSON, and optionally a MIDI file and the
f0 contour as CSV (time s, f0 Hz, voicing probability, voiced 0/1).

song: hum (and, after --hum-end seconds, read the language's prompt) in the take; writes a song
from it into DIR: the mastered mix (mix-16bit.wav, mix-24bit.wav, mix.mp3), the stems (vocal.wav,
backing.wav), song.mid, song.json and report.json. Styles: ${STYLE_NAMES.join(', ')}. Without
--lyrics the language's starter lyric is sung. --melody keep (default) sings your hummed tune as
the verse; --melody develop composes verse and chorus from its first phrase.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { command: string; positional: string[]; flags: Map<string, string> } {
	const [command = '', ...rest] = argv;
	const positional: string[] = [];
	const flags = new Map<string, string>();
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (arg.startsWith('--')) {
			const value = rest[i + 1];
			if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
			flags.set(arg.slice(2), value);
			i++;
		} else positional.push(arg);
	}
	return { command, positional, flags };
}

async function transcribe(positional: string[], flags: Map<string, string>): Promise<void> {
	const input = positional[0];
	const out = flags.get('out');
	if (!input || !out) throw new UsageError('transcribe needs an input file and --out notes.json');
	for (const flag of flags.keys()) {
		if (!['out', 'midi', 'f0'].includes(flag)) throw new UsageError(`unknown option --${flag}`);
	}
	const started = performance.now();
	const bytes = new Uint8Array(await readFile(input));
	const decoded = await decodeAudio(bytes);
	const take = prepareTake(decoded, { minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS });
	for (const warning of take.warnings) console.warn(`warning: ${warning}`);
	const analysis = await transcribeWithModel(take.pcm, take.sampleRate);
	const seconds = (performance.now() - started) / 1000;

	const result = {
		notes: analysis.notes.map((n) => ({
			onsetSeconds: round(n.onsetSeconds, 4),
			offsetSeconds: round(n.offsetSeconds, 4),
			midiPitch: round(n.midiPitch, 3),
			confidence: round(n.confidence, 3)
		})),
		key: analysis.key,
		tempoBpm: analysis.tempo ? round(analysis.tempo.bpm, 2) : null,
		tuningCents: round(analysis.tuningCents, 1),
		durationSeconds: round(take.durationSeconds, 3),
		engine: analysis.engine,
		message: analysis.message
	};
	await writeFile(out, JSON.stringify(result, null, 2) + '\n');
	const midiPath = flags.get('midi');
	if (midiPath) await writeFile(midiPath, notesToMidi(analysis.notes, { tempoBpm: analysis.tempo?.bpm ?? 120 }));
	const f0Path = flags.get('f0');
	if (f0Path) {
		const { hopSeconds, f0Hz, voicedProb, voiced } = analysis.f0;
		const lines = ['time_s,f0_hz,voiced_prob,voiced'];
		for (let i = 0; i < f0Hz.length; i++) {
			lines.push(`${(i * hopSeconds).toFixed(4)},${voiced[i] ? f0Hz[i].toFixed(2) : '0'},${voicedProb[i].toFixed(3)},${voiced[i]}`);
		}
		await writeFile(f0Path, lines.join('\n') + '\n');
	}
	const summary = analysis.message ?? `${result.notes.length} notes, key ${analysis.key?.name ?? '?'}, ${result.tempoBpm ?? '?'} BPM`;
	console.log(`${input}: ${summary} (${take.durationSeconds.toFixed(1)} s of audio in ${seconds.toFixed(2)} s)`);
}

const EXPORT_FILES: Record<(typeof EXPORT_FORMATS)[number], string> = {
	wav16: 'mix-16bit.wav',
	wav24: 'mix-24bit.wav',
	mp3: 'mix.mp3',
	midi: 'song.mid',
	json: 'song.json',
	vocal: 'vocal.wav',
	backing: 'backing.wav'
};

async function song(positional: string[], flags: Map<string, string>): Promise<void> {
	const input = positional[0];
	const out = flags.get('out');
	const language = flags.get('lang');
	if (!input || !out || !language) throw new UsageError('song needs a take audio file, --lang yue|cmn|en and --out DIR');
	for (const flag of flags.keys()) {
		if (!['out', 'lang', 'lyrics', 'style', 'melody', 'hum-end', 'seed', 'candidate'].includes(flag)) throw new UsageError(`unknown option --${flag}`);
	}
	if (!['yue', 'cmn', 'en'].includes(language)) throw new UsageError(`--lang must be yue, cmn or en; got "${language}"`);
	const whole = (name: string) => {
		const raw = flags.get(name);
		if (raw === undefined) return undefined;
		if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number; got "${raw}"`);
		return Number(raw);
	};
	const request = {
		language,
		lyrics: flags.has('lyrics') ? await readFile(flags.get('lyrics')!, 'utf8') : undefined,
		style: flags.get('style'),
		melody: flags.get('melody'),
		seed: whole('seed') ?? 1,
		candidate: whole('candidate')
	};
	const work = await mkdtemp(path.join(tmpdir(), 'hum2song-'));
	try {
		const store = new FileStore(work);
		const bytes = new Uint8Array(await readFile(input));
		const take = await createTake(store, { bytes, originalName: path.basename(input), language: parseLanguage(language), source: 'upload', humEndSeconds: parseHumEnd(flags.get('hum-end') ?? null) }, { maxBytes: 200 * 1024 * 1024 });
		for (const warning of take.warnings) console.warn(`warning: ${warning}`);
		const result = await runSongLocally(store, take.id, request, (step, detail) => console.log(`[${step}] ${detail}`));
		await mkdir(out, { recursive: true });
		for (const format of EXPORT_FORMATS) {
			if (format === 'vocal' && !result.composed.vocalId) continue;
			const file = await songExport(store, result.composed, format);
			await writeFile(path.join(out, EXPORT_FILES[format]), file.bytes);
		}
		const { song, report } = result.composed;
		await writeFile(path.join(out, 'report.json'), JSON.stringify({ fit: report.fit, toneAgreement: report.toneAgreement, warnings: report.warnings, mix: result.mix, timelineSeconds: result.timeline }, null, 2) + '\n');
		for (const warning of report.warnings) console.warn(`warning: ${warning.message}`);
		console.log(`${input}: ${song.sections.map((s) => `${s.label} ${s.bars} bars`).join(', ')} in ${song.key.mode === 'major' ? 'major' : 'minor'} at ${song.tempoBpm} bpm (${song.style}); ${result.mix.durationSeconds.toFixed(1)} s mixed to ${result.mix.master.outputLufs.toFixed(1)} LUFS, ${result.mix.master.truePeakDbtp.toFixed(1)} dBTP in ${result.timeline.mix?.toFixed(1)} s; files in ${out}`);
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

function round(value: number, digits: number): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

async function main(): Promise<number> {
	try {
		const { command, positional, flags } = parseArgs(process.argv.slice(2));
		if (command === 'transcribe') {
			await transcribe(positional, flags);
			return 0;
		}
		if (command === 'song') {
			await song(positional, flags);
			return 0;
		}
		throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
	} catch (e) {
		if (e instanceof UsageError) {
			console.error(`error: ${e.message}\n\n${USAGE}`);
			return 2;
		}
		const userError = asUserError(e);
		if (userError) {
			console.error(`error (${userError.code}): ${userError.message}`);
			return 1;
		}
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
			console.error(`error: no such file: ${(e as NodeJS.ErrnoException).path}`);
			return 1;
		}
		throw e;
	}
}

process.exitCode = await main();
