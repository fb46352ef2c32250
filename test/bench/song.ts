/**
 * A song from a 60 s take, the stages run one after another in one process as the CLI runs them
 * (worker/song-pipeline.ts; the queue adds its hand-offs on top): seconds from the upload to the
 * analysis, the first sung phrase and the mastered mix, and the mix's loudness and true peak.
 * Needs espeak-ng for the reading; prints a skip line without it.
 *
 * First, the melody from eight hummed tunes (test/fixtures/hummed-tunes.ts) through the real
 * analysis and the composer in both modes, in each language: how much of the kept verse is the
 * tune as written (test/fixtures/tune-scoring.ts states the alignment), and whether the developed
 * melody states the hum's first phrase at the verse's start and again in the chorus.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav } from '../../src/lib/audio/wav';
import { createTake } from '../../src/lib/server/takes';
import { FileStore } from '../../src/lib/server/storage';
import type { Language } from '../../src/lib/take/types';
import { runSongLocally } from '../../worker/song-pipeline';
import { composeSong } from '../../src/lib/compose/compose-song';
import { transcribeWithModel, warmAnalysis } from '../../src/lib/server/melody-stage';
import { warmComposer, warmSinger } from '../../src/lib/server/stage-warmup';
import { defaultSongRequest, type MelodyMode } from '../../src/lib/song/song-request';
import { ticksPerBar } from '../../src/lib/song/types';
import { HUMMED_TUNES, humTune } from '../fixtures/hummed-tunes';
import { scoreDeveloped, scoreKeptVerse } from '../fixtures/tune-scoring';
import { basicPitchTestRunner } from '../helpers/basic-pitch-runner';
import { HAS_ESPEAK } from '../helpers/espeak';
import { voiceBuildThreadCount } from '../../src/lib/server/voice-build';
import { humAndReadingTake } from '../helpers/song-take';
import type { Benchmark } from './run';

const TAKE_SECONDS = 60;

const LANGUAGES: Language[] = ['yue', 'cmn', 'en'];

/** Kept and developed melodies of the hummed tunes, per tune and over the set. */
async function tuneFigures(print: Parameters<Benchmark>[0]): Promise<void> {
	basicPitchTestRunner();
	const kept = { correct: 0, total: 0, sungCorrect: 0, sungTotal: 0, sungIntended: 0 };
	let developedOk = 0;
	let developedRuns = 0;
	for (const score of HUMMED_TUNES) {
		const tune = humTune(score);
		const analysis = await transcribeWithModel(tune.pcm, tune.sampleRate);
		const compose = (melody: MelodyMode, language: Language) =>
			composeSong({ songId: 'song0000000000000001', takeId: 'take00000001', revision: 1, voiceProfileId: null, request: { ...defaultSongRequest(language, 1), melody }, analysis });
		const tuneKept = { correct: 0, total: 0, sungCorrect: 0, sungTotal: 0, sungIntended: 0 };
		const notes: string[] = [];
		let motifOk = 0;
		for (const language of LANGUAGES) {
			const keep = compose('keep', language);
			const bar = ticksPerBar(keep.song.timeSignature);
			const k = scoreKeptVerse(keep.tune.melody, keep.tune.verseBars * bar, score);
			const sung = scoreKeptVerse(keep.song.melody, keep.tune.verseBars * bar, score);
			tuneKept.correct += k.correct;
			tuneKept.total += Math.max(k.verseNotes, k.intendedNotes);
			tuneKept.sungCorrect += sung.correct;
			tuneKept.sungTotal += Math.max(sung.verseNotes, sung.intendedNotes);
			tuneKept.sungIntended += sung.intendedNotes;
			const develop = compose('develop', language);
			const d = scoreDeveloped(develop.tune.melody, develop.song.sections[1].startBar * bar, score);
			const ok = d.atVerseStart && d.inChorus >= 1 && d.motifNotes >= 4;
			const runsOk = d.longestRun <= Math.max(3, d.hummedLongestRun);
			motifOk += ok ? 1 : 0;
			developedOk += ok ? 1 : 0;
			developedRuns += runsOk ? 1 : 0;
			notes.push(`${language}: ${d.motifNotes}-note phrase ${d.atVerseStart ? 'opens' : 'does not open'} the verse, ${d.inChorus}× in the chorus, longest run ${d.longestRun} (hum ${d.hummedLongestRun})`);
		}
		for (const key of ['correct', 'total', 'sungCorrect', 'sungTotal', 'sungIntended'] as const) kept[key] += tuneKept[key];
		print({ name: `song.keep_verse_notes.${score.id}`, value: tuneKept.correct / tuneKept.total, unit: 'ratio', note: `${tuneKept.correct}/${tuneKept.total} over ${LANGUAGES.join(', ')}; with the lyrics set ${(tuneKept.sungCorrect / tuneKept.sungTotal).toFixed(2)}; hummed at ${score.bpm} BPM, analysed at ${analysis.tempo?.bpm.toFixed(1)} BPM in ${analysis.key?.name}` });
		print({ name: `song.develop_motif.${score.id}`, value: motifOk / LANGUAGES.length, unit: 'ratio', note: notes.join('; ') });
	}
	const runs = HUMMED_TUNES.length * LANGUAGES.length;
	print({ name: 'song.keep_verse_notes.overall', value: kept.correct / kept.total, unit: 'ratio', note: `${kept.correct}/${kept.total} verse notes equal the score's (pitch, and onset from the first note on the grid); target ≥ 0.90` });
	print({ name: 'song.keep_verse_notes_with_lyrics.overall', value: kept.sungCorrect / kept.sungTotal, unit: 'ratio', note: 'the same after the starter lyric is set (notes the lyric fit splits count as wrong)' });
	// Splitting a note for a syllable repeats its pitch; what a listener hears as the tune is every
	// hummed note still starting where it was hummed, at its pitch.
	print({ name: 'song.keep_hummed_notes_sung.overall', value: kept.sungCorrect / kept.sungIntended, unit: 'ratio', note: `${kept.sungCorrect}/${kept.sungIntended} of the score's notes in the verse span start on their beat at their pitch in the sung melody (starter lyric set)` });
	print({ name: 'song.develop_motif.overall', value: developedOk / runs, unit: 'ratio', note: `${developedOk}/${runs} songs state the hum's first phrase's intervals at the verse's start and in the chorus; target 1` });
	print({ name: 'song.develop_repeats_ok.overall', value: developedRuns / runs, unit: 'ratio', note: `${developedRuns}/${runs} songs with no run of more than 3 equal notes beyond the hum's own longest; target 1` });
}

export const songBenchmark: Benchmark = async (print) => {
	// The takes first, in a process that has done nothing else, as a worker that has just started
	// and warmed up: the tune figures after them leave a large heap whose collection (V8's helper
	// threads on the same two cores) slowed the first phrase by about 0.6 s when they ran first.
	await takeFigures(print);
	await tuneFigures(print);
};

/** Three 60 s takes (one per language) from upload to first phrase and mastered mix. */
async function takeFigures(print: Parameters<Benchmark>[0]): Promise<void> {
	if (!HAS_ESPEAK) {
		print({ name: 'song.skipped', value: 1, unit: 'flag', note: 'espeak-ng is not installed' });
		return;
	}
	// As the worker does at its start (its sandboxes' warm-up jobs): the voice-build threads load their
	// code and create the analysis's model session, and the analysis, the composer and the singer run
	// once on made-up material, before the first take arrives.
	await warmAnalysis();
	warmComposer();
	warmSinger();
	for (const language of LANGUAGES) {
		// The worker runs each stage in a thread of its own, so the analysis's heap never holds the
		// garbage of a song mixed before; in this one process it would, and collecting it (V8's
		// helper threads on the same two cores) slowed the next take's analysis (the English take's:
		// 4.0 s after the Mandarin song, 3.4 s with that song's garbage collected before the upload,
		// as now: the bench runs with --expose-gc).
		(globalThis as { gc?: () => void }).gc?.();
		const take = humAndReadingTake(language);
		const pcm = new Float32Array(TAKE_SECONDS * take.sampleRate);
		pcm.set(take.pcm.subarray(0, pcm.length));
		const work = await mkdtemp(path.join(tmpdir(), 'hum2song-bench-'));
		try {
			const store = new FileStore(work);
			// The browser's recorder makes the WAV before the upload starts.
			const bytes = encodeWav(pcm, take.sampleRate);
			const started = performance.now();
			const record = await createTake(store, { bytes, originalName: 'take.wav', language, source: 'recording', humEndSeconds: take.humEndSeconds }, { maxBytes: 1e9 });
			const upload = (performance.now() - started) / 1000;
			const { mix, timeline, composed } = await runSongLocally(store, record.id, { seed: 1 });
			const at = (step: keyof typeof timeline) => upload + (timeline[step] ?? NaN);
			print({ name: `song.first_phrase_seconds.${language}`, value: at('phrase'), unit: 's', note: `from the upload of a ${TAKE_SECONDS} s take: stored ${upload.toFixed(2)} s, hum transcribed ${at('melody').toFixed(2)} s, voice learned and analysis stored ${at('analyze').toFixed(2)} s (the voice's parts and the hum's transcription on ${voiceBuildThreadCount()} threads), composed ${at('compose').toFixed(2)} s, first phrase sung ${at('phrase').toFixed(2)} s; worker warmed as at its start (threads and model loaded); machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; target ≤ 4 s` });
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
}
