/**
 * Voice profile and singing: speed of building a profile from real readings (VCTK English joined
 * to ~70 s, and its first ~20 and ~40 s to show the cost per reading-second stays flat; the
 * Mandarin Common Voice F1 reading), from an eSpeak NG reading of the Cantonese prompt, and of
 * rendering a 4 s phrase and a 30 s vocal with it (needs espeak-ng); voice likeness on VCTK by
 * mel-cepstral distance and by a GMM-UBM speaker model (test/helpers/voice-likeness.ts; needs
 * ../shared/data). Prints skip lines without them.
 */
import { readLyrics } from '../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../src/lib/lyrics/prompts';
import { buildVoiceProfile } from '../../src/lib/voice/build-profile';
import { buildReadingProfileInThread, voiceBuildThreadCount } from '../../src/lib/server/voice-build';
import { serializeVoiceProfile } from '../../src/lib/voice/profile-json';
import { singPhrase, type SungNote } from '../../src/lib/voice/sing';
import { HAS_ESPEAK, renderEspeak } from '../helpers/espeak';
import { CONNECTED_SPEECH_VOICES, continuousAlignmentErrors } from '../helpers/espeak-timed';
import { HAS_VCTK, GMM_COMPONENTS, TEST_SENTENCES, TRAIN_SENTENCES, voiceLikeness } from '../helpers/voice-likeness';
import { HAS_REAL_READINGS, commonVoiceReading, vctkReading, type RealReading } from '../helpers/joined-readings';
import { timed } from './timed';
import type { Benchmark } from './run';

/** A melody of `seconds` on the lyric's syllables, 0.5 s a note with a longer one every fourth. */
function score(seconds: number): SungNote[] {
	const syllables = readLyrics('我哋一齊唱歌，唱到天光，月光照喺窗前，風吹過樹葉', 'yue');
	const scale = [60, 62, 64, 65, 67, 69, 71, 72];
	const notes: SungNote[] = [];
	for (let at = 0, i = 0; at < seconds - 0.01; i++) {
		const duration = Math.min(i % 4 === 3 ? 1 : 0.5, seconds - at);
		notes.push({ onsetSeconds: at, durationSeconds: duration, midiPitch: scale[(i * 3) % scale.length], syllable: syllables[i % syllables.length] });
		at += duration;
	}
	return notes;
}

/**
 * Median wall and CPU seconds of building the reading's profile (`runs` builds after a warm-up).
 * CPU time is printed beside wall time because on a shared machine the wall time includes waiting.
 */
function timeBuild(reading: RealReading, runs: number): { wallSeconds: number; cpuSeconds: number; units: number } {
	const build = () => buildVoiceProfile(reading.pcm, reading.sampleRate, reading.language, reading.lines);
	let units = build().units.length;
	const samples: Array<[number, number]> = [];
	for (let r = 0; r < runs; r++) {
		const cpu = process.cpuUsage();
		const t0 = performance.now();
		units = build().units.length;
		const used = process.cpuUsage(cpu);
		samples.push([(performance.now() - t0) / 1000, (used.user + used.system) / 1e6]);
	}
	samples.sort((a, b) => a[0] - b[0]);
	const [wallSeconds, cpuSeconds] = samples[Math.floor(samples.length / 2)];
	return { wallSeconds, cpuSeconds, units };
}

/**
 * Median wall and CPU seconds of the studio's build of the same profile: its parts on the
 * voice-build threads (`runs` builds after a warm-up). CPU is the whole process's, threads included.
 */
async function timeThreadedBuild(reading: RealReading, runs: number): Promise<{ wallSeconds: number; cpuSeconds: number }> {
	const build = () => buildReadingProfileInThread({ reading: reading.pcm, sampleRate: reading.sampleRate, language: reading.language, lines: reading.lines });
	await build();
	const samples: Array<[number, number]> = [];
	for (let r = 0; r < runs; r++) {
		const cpu = process.cpuUsage();
		const t0 = performance.now();
		await build();
		const used = process.cpuUsage(cpu);
		samples.push([(performance.now() - t0) / 1000, (used.user + used.system) / 1e6]);
	}
	samples.sort((a, b) => a[0] - b[0]);
	const [wallSeconds, cpuSeconds] = samples[Math.floor(samples.length / 2)];
	return { wallSeconds, cpuSeconds };
}

async function realReadingFigures(print: Parameters<Benchmark>[0]): Promise<void> {
	if (!HAS_REAL_READINGS) {
		print({ name: 'voice.real_reading_skipped', value: 1, unit: 'flag', note: '../shared/data (vctk, commonvoice) is absent' });
		return;
	}
	const full = vctkReading('p225');
	const readings: RealReading[] = [vctkReading('p225', 3), vctkReading('p225', 6), full];
	for (const reading of readings) {
		const seconds = reading.pcm.length / reading.sampleRate;
		const t = timeBuild(reading, 2);
		const isFull = reading === full;
		print({
			name: `voice.profile_seconds.vctk_${reading.name}`,
			value: t.wallSeconds,
			unit: 's',
			note: `${seconds.toFixed(1)} s of VCTK p225 read speech (${reading.lines.length} sentences, 0.4 s pauses), ${t.units} units; CPU ${t.cpuSeconds.toFixed(2)} s${isFull ? '; target ≤ 3 s for 70 s' : ''}`
		});
		print({ name: `voice.profile_seconds_per_reading_second.vctk_${Math.round(seconds)}s`, value: t.wallSeconds / seconds, unit: 's/s', note: `CPU ${(t.cpuSeconds / seconds).toFixed(4)} s/s; equal across lengths when the build is linear` });
	}
	// Stored size: the profile's JSON, and how much of it the recorded onsets take.
	const profile = buildVoiceProfile(full.pcm, full.sampleRate, full.language, full.lines);
	const bytes = JSON.stringify(serializeVoiceProfile(profile)).length;
	const vocodedOnly = JSON.stringify(serializeVoiceProfile({ ...profile, units: profile.units.map((u) => ({ ...u, recordedOnset: undefined })) })).length;
	const recorded = profile.units.filter((u) => u.recordedOnset);
	print({
		name: `voice.profile_json_mb.vctk_${full.name}`,
		value: bytes / 1e6,
		unit: 'MB',
		note: `${(vocodedOnly / 1e6).toFixed(2)} MB without the recorded onsets of ${recorded.length} of ${profile.units.length} units (${recorded.reduce((s, u) => s + u.recordedOnset!.pcm.length / u.recordedOnset!.sampleRate, 0).toFixed(1)} s of 16-bit audio): +${(100 * (bytes / vocodedOnly - 1)).toFixed(0)} %`
	});
	const threaded = await timeThreadedBuild(full, 2);
	print({
		name: `voice.profile_seconds_threads.vctk_${full.name}`,
		value: threaded.wallSeconds,
		unit: 's',
		note: `the same ${(full.pcm.length / full.sampleRate).toFixed(1)} s reading learned in parts on ${voiceBuildThreadCount()} voice-build threads (threads started before) with nothing beside it, the sounding frames analysed from when the f0 is known (the analyze stage, which transcribes the hum beside it, waits for the alignment instead); CPU ${threaded.cpuSeconds.toFixed(2)} s; target ≤ 3 s for 70 s`
	});
	const mandarin = commonVoiceReading('cmn-commonvoice-zh-CN', 'cmn_F1', 'cmn');
	const t = timeBuild(mandarin, 1);
	print({
		name: 'voice.profile_seconds.commonvoice_cmn_F1',
		value: t.wallSeconds,
		unit: 's',
		note: `${(mandarin.pcm.length / mandarin.sampleRate).toFixed(1)} s of Mandarin Common Voice at ${mandarin.sampleRate} Hz (${mandarin.lines.length} clips, 0.4 s pauses), ${t.units} units; CPU ${t.cpuSeconds.toFixed(2)} s`
	});
}

export const voiceBenchmark: Benchmark = async (print) => {
	await realReadingFigures(print);
	if (!HAS_ESPEAK) {
		print({ name: 'voice.skipped', value: 1, unit: 'flag', note: 'espeak-ng is not installed' });
		return;
	}
	const lines = READING_PROMPTS.yue.lines;
	const reading = renderEspeak(lines.join(''), { voice: 'yue', speed: 170 });
	const readingSeconds = reading.length / 44100;
	const build = timed(3, () => buildVoiceProfile(reading, 44100, 'yue', lines));
	print({ name: 'voice.profile_seconds.yue_reading', value: build.seconds, unit: 's', note: `${readingSeconds.toFixed(1)} s reading, ${build.result.units.length} units; target ≤ 5 s for a 60 s take` });
	const phrase = timed(5, () => singPhrase(build.result, score(4)));
	print({ name: 'voice.first_phrase_seconds.4s', value: phrase.seconds, unit: 's', note: 'target ≤ 0.5 s' });
	// Alignment on connected speech: eSpeak NG's own word and phoneme times (its WebAssembly build).
	const q = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(p * values.length)];
	for (const [language, voice, wordsPerMinute, pitch] of CONNECTED_SPEECH_VOICES) {
		const errors = await continuousAlignmentErrors(READING_PROMPTS[language].lines, language, { voice, wordsPerMinute, pitch });
		print({
			name: `voice.alignment_connected_ms.${voice}`,
			value: q(errors.wordStartMs, 0.5),
			unit: 'ms',
			note:
				`median word start error; 90th percentile ${q(errors.wordStartMs, 0.9).toFixed(0)} ms; first vowel or glide median ${q(errors.vowelOnsetMs, 0.5).toFixed(0)}, 90th percentile ${q(errors.vowelOnsetMs, 0.9).toFixed(0)} ms; ${errors.wordStartMs.length} words, ${errors.seconds.toFixed(0)} s (targets ≤ 30 / ≤ 60 ms)` +
				(errors.skippedLines.length ? `; ${errors.skippedLines.length} lines eSpeak reads in another language left out` : '')
		});
	}

	const vocal = timed(3, () => singPhrase(build.result, score(30)));
	print({ name: 'voice.vocal_seconds.30s', value: vocal.seconds, unit: 's', note: `${(30 / vocal.seconds).toFixed(1)}x real time; target ≤ 5 s` });

	if (!HAS_VCTK) {
		print({ name: 'voice.likeness_skipped', value: 1, unit: 'flag', note: '../shared/data/vctk is absent' });
		return;
	}
	const likeness = voiceLikeness();
	for (const [speaker, mcd] of Object.entries(likeness.mcdBySpeaker)) {
		print({ name: `voice.likeness_mcd_db.${speaker}`, value: mcd, unit: 'dB', note: `held-out sentences ${TEST_SENTENCES.join(', ')} re-spoken from a profile of ${TRAIN_SENTENCES.join(', ')}; DTW-aligned, speech frames` });
	}
	print({ name: 'voice.speaker_identification', value: likeness.identified / likeness.trials, unit: 'ratio', note: `${likeness.identified} of ${likeness.trials} re-spoken sentences nearest (MCD) their own speaker's reading; target ≥ 0.95` });
	const gmm = likeness.gmmUbm;
	for (const [speaker, v] of Object.entries(gmm.bySpeaker)) {
		print({ name: `voice.likeness_gmm_ubm_llr.${speaker}`, value: v.ownLlr, unit: 'nats/frame', note: `${v.identified} of ${v.trials} re-spoken sentences scored highest by ${speaker}'s model; mean LLR under the other speakers' models ${v.otherLlr.toFixed(2)}` });
	}
	print({
		name: 'voice.speaker_identification_gmm_ubm',
		value: gmm.identified / gmm.trials,
		unit: 'ratio',
		note: `${gmm.identified} of ${gmm.trials} re-spoken sentences scored highest (log-likelihood ratio over a ${GMM_COMPONENTS}-Gaussian UBM on MFCCs) by their own speaker's MAP-adapted model; the real sentences: ${gmm.realIdentified} of ${gmm.trials}`
	});
};
