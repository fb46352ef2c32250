/**
 * Real levels: a take peaking anywhere from −40 to 0 dBFS reaches a mastered song. The song stages
 * run as the CLI runs them (worker/song-pipeline.ts) on a generated take (hum + eSpeak NG reading)
 * at −40 and 0 dBFS peak, and on the real vocadito_1 recording (Bittner et al., 2021, CC BY 4.0;
 * solo singing peaking at −20 dBFS) as it is and at −40 dBFS peak. Before gain staging the quiet
 * ones failed every mix with "vocalGainDb must be in [-96, 24] dB".
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLoudness } from '../../src/lib/audio/loudness';
import { decodeWav, encodeWav } from '../../src/lib/audio/wav';
import { fullVocalKey, mixFileKey } from '../../src/lib/server/keys';
import { MIX_FILE } from '../../src/lib/server/song-status';
import { measureTruePeak } from '../../src/lib/audio/true-peak';
import { FileStore } from '../../src/lib/server/storage';
import { createTake } from '../../src/lib/server/takes';
import type { Language } from '../../src/lib/take/types';
import { runSongLocally } from '../../worker/song-pipeline';
import { HAS_ESPEAK } from '../helpers/espeak';
import { SHARED_DATA } from '../helpers/paths';
import { humAndReadingTake } from '../helpers/song-take';

const VOCADITO = path.join(SHARED_DATA, 'vocadito/vocadito_1.wav');
const SONG_TIMEOUT_MS = 300_000;

interface TakeAudio {
	pcm: Float32Array;
	sampleRate: number;
	humEndSeconds: number | null;
	language: Language;
}

function atPeak(take: TakeAudio, peakDbfs: number | null): TakeAudio {
	if (peakDbfs === null) return take;
	let peak = 0;
	for (const v of take.pcm) peak = Math.max(peak, Math.abs(v));
	const gain = 10 ** (peakDbfs / 20) / peak;
	return { ...take, pcm: take.pcm.map((v) => v * gain) };
}

let dir: string;
let store: FileStore;
/** Loudness of each song's sung vocal before the vocal chain, by take name (LUFS). */
const vocalLufs = new Map<string, number>();

beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'h2s-levels-'));
	store = new FileStore(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Uploads the take as 16-bit WAV (quiet takes keep their quantisation), makes a song and checks its master. */
async function songFrom(name: string, take: TakeAudio): Promise<void> {
	const bytes = encodeWav(take.pcm, take.sampleRate, { bitDepth: 16 });
	const record = await createTake(store, { bytes, originalName: `${name}.wav`, language: take.language, source: take.humEndSeconds === null ? 'upload' : 'recording', humEndSeconds: take.humEndSeconds }, { maxBytes: 1e9 });
	const { mix, composed } = await runSongLocally(store, record.id, { seed: 1 });
	const measured = `${name}: ${JSON.stringify(mix.exports)}`;
	expect(composed.vocalId, `${name} has a vocal`).not.toBeNull();
	for (const format of ['wav24', 'mp3'] as const) {
		expect(Math.abs(mix.exports[format].integratedLufs + 14), measured).toBeLessThanOrEqual(0.5);
		expect(mix.exports[format].truePeakDbtp, measured).toBeLessThanOrEqual(-1 + 0.05);
	}
	// The vocal reached its reference balance (−18 LUFS at a 0 dB fader), not a clamped gain.
	expect(Math.abs(mix.stems.vocal!.integratedLufs + 18), measured).toBeLessThanOrEqual(0.5);
	// The report's stem peaks are what the stem files hold (the mix scales a measured peak, not the files' samples).
	for (const stem of ['vocal', 'backing'] as const) {
		const file = decodeWav((await store.get(mixFileKey(composed.mixId, MIX_FILE[`${stem}Stem`])))!).channels;
		expect(Math.abs(measureTruePeak(file, 44100).truePeakDbtp - mix.stems[stem]!.truePeakDbtp), `${stem} stem: ${measured}`).toBeLessThanOrEqual(0.01);
		expect(mix.stems[stem]!.truePeakDbtp).toBeLessThanOrEqual(-1);
	}
	const vocal = decodeWav((await store.get(fullVocalKey(composed.vocalId!)))!).channels[0];
	vocalLufs.set(name, measureLoudness([vocal], 44100).integratedLufs);
}

describe.skipIf(!HAS_ESPEAK)('a generated take (hum + reading)', () => {
	const take = (): TakeAudio => ({ ...humAndReadingTake('en'), language: 'en' });

	it.each([[-40], [0]])('peaking at %i dBFS makes a song mastered to −14 LUFS and ≤ −1 dBTP', async (peakDbfs) => {
		await songFrom(`generated ${peakDbfs} dBFS`, atPeak(take(), peakDbfs));
	}, SONG_TIMEOUT_MS);

	it('sings at the same level whether the take peaked at −40 or 0 dBFS', () => {
		const quiet = vocalLufs.get('generated -40 dBFS')!;
		const loud = vocalLufs.get('generated 0 dBFS')!;
		expect(Math.abs(quiet - loud), `${quiet.toFixed(1)} vs ${loud.toFixed(1)} LUFS`).toBeLessThanOrEqual(1);
		expect(quiet).toBeGreaterThan(-30);
	});
});

describe.skipIf(!existsSync(VOCADITO))('the real vocadito_1 recording (−20 dBFS peak)', () => {
	let take: TakeAudio;
	beforeAll(async () => {
		const wav = decodeWav(new Uint8Array(await readFile(VOCADITO)));
		take = { pcm: wav.channels[0], sampleRate: wav.sampleRate, humEndSeconds: null, language: 'en' };
	});

	it.each([
		['as recorded', null],
		['scaled to −40 dBFS peak', -40]
	] as const)('%s makes a song mastered to −14 LUFS and ≤ −1 dBTP', async (label, peakDbfs) => {
		await songFrom(`vocadito ${label}`, atPeak(take, peakDbfs));
	}, SONG_TIMEOUT_MS);

	it('sings at the same level as recorded and 20 dB quieter', () => {
		const recorded = vocalLufs.get('vocadito as recorded')!;
		const quiet = vocalLufs.get('vocadito scaled to −40 dBFS peak')!;
		expect(Math.abs(recorded - quiet), `${recorded.toFixed(1)} vs ${quiet.toFixed(1)} LUFS`).toBeLessThanOrEqual(1);
		expect(recorded).toBeGreaterThan(-35);
	});
});
