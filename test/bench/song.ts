/**
 * A song from a 60 s take, the stages run one after another in one process as the CLI runs them
 * (worker/song-pipeline.ts; the queue adds its hand-offs on top): seconds from the upload to the
 * analysis, the first sung phrase and the mastered mix, and the mix's loudness and true peak.
 * Needs espeak-ng for the reading; prints a skip line without it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav } from '../../src/lib/audio/wav';
import { createTake } from '../../src/lib/server/takes';
import { FileStore } from '../../src/lib/server/storage';
import type { Language } from '../../src/lib/take/types';
import { runSongLocally } from '../../worker/song-pipeline';
import { HAS_ESPEAK } from '../helpers/espeak';
import { humAndReadingTake } from '../helpers/song-take';
import type { Benchmark } from './run';

const TAKE_SECONDS = 60;

export const songBenchmark: Benchmark = async (print) => {
	if (!HAS_ESPEAK) {
		print({ name: 'song.skipped', value: 1, unit: 'flag', note: 'espeak-ng is not installed' });
		return;
	}
	for (const language of ['yue', 'cmn', 'en'] as Language[]) {
		const take = humAndReadingTake(language);
		const pcm = new Float32Array(TAKE_SECONDS * take.sampleRate);
		pcm.set(take.pcm.subarray(0, pcm.length));
		const work = await mkdtemp(path.join(tmpdir(), 'hum2song-bench-'));
		try {
			const store = new FileStore(work);
			const started = performance.now();
			const record = await createTake(store, { bytes: encodeWav(pcm, take.sampleRate), originalName: 'take.wav', language, source: 'recording', humEndSeconds: take.humEndSeconds }, { maxBytes: 1e9 });
			const upload = (performance.now() - started) / 1000;
			const { mix, timeline, composed } = await runSongLocally(store, record.id, { seed: 1 });
			const at = (step: keyof typeof timeline) => upload + (timeline[step] ?? NaN);
			print({ name: `song.first_phrase_seconds.${language}`, value: at('phrase'), unit: 's', note: `from the upload of a ${TAKE_SECONDS} s take: stored ${upload.toFixed(2)} s, analysed ${at('analyze').toFixed(2)} s, composed ${at('compose').toFixed(2)} s; target ≤ 5 s` });
			const songSeconds = mix.durationSeconds;
			print({
				name: `song.mixed_seconds.${language}`,
				value: at('mix'),
				unit: 's',
				note: `a ${songSeconds.toFixed(1)} s song (${composed.song.sections.reduce((n, s) => n + s.bars, 0)} bars at ${composed.song.tempoBpm} bpm, ${composed.song.style}): vocal ${at('vocal').toFixed(1)} s, backing ${at('backing').toFixed(1)} s, mix ${at('mix').toFixed(1)} s from the upload; ${(at('mix') - at('analyze')).toFixed(1)} s after the analysis = ${((30 * (at('mix') - at('analyze'))) / songSeconds).toFixed(1)} s per 30 s of song; target ≤ 20 s for 30 s`
			});
			print({ name: `song.mix_lufs.${language}`, value: mix.exports.wav24.integratedLufs, unit: 'LUFS', note: `true peak ${mix.exports.wav24.truePeakDbtp.toFixed(2)} dBTP; MP3 ${mix.exports.mp3.integratedLufs.toFixed(2)} LUFS, ${mix.exports.mp3.truePeakDbtp.toFixed(2)} dBTP; limiter ${mix.master.maxReductionDb.toFixed(1)} dB at most; target −14 ± 0.5, ≤ −1 dBTP` });
			if (composed.report.toneAgreement) print({ name: `song.tone_agreement.${language}`, value: composed.report.toneAgreement.after, unit: 'ratio', note: `adjacent syllable pairs whose melodic direction follows the tones (before adapting: ${composed.report.toneAgreement.before.toFixed(2)})` });
		} finally {
			await rm(work, { recursive: true, force: true });
		}
	}
};
