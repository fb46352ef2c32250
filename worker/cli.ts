/**
 * `npm run cli -- <command> ...`: the studio's stages on local files, without the web app or Redis.
 *
 *   transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { decodeAudio, prepareTake } from '../src/lib/audio';
import { notesToMidi } from '../src/lib/song';
import { asUserError } from '../src/lib/server/errors';
import { transcribeWithModel } from '../src/lib/server/melody-stage';
import { MAX_TAKE_SECONDS, MIN_TAKE_SECONDS } from '../src/lib/server/takes';

const USAGE = `Usage:
  npm run cli -- transcribe <audio file> --out notes.json [--midi notes.mid] [--f0 f0.csv]

Reads WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus or WebM Opus; writes the notes (onset/offset seconds,
fractional MIDI pitch, confidence), key and tempo as JSON, and optionally a MIDI file and the
f0 contour as CSV (time s, f0 Hz, voicing probability, voiced 0/1).`;

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
