/**
 * The analyze stage, worker side: the take's canonical audio through Basic Pitch (ONNX Runtime)
 * and the pure melody engine (`transcribe`), stored as a content-addressed artifact. Also used by
 * the CLI, so both produce the same notes.
 */
import { stageToPeak } from '../audio/gain-staging';
import { STUDIO_SAMPLE_RATE } from '../audio/take';
import { runBasicPitch, serializeAnalysis, transcribe, type MelodyAnalysis, type MelodyAnalysisJson } from '../pitch';
import type { AnalysisStage } from '../take/types';
import { analysisIdOf, melodySpanSamples } from './analysis';
import { StudioError } from './errors';
import { recordEdge } from './derived-index';
import { analysisKey } from './keys';
import { createBasicPitchRunner, loadBasicPitchSession, type BasicPitchSessionOptions } from './melody-model';
import { getJson, putJson, type BlobStore } from './storage';
import { ensureVoiceProfile } from './voice-stage';
import { analysisThreadsAvailable, buildReadingProfileInThread, startVoiceBuildThreads, transcribeInThread, warmVoiceBuildThread } from './voice-build';
import { ensureTakePcm, requireTake } from './takes';
import { WARM_UP_LINES, warmUpReading } from '../voice/warm-up-reading';

export type ReportStage = (stage: AnalysisStage, fraction: number) => void | Promise<void>;

/**
 * The model's threads while the voice is learned beside it: one. It runs on one of the voice-build
 * threads, between the voice's parts; a second model thread only takes turns with them (and spins
 * while it waits). Env ORT_THREADS still decides where it is set.
 */
function modelBesideVoice(): BasicPitchSessionOptions {
	return process.env.ORT_THREADS ? {} : { threads: 1 };
}

/**
 * Readies a long-lived worker for its first take: the voice-build threads load and compile their
 * code, the melody model's session (the one `runAnalysis` uses, in those threads or, in a bundled
 * build, in this one) is created now rather than on that take, and a voice is learned from a
 * made-up reading (warm-up-reading.ts) the way a take's is.
 */
export async function warmAnalysis(): Promise<void> {
	await Promise.all([warmVoiceBuildThread(modelBesideVoice()), analysisThreadsAvailable() ? null : loadBasicPitchSession(modelBesideVoice())]);
	// This thread's own share of learning a voice (handing out the parts, assembling the units),
	// scheduled as `runAnalysis` schedules a take's.
	// At the rate a take's reading reaches the voice build (its canonical audio).
	const reading = warmUpReading(STUDIO_SAMPLE_RATE);
	for (let pass = 0; pass < 2; pass++) {
		await buildReadingProfileInThread({ reading, sampleRate: STUDIO_SAMPLE_RATE, language: 'en', lines: WARM_UP_LINES }, { analyseOnceAligned: true }).catch(() => {});
	}
}

/**
 * Notes, key, tempo and motif of `input`, first brought to the studio's reference peak (a quiet
 * take's soft notes would fall under the f0 tracker's absolute silence gate). `onProgress` gets
 * 0..1 of the whole job: the model takes the first part of the "pitch" stage, the f0 tracker the
 * rest, then "notes".
 */
export async function transcribeWithModel(
	input: Float32Array,
	sampleRate: number,
	onProgress?: (stage: 'pitch' | 'notes', fraction: number) => void,
	model: BasicPitchSessionOptions = {}
): Promise<MelodyAnalysis> {
	const pcm = stageToPeak(input).signal;
	onProgress?.('pitch', 0);
	const basicPitch = await runBasicPitch(pcm, sampleRate, createBasicPitchRunner(model));
	onProgress?.('pitch', 0.4);
	return transcribe(pcm, sampleRate, {
		basicPitch,
		onProgress: onProgress && ((stage, fraction) => onProgress(stage, stage === 'pitch' ? 0.4 + 0.6 * fraction : fraction))
	});
}

/**
 * The analyze stage: load (or make) the take's canonical audio, transcribe its hummed span, and
 * store the result. Idempotent: a result already stored for the same audio, span, engine and model
 * is returned as is, so a retried or re-delivered job does no work twice and never overwrites.
 */
export async function runAnalysis(store: BlobStore, takeId: string, report: ReportStage): Promise<{ analysisId: string; profileId: string }> {
	const take = await requireTake(store, takeId);
	// The voice-build threads load their code while the take is decoded.
	if (take.humEndSeconds !== null) startVoiceBuildThreads();
	const analysisId = analysisIdOf(take);
	const key = analysisKey(analysisId);
	const stored = await getJson<MelodyAnalysisJson>(store, key);
	if (stored) {
		// The melody is done; the voice profile may still be missing (a job stopped between the two).
		const { profileId } = await ensureVoiceProfile(store, take, () => ensureTakePcm(store, take), stored);
		await report('done', 1);
		return { analysisId, profileId };
	}
	await report('decoding', 0.02);
	const pcm = await ensureTakePcm(store, take);
	await report('pitch', 0.1);
	// The voice is learned from the reading in its own thread while the hum is transcribed here;
	// it takes the hum's notes (range, vibrato habit) once they are known.
	let melodyKnown!: (analysis: MelodyAnalysis) => void;
	let melodyFailed!: (error: unknown) => void;
	const melody = new Promise<MelodyAnalysis>((resolve, reject) => {
		melodyKnown = resolve;
		melodyFailed = reject;
	});
	// The melody is queued after the voice's first parts (the f0 heads the longest chain of parts),
	// so it waits until the reading is with the voice-build threads: the voice stage asks for the
	// audio only when it must learn the voice, and hands the reading over in the same turn; a turn
	// later they have it. Or until the voice stage is done without learning one.
	let voiceUnderway!: () => void;
	const underway = new Promise<void>((resolve) => (voiceUnderway = resolve));
	const readingPcm = async () => {
		setImmediate(voiceUnderway);
		return pcm;
	};
	// The hum is transcribed on the thread the reading's f0 leaves: the voice's envelope waits for
	// the alignment (due at about the same time) and is analysed only where units are cut from.
	const voice = ensureVoiceProfile(store, take, readingPcm, melody, (request) => buildReadingProfileInThread(request, { analyseOnceAligned: true }));
	// Should the melody fail, its error is the one reported; the voice's own failure is then moot.
	voice.then(voiceUnderway, voiceUnderway);
	await underway;
	let analysis: MelodyAnalysis;
	try {
		// Progress callbacks come synchronously (or as the thread's messages); keep their promises and await them all.
		const pending: Promise<void>[] = [];
		const onProgress = (stage: 'pitch' | 'notes', fraction: number) => {
			const overall = stage === 'pitch' ? 0.1 + 0.65 * fraction : 0.75 + 0.13 * fraction;
			const result = report(stage, overall);
			if (result) pending.push(result);
		};
		const hum = pcm.subarray(0, melodySpanSamples(take));
		analysis = await (take.humEndSeconds === null
			? // A take with no reading has no voice to learn beside it: the model may use every core.
				transcribeWithModel(hum, take.sampleRate, onProgress, {})
			: analysisThreadsAvailable()
				? // A copy of the hum alone: a view would send the whole take's buffer to the thread.
					transcribeInThread(hum.slice(), take.sampleRate, modelBesideVoice(), onProgress)
				: transcribeWithModel(hum, take.sampleRate, onProgress, modelBesideVoice()));
		await Promise.all(pending);
		if (!analysis) throw new StudioError('analysis_failed', 500, 'The analysis produced no result.');
		await recordEdge(store, 'take', take.id, 'analysis', analysisId);
		await putJson(store, key, serializeAnalysis(analysis));
	} catch (e) {
		melodyFailed(e);
		throw e;
	}
	melodyKnown(analysis);
	await report('voice', 0.9);
	const { profileId } = await voice;
	await report('done', 1);
	return { analysisId, profileId };
}
