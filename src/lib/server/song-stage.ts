/**
 * The song stages. `compose` turns a song revision's request into a Song (src/lib/compose), plans
 * its vocal with the sing stage and stores its backing score; `mix` renders the backing (the worker
 * passes in its Web Audio renderer) and, once the vocal's phrases are sung, runs the vocal chain,
 * balances, masters to −14 LUFS and writes the exports. Every artifact is content-addressed, so an
 * edit re-renders only what it changed.
 */
import { decodeAudio } from '../audio/decode';
import { decodeWav, encodeWav } from '../audio/wav';
import type { RenderBackingOptions } from '../audio/backing-render';
import { consecutiveRuns, cutSegment, planBackingSegments, segmentWindow, spliceSegments } from '../audio/backing-segments';
import { encodeMp3 } from '../audio/mp3-encode';
import { masterToLoudness, type MasterReport } from '../audio/master';
import { measureLoudness } from '../audio/loudness';
import { measureTruePeak } from '../audio/true-peak';
import { balanceGainDb, stageToLoudness } from '../audio/gain-staging';
import { mixStems } from '../audio/mix-stems';
import { processVocal } from '../audio/vocal-chain';
import { arrange } from '../compose/arrangement';
import { composeSong } from '../compose/compose-song';
import { songWarning, type SongWarning } from '../compose/song-warning';
import type { FittedNote } from '../lyrics/fit-lyrics';
import type { LyricsFitReport } from '../compose/lyrics-fit';
import { LyricsError } from '../lyrics/types';
import type { BackingScore } from '../song/backing-types';
import type { AnalysisProgress } from '../take/types';
import { songToMidi } from '../song/song-midi';
import { songVibratoScale } from '../song/vocal-expression';
import { DEFAULT_BRIGHTNESS, type SongRequest } from '../song/song-request';
import { ticksPerBar, ticksToSeconds, type Song } from '../song/types';
import { getAnalysis } from './analysis';
import { recordEdge } from './derived-index';
import { StudioError } from './errors';
import { backingAudioKey, backingScoreKey, backingSegmentKey, backingSegmentsKey, fullVocalKey, mixFileKey, songEditKey, songRevisionKey } from './keys';
import type { SongEdit } from './song-edit-revision';
import { storeVocalPlan, VOCAL_SAMPLE_RATE, SING_ENGINE, requireVocalPlan, type VocalPlan } from './sing-stage';
import { MIX_FILE } from './song-status';
import { getComposedSong, requireSong, type ComposedSong } from './songs';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import { requireTake } from './takes';
import { takeProfileId, usableVoiceKind } from './voice-stage';

export const SONG_ENGINE = 'song@1';
/** @2: drum noise seeded per hit (backing-render.ts hitSeed), so the stem can be rendered bar by bar. */
export const BACKING_ENGINE = 'backing-tone@2';
export const MIX_ENGINE = `mix@2+${SING_ENGINE}+${BACKING_ENGINE}`;
export const SONG_SAMPLE_RATE = VOCAL_SAMPLE_RATE;
export const SONG_PHRASE_MAX_SECONDS = 12;
const MP3_CEILINGS_DBTP = [-1.5, -2, -3];
/** Loudness of the sung vocal as it enters the vocal chain, LUFS. */
const VOCAL_CHAIN_INPUT_LUFS = -18;
/** Loudness each stem is balanced to before the faders, LUFS. */
const VOCAL_REFERENCE_LUFS = -18;
const BACKING_REFERENCE_LUFS = -20;

const LYRICS_STATUS: Record<string, number> = { too_many_syllables: 422, no_melody: 422 };

/** The composed melody as the sing stage takes it: seconds, one syllable (or a melisma) per note. */
export function songVocalNotes(song: Song): FittedNote[] {
	return song.melody.map((n) => ({
		onsetSeconds: ticksToSeconds(n.startTicks, song.tempoBpm),
		durationSeconds: ticksToSeconds(n.durationTicks, song.tempoBpm),
		midiPitch: n.midiPitch,
		syllable: n.syllable,
		// Only when set: an untouched note's phrase keeps its content id (and its render).
		...(n.expression ? { expression: n.expression } : {})
	}));
}

/** How the song's vocal is sung: its style's vibrato scaled by the request's amount, and the request's brightness. */
export function songVocalExpression(song: Pick<Song, 'style'>, request: Pick<SongRequest, 'vibrato' | 'brightness'>): NonNullable<VocalPlan['expression']> {
	return { vibratoScale: songVibratoScale(song.style, request.vibrato), brightness: request.brightness ?? DEFAULT_BRIGHTNESS };
}

/**
 * Composes `revision` of a song and stores it with the ids of its renders. Returns null when the
 * song has moved on to a later revision (that revision's own job composes it).
 */
export async function composeRevision(store: BlobStore, songId: string, revision: number): Promise<ComposedSong | null> {
	const record = await requireSong(store, songId);
	if (record.revision > revision) return null;
	const existing = await getComposedSong(store, songId, revision);
	if (existing) return existing;
	const take = await requireTake(store, record.takeId);
	const analysis = await getAnalysis(store, take);
	if (!analysis) throw new StudioError('analysis_not_ready', 409, 'The melody is not ready yet: wait for the analysis to finish.');
	const profileId = await takeProfileId(store, take);
	const warnings: SongWarning[] = [];
	let voice: 'reading' | 'vocalise' | null = null;
	try {
		voice = await usableVoiceKind(store, profileId);
	} catch (e) {
		if (!(e instanceof StudioError)) throw e;
		warnings.push(songWarning('no-vocal', { reason: e.message }));
	}
	// A revision made by edits takes its edited document; any other is composed from its request.
	const edit = await getJson<SongEdit>(store, songEditKey(songId, revision));
	let result: Pick<ReturnType<typeof composeSong>, 'song' | 'backing' | 'toneAgreement' | 'warnings'> & { fitMessage: string; fitReport?: LyricsFitReport };
	if (edit) {
		const song: Song = { ...edit.song, revision, voiceProfileId: voice ? profileId : null };
		result = { song, backing: arrange(song, { seed: record.request.seed }), fitMessage: edit.fitMessage, fitReport: edit.fitReport, toneAgreement: edit.toneAgreement, warnings: edit.warnings };
	} else {
		try {
			const made = composeSong({ songId, takeId: take.id, revision, voiceProfileId: voice ? profileId : null, request: record.request, analysis });
			result = { ...made, fitMessage: made.fit.message, fitReport: made.fit };
		} catch (e) {
			if (e instanceof LyricsError) throw new StudioError(e.code, LYRICS_STATUS[e.code] ?? 400, e.message);
			throw e;
		}
	}
	const { song, backing } = result;
	// Renders are keyed by the song as well as their content: its revisions share them, other songs
	// do not, so deleting the song deletes them outright (see deletion.ts).
	const backingId = sha256Hex('backing', '\0', BACKING_ENGINE, '\0', songId, '\0', JSON.stringify(backing));
	await recordEdge(store, 'song', songId, 'backing', backingId);
	if (!(await store.has(backingScoreKey(backingId)))) await putJson(store, backingScoreKey(backingId), backing);
	let vocalId: string | null = null;
	if (voice) {
		// A song's phrases run breath to breath (4 bars can take 10 s): longer than a hum's 8 s cut.
		const plan = await storeVocalPlan(store, { takeId: take.id, profileId, songId, voice, language: song.language, lyrics: song.lyrics, fitMessage: result.fitMessage, expression: songVocalExpression(song, record.request), notes: songVocalNotes(song) }, { maxSeconds: SONG_PHRASE_MAX_SECONDS });
		vocalId = plan.vocalId;
	}
	// The mix depends on the vocal, the backing, the balance and (for the MIDI export) the song's notes.
	const mixId = sha256Hex('mix', '\0', MIX_ENGINE, '\0', songId, '\0', vocalId ?? '-', '\0', backingId, '\0', JSON.stringify(song.mix), '\0', JSON.stringify([song.melody, song.chords, song.tempoBpm, song.key]));
	await recordEdge(store, 'song', songId, 'mix', mixId);
	// Deleting the voice deletes the mixes it was sung in.
	if (vocalId) await recordEdge(store, 'vocal', vocalId, 'mix', mixId);
	const composed: ComposedSong = {
		songId,
		revision,
		request: record.request,
		voice,
		...(result.fitReport ? { fitReport: result.fitReport } : {}),
		song,
		...(edit ? { edited: true } : {}),
		vocalId,
		backingId,
		mixId,
		composedAt: new Date().toISOString(),
		report: { fit: result.fitMessage, toneAgreement: result.toneAgreement, warnings: [...warnings, ...result.warnings] }
	};
	await putJson(store, songRevisionKey(songId, revision), composed);
	return composed;
}

/** How long a compose job waits for its take's analysis before giving up, ms. */
const ANALYSIS_WAIT_MS = 15 * 60_000;

/**
 * Waits until the take's analysis (melody and voice) is complete: a song may be asked for while it
 * runs. A failed analysis fails the song with its reason.
 */
export async function waitForAnalysis(progress: () => Promise<AnalysisProgress>, pollMs = 200, timeoutMs = ANALYSIS_WAIT_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const p = await progress();
		if (p.status === 'completed') return;
		if (p.status === 'failed') throw new StudioError(p.error?.code ?? 'analysis_failed', 422, `The take's analysis failed, so no song can be made from it: ${p.error?.message ?? 'unknown error'}`);
		if (Date.now() > deadline) throw new StudioError('analysis_timeout', 503, 'The take is still waiting to be analysed; try again when the workers are less busy.');
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}

export async function requireComposedSong(store: BlobStore, songId: string, revision: number): Promise<ComposedSong> {
	const composed = await getComposedSong(store, songId, revision);
	if (!composed) throw new StudioError('song_not_composed', 409, `Revision ${revision} of the song has not been composed yet.`);
	return composed;
}

/** How a backing's render went: its segments (bars), and how many were rendered rather than taken from storage. */
export interface BackingRenderReport {
	segmentIds: string[];
	/** Segments this render made (the others were reused from the song's earlier revisions). */
	renderedSegmentIds: string[];
}

/** The worker's Web Audio renderer: renderBackingOffline's call (worker/render-backing.ts). */
export type BackingRenderer = (score: BackingScore, options: Required<Pick<RenderBackingOptions, 'sampleRate' | 'tailSeconds' | 'startSeconds'>>) => Promise<Float32Array[]>;

/**
 * Renders the backing to its WAV (32-bit float stereo) unless it exists, bar by bar through
 * content-addressed segments (src/lib/audio/backing-segments.ts): the song's segments already
 * stored (an earlier revision's bars that the edit did not change) are reused, the missing ones
 * are rendered, a run of consecutive ones in one window, and the stem is spliced from them.
 * Segments are keyed by the song, as the backing is, and deleted with it.
 */
export async function renderBackingArtifact(store: BlobStore, composed: Pick<ComposedSong, 'songId' | 'backingId' | 'song'>, render: BackingRenderer): Promise<BackingRenderReport | null> {
	const { songId, backingId, song } = composed;
	const key = backingAudioKey(backingId);
	if (await store.has(key)) return getJson<BackingRenderReport>(store, backingSegmentsKey(backingId));
	const score = await getJson<BackingScore>(store, backingScoreKey(backingId));
	if (!score) throw new StudioError('backing_missing', 500, 'The backing score of this song is missing; compose it again.');
	const sampleRate = SONG_SAMPLE_RATE;
	const plan = planBackingSegments(score, { sampleRate, barSeconds: ticksToSeconds(ticksPerBar(song.timeSignature), song.tempoBpm) });
	const segmentIds = plan.segments.map((segment) => sha256Hex('backing-segment', '\0', BACKING_ENGINE, '\0', songId, '\0', segment.content));
	const parts: (Float32Array[] | null)[] = [];
	for (const [k, id] of segmentIds.entries()) {
		const bytes = await store.get(backingSegmentKey(id));
		parts.push(bytes ? decodeWav(bytes).channels : null);
		// Edges before children (derived-index.ts); an existing edge is written again harmlessly.
		if (!bytes) await recordEdge(store, 'song', songId, 'backing-segment', segmentIds[k]);
	}
	const missing = parts.flatMap((part, k) => (part ? [] : [k]));
	for (const [first, last] of consecutiveRuns(missing)) {
		const window = segmentWindow(score, plan, first, last);
		const channels = await render(window.score, { sampleRate, tailSeconds: window.tailSeconds, startSeconds: window.startSeconds });
		for (let k = first; k <= last; k++) {
			const part = cutSegment(channels, window.startFrame, plan.segments[k]);
			await store.put(backingSegmentKey(segmentIds[k]), encodeWav(part, sampleRate, { bitDepth: 32, float: true }));
			parts[k] = part;
		}
	}
	const report: BackingRenderReport = { segmentIds, renderedSegmentIds: missing.map((k) => segmentIds[k]) };
	await putJson(store, backingSegmentsKey(backingId), report);
	await store.put(key, encodeWav(spliceSegments(plan, parts as Float32Array[][]), sampleRate, { bitDepth: 32, float: true }));
	return report;
}

export interface MixReport {
	mixId: string;
	durationSeconds: number;
	master: MasterReport;
	/** The exports, measured again after encoding to their formats. */
	exports: Record<'wav24' | 'mp3', { integratedLufs: number; truePeakDbtp: number }>;
	stems: Record<'vocal' | 'backing', { integratedLufs: number; truePeakDbtp: number } | null>;
}

/**
 * Mixes a composed song: the sung vocal through the vocal chain, balanced against the backing
 * (reference loudness, then the song's faders), mastered to −14 LUFS integrated and ≤ −1 dBTP.
 * Writes the mix, the stems (pre-master, at the mix's balance), the MP3 and the MIDI file.
 */
export async function mixSongArtifacts(store: BlobStore, composed: ComposedSong, decode: (wav: Uint8Array) => Float32Array[]): Promise<MixReport> {
	const existing = await getJson<MixReport>(store, mixFileKey(composed.mixId, MIX_FILE.report));
	if (existing) return existing;
	const fs = SONG_SAMPLE_RATE;
	const backingBytes = await store.get(backingAudioKey(composed.backingId));
	if (!backingBytes) throw new StudioError('backing_missing', 500, 'The backing has not been rendered.');
	const backing = decode(backingBytes);
	let vocal: Float32Array = new Float32Array(0);
	if (composed.vocalId) {
		const plan = await requireVocalPlan(store, composed.vocalId);
		const bytes = await store.get(fullVocalKey(plan.vocalId));
		if (!bytes) throw new StudioError('vocal_missing', 500, 'The vocal has not been mixed from its phrases.');
		// The chain's compressor works at an absolute threshold: feed it the vocal at a track level.
		vocal = processVocal(stageToLoudness(decode(bytes)[0], fs, { targetLufs: VOCAL_CHAIN_INPUT_LUFS }).signal, fs);
	}
	const length = Math.max(vocal.length, backing[0].length);
	const padded = (x: Float32Array) => (x.length === length ? x : copyInto(new Float32Array(length), x));
	const vocalPadded = padded(vocal);
	const backingPadded = backing.map(padded);
	// Balance: each stem is first brought to a reference loudness (the vocal 2 LU above the backing,
	// a usual pop balance), then the user's faders move it from there.
	const loudness = (x: Float32Array[]) => measureLoudness(x, fs).integratedLufs;
	const vocalGainDb = composed.vocalId ? balanceGainDb(loudness([vocalPadded]), VOCAL_REFERENCE_LUFS, composed.song.mix.vocalGainDb) : 0;
	const backingGainDb = balanceGainDb(loudness(backingPadded), BACKING_REFERENCE_LUFS, composed.song.mix.backingGainDb);
	const mix = mixStems(vocalPadded, backingPadded, fs, { vocalGainDb, backingGainDb });
	const mastered = masterToLoudness(mix, fs, { targetLufs: -14, ceilingDbtp: -1 });
	// Stems at the mix's balance, before mastering, so they add up to what the master processed;
	// both lowered alike if either would peak above −1 dBTP.
	const silent = new Float32Array(length);
	let vocalStem: Float32Array[] = mixStems(vocalPadded, [silent], fs, { vocalGainDb, backingGainDb: 0 });
	let backingStem: Float32Array[] = mixStems(silent, backingPadded, fs, { vocalGainDb: 0, backingGainDb });
	const stemPeaksDbtp = { vocal: measureTruePeak(vocalStem, fs).truePeakDbtp, backing: measureTruePeak(backingStem, fs).truePeakDbtp };
	const stemPeakDbtp = Math.max(stemPeaksDbtp.vocal, stemPeaksDbtp.backing);
	// The true peak is a linear filter's output: a stem scaled by a gain peaks that many dB lower, so
	// the report takes it from the measurement above instead of oversampling both stems again.
	let stemGainDb = 0;
	if (stemPeakDbtp > -1) {
		stemGainDb = -1.05 - stemPeakDbtp;
		const gain = 10 ** (stemGainDb / 20);
		vocalStem = vocalStem.map((c) => scaled(c, gain));
		backingStem = backingStem.map((c) => scaled(c, gain));
	}
	const wav24 = encodeWav(mastered.channels, fs, { bitDepth: 24 });
	// MP3 encoding overshoots the peaks it is given by a few tenths of a dB, so its source is limited
	// to a lower ceiling (same loudness), lowered again if the decoded file still peaks above −1 dBTP.
	let mp3: Uint8Array = new Uint8Array(0);
	let mp3Channels: Float32Array[] = [];
	let mp3PeakDbtp = NaN;
	for (const ceilingDbtp of MP3_CEILINGS_DBTP) {
		mp3 = await encodeMp3(masterToLoudness(mix, fs, { targetLufs: -14, ceilingDbtp }).channels, fs, { kbps: 192 });
		mp3Channels = (await decodeAudio(mp3)).channels;
		mp3PeakDbtp = measureTruePeak(mp3Channels, fs).truePeakDbtp;
		if (mp3PeakDbtp <= -1) break;
	}
	const lufs = (channels: Float32Array[]) => measureLoudness(channels, fs).integratedLufs;
	const measure = (channels: Float32Array[]) => ({ integratedLufs: lufs(channels), truePeakDbtp: measureTruePeak(channels, fs).truePeakDbtp });
	const report: MixReport = {
		mixId: composed.mixId,
		durationSeconds: length / fs,
		master: mastered.report,
		exports: { wav24: measure(decode(wav24)), mp3: { integratedLufs: lufs(mp3Channels), truePeakDbtp: mp3PeakDbtp } },
		stems: {
			vocal: composed.vocalId ? { integratedLufs: lufs(vocalStem), truePeakDbtp: stemPeaksDbtp.vocal + stemGainDb } : null,
			backing: { integratedLufs: lufs(backingStem), truePeakDbtp: stemPeaksDbtp.backing + stemGainDb }
		}
	};
	await store.put(mixFileKey(composed.mixId, MIX_FILE.mix), encodeWav(mastered.channels, fs, { bitDepth: 32, float: true }));
	await store.put(mixFileKey(composed.mixId, MIX_FILE.vocalStem), encodeWav(vocalStem, fs, { bitDepth: 24 }));
	await store.put(mixFileKey(composed.mixId, MIX_FILE.backingStem), encodeWav(backingStem, fs, { bitDepth: 24 }));
	await store.put(mixFileKey(composed.mixId, MIX_FILE.mp3), mp3);
	await store.put(mixFileKey(composed.mixId, MIX_FILE.midi), songToMidi(composed.song, await getJson<BackingScore>(store, backingScoreKey(composed.backingId)) ?? undefined));
	await putJson(store, mixFileKey(composed.mixId, MIX_FILE.report), report);
	return report;
}

function copyInto(target: Float32Array, source: Float32Array): Float32Array {
	target.set(source.subarray(0, target.length));
	return target;
}

function scaled(x: Float32Array, gain: number): Float32Array {
	const y = new Float32Array(x.length);
	for (let i = 0; i < x.length; i++) y[i] = x[i] * gain;
	return y;
}
