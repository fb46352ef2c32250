/**
 * `npm run cli -- <command> ...`: the studio's stages on local files, without the web app or Redis.
 *
 *   transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]
 *   song <take audio file> --lang yue|cmn|en [--lyrics FILE] [--style NAME] [--melody keep|develop]
 *        [--hum-end SECONDS] [--seed N] [--candidate N] --out DIR
 *   voice <reading audio file> --text FILE --lang yue|cmn|en --out voice.json
 *   sing --voice voice.json (--notes notes.json | --midi FILE) --lyrics FILE --out sung.wav [--lang L] [--vibrato A] [--tone B]
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
import { AlignmentError } from '../src/lib/voice/syllable-alignment';
import { LyricsError } from '../src/lib/lyrics/types';
import { notesToMidi } from '../src/lib/song';
import { asUserError } from '../src/lib/server/errors';
import { transcribeWithModel } from '../src/lib/server/melody-stage';
import { MAX_TAKE_SECONDS, MIN_TAKE_SECONDS, parseLanguage } from '../src/lib/server/takes';
import ToneMidi from '@tonejs/midi';
import { encodeWav } from '../src/lib/audio/wav';
import { starterLyrics } from '../src/lib/compose/starter-lyrics';
import { fitLyricsToNotes, type MelodyNote } from '../src/lib/lyrics/fit-lyrics';
import { readLyrics } from '../src/lib/lyrics/read-lyrics';
import { LANGUAGES, type Language } from '../src/lib/take/types';
import { joinPhrases } from '../src/lib/voice/join-phrases';
import { learnVoiceFromText, MAX_VOICE_RECORDING_SECONDS, MAX_VOICE_TEXT_CHARACTERS, MIN_VOICE_RECORDING_SECONDS } from '../src/lib/voice/learn-voice';
import { placeSungPhrases } from '../src/lib/voice/phrase-plan';
import { parseVoiceProfile, serializeVoiceProfile, type VoiceProfileJson } from '../src/lib/voice/profile-json';
import { singPhrase } from '../src/lib/voice/sing';
import { VOCAL_SAMPLE_RATE } from '../src/lib/server/sing-stage';

const USAGE = `Usage:
  npm run cli -- transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]
  npm run cli -- song <take audio file> --lang yue|cmn|en [--lyrics FILE] [--style NAME]
                      [--melody keep|develop] [--hum-end SECONDS] [--seed N] [--candidate N] --out DIR
  npm run cli -- voice <reading audio file> --text FILE --lang yue|cmn|en --out voice.json
  npm run cli -- sing --voice voice.json (--notes notes.json | --midi FILE) --lyrics FILE --out sung.wav
                      [--lang yue|cmn|en] [--vibrato 0..2] [--tone 0..2]

Reads WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus or WebM Opus; writes the notes (onset/offset seconds,
fractional MIDI pitch, confidence), key and tempo as JSON, and optionally a MIDI file and the
f0 contour as CSV (time s, f0 Hz, voicing probability, voiced 0/1).

song: hum (and, after --hum-end seconds, read the language's prompt) in the take; writes a song
from it into DIR: the mastered mix (mix-16bit.wav, mix-24bit.wav, mix.mp3), the stems (vocal.wav,
backing.wav), song.mid, song.json and report.json. Styles: ${STYLE_NAMES.join(', ')}. Without
--lyrics the language's starter lyric is sung. --melody keep (default) sings your hummed tune as
the verse; --melody develop composes verse and chorus from its first phrase.

voice: learns your voice from any recording of your speech (${MIN_VOICE_RECORDING_SECONDS}–${MAX_VOICE_RECORDING_SECONDS} s) and the text of what you
said (one line per sentence, up to ${MAX_VOICE_TEXT_CHARACTERS} characters), as the studio does; writes the voice profile
and says which syllables it could not learn, and which syllables of the language's starter lyric
it would borrow from other units.

sing: sings the lyrics on the notes (notes.json as transcribe writes it, or a MIDI file: the
track named melody/lead/vocal/voice, else the first track with notes) in the voice; writes a
16-bit WAV. The language defaults to the voice's. --vibrato scales your own vibrato (0 straight,
1 yours, the default; up to 2); --tone is the voice tone (0 as you speak, 1 singing, the default; up to 2).`;

class UsageError extends Error {}

/** A problem with the user's files, said with what to do (exit code 1). */
class CliError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

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
	backing: 'backing.wav',
	musicxml: 'song.musicxml'
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

/** A 0–2 amount (1 = the default); absent: 1. */
function amountFlag(flags: Map<string, string>, name: string): number {
	const text = flags.get(name);
	if (text === undefined) return 1;
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 2) throw new UsageError(`--${name} must be a number from 0 to 2 (1 is the default); got "${text}"`);
	return value;
}

function languageFlag(flags: Map<string, string>, fallback?: Language): Language {
	const value = flags.get('lang') ?? fallback;
	if (value === undefined) throw new UsageError('--lang yue|cmn|en is needed');
	if (!(LANGUAGES as readonly string[]).includes(value)) throw new UsageError(`--lang must be ${LANGUAGES.join(', ')}; got "${value}"`);
	return value as Language;
}

function allowOnly(command: string, flags: Map<string, string>, allowed: string[]): void {
	for (const flag of flags.keys()) if (!allowed.includes(flag)) throw new UsageError(`${command}: unknown option --${flag}`);
}

async function voice(positional: string[], flags: Map<string, string>): Promise<void> {
	const input = positional[0];
	const textFile = flags.get('text');
	const out = flags.get('out');
	if (!input || !textFile || !out || !flags.has('lang')) throw new UsageError('voice needs a reading audio file, --text FILE, --lang yue|cmn|en and --out voice.json');
	allowOnly('voice', flags, ['text', 'lang', 'out']);
	const language = languageFlag(flags);
	const text = await readFile(textFile, 'utf8');
	if (text.trim() === '') throw new CliError('empty_text', `${textFile} is empty: write the text of what you said in the recording.`);
	if (text.length > MAX_VOICE_TEXT_CHARACTERS) throw new CliError('text_too_long', `${textFile} holds ${text.length} characters; a voice is learned from up to ${MAX_VOICE_TEXT_CHARACTERS}.`);
	const started = performance.now();
	const decoded = await decodeAudio(new Uint8Array(await readFile(input)));
	const recording = prepareTake(decoded, { minSeconds: MIN_VOICE_RECORDING_SECONDS, maxSeconds: MAX_VOICE_RECORDING_SECONDS });
	for (const warning of recording.warnings) console.warn(`warning: ${warning}`);
	const { profile, coverage } = learnVoiceFromText(recording.pcm, recording.sampleRate, language, text, { text: starterLyrics(language), language });
	await writeFile(out, JSON.stringify(serializeVoiceProfile(profile)) + '\n');
	const seconds = (performance.now() - started) / 1000;
	console.log(`${input}: learned ${coverage.coveredSyllables} of the text's ${coverage.textSyllables} syllables (${recording.durationSeconds.toFixed(1)} s of audio in ${seconds.toFixed(2)} s); voice in ${out}`);
	if (coverage.uncovered.length > 0) {
		console.log(`not learned (too short in the recording): ${coverage.uncovered.map((s) => `${s.text} [${s.reading}]`).join(', ')}`);
	}
	console.log(`starter lyric: ${coverage.lyricSyllables - coverage.borrowed.length} of its ${coverage.lyricSyllables} different syllables have a unit of their own`);
	if (coverage.borrowed.length > 0) {
		console.log(`sung from other units: ${coverage.borrowed.map((s) => `${s.text} [${s.reading}] (${s.match})`).join(', ')}`);
	}
}

/** The notes of a notes.json (as `transcribe` writes it) or of a MIDI file's melody track. */
async function readNotes(flags: Map<string, string>): Promise<MelodyNote[]> {
	const notesFile = flags.get('notes');
	const midiFile = flags.get('midi');
	if ((notesFile === undefined) === (midiFile === undefined)) throw new UsageError('sing needs either --notes notes.json or --midi FILE');
	if (notesFile !== undefined) {
		let json: unknown;
		try {
			json = JSON.parse(await readFile(notesFile, 'utf8'));
		} catch (e) {
			if (e instanceof SyntaxError) throw new CliError('bad_notes', `${notesFile} is not JSON: ${e.message}`);
			throw e;
		}
		const notes = (json as { notes?: unknown })?.notes;
		const valid = (n: unknown): n is MelodyNote => {
			const { onsetSeconds, offsetSeconds, midiPitch } = (n ?? {}) as Record<string, unknown>;
			return [onsetSeconds, offsetSeconds, midiPitch].every((v) => typeof v === 'number' && Number.isFinite(v)) && (offsetSeconds as number) > (onsetSeconds as number);
		};
		if (!Array.isArray(notes) || !notes.every(valid)) {
			throw new CliError('bad_notes', `${notesFile} must hold {"notes": [{"onsetSeconds", "offsetSeconds", "midiPitch"}, ...]} with each note ending after it starts (as transcribe writes it).`);
		}
		return notes.map(({ onsetSeconds, offsetSeconds, midiPitch }) => ({ onsetSeconds, offsetSeconds, midiPitch }));
	}
	let midi: InstanceType<typeof ToneMidi.Midi>;
	try {
		midi = new ToneMidi.Midi(await readFile(midiFile!));
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
		throw new CliError('bad_midi', `${midiFile} is not a MIDI file the studio can read: ${(e as Error).message}`);
	}
	const withNotes = midi.tracks.filter((t) => t.notes.length > 0);
	const track = withNotes.find((t) => /melody|lead|vocal|voice/i.test(t.name)) ?? withNotes[0];
	if (!track) throw new CliError('no_melody', `${midiFile} has no notes to sing.`);
	return track.notes.map((n) => ({ onsetSeconds: n.time, offsetSeconds: n.time + n.duration, midiPitch: n.midi }));
}

async function sing(positional: string[], flags: Map<string, string>): Promise<void> {
	const voiceFile = flags.get('voice');
	const lyricsFile = flags.get('lyrics');
	const out = flags.get('out');
	if (positional.length > 0) throw new UsageError(`sing takes no file without an option; got "${positional[0]}"`);
	if (!voiceFile || !lyricsFile || !out) throw new UsageError('sing needs --voice voice.json, --notes notes.json or --midi FILE, --lyrics FILE and --out sung.wav');
	allowOnly('sing', flags, ['voice', 'notes', 'midi', 'lyrics', 'out', 'lang', 'vibrato', 'tone']);
	const expression = { vibrato: amountFlag(flags, 'vibrato'), brightness: amountFlag(flags, 'tone') };
	const notes = await readNotes(flags);
	let json: VoiceProfileJson;
	try {
		json = JSON.parse(await readFile(voiceFile, 'utf8'));
	} catch (e) {
		if (e instanceof SyntaxError) throw new CliError('bad_voice', `${voiceFile} is not a voice profile (not JSON): make one with the voice command.`);
		throw e;
	}
	if (!Array.isArray(json?.units) || typeof json.language !== 'string') throw new CliError('bad_voice', `${voiceFile} is not a voice profile: make one with the voice command.`);
	const profile = parseVoiceProfile(json);
	if (profile.units.length === 0) throw new CliError('bad_voice', `${voiceFile} holds no units: learn the voice again from a clearer recording.`);
	const language = languageFlag(flags, profile.language);
	const lyrics = await readFile(lyricsFile, 'utf8');
	const started = performance.now();
	const fitted = fitLyricsToNotes(readLyrics(lyrics, language), notes);
	const fs = VOCAL_SAMPLE_RATE;
	const phrases = placeSungPhrases(fitted.notes);
	const vocal = joinPhrases(
		phrases.map((p) => ({
			atSample: Math.round(p.renderStartSeconds * fs),
			pcm: singPhrase(profile, p.notes, { fs, breath: p.breath ?? undefined, vibratoScale: expression.vibrato, brightness: expression.brightness, seed: p.index + 1 }).pcm
		}))
	);
	await writeFile(out, encodeWav(vocal, fs));
	const seconds = (performance.now() - started) / 1000;
	console.log(`${out}: ${phrases.length} phrase${phrases.length === 1 ? '' : 's'}, ${(vocal.length / fs).toFixed(1)} s sung in ${seconds.toFixed(2)} s. ${fitted.message}`);
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
		if (command === 'voice') {
			await voice(positional, flags);
			return 0;
		}
		if (command === 'sing') {
			await sing(positional, flags);
			return 0;
		}
		throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
	} catch (e) {
		if (e instanceof UsageError) {
			console.error(`error: ${e.message}\n\n${USAGE}`);
			return 2;
		}
		// The aligner's and the lyrics reader's errors carry a code and a message to act on.
		if (e instanceof CliError || e instanceof AlignmentError || e instanceof LyricsError) {
			console.error(`error (${e.code}): ${e.message}`);
			return 1;
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
		if (['EACCES', 'EISDIR', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) {
			console.error(`error: cannot read or write ${(e as NodeJS.ErrnoException).path}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'permission denied'}`);
			return 1;
		}
		throw e;
	}
}

process.exitCode = await main();
