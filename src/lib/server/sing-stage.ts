/**
 * The sing stage. The web request plans a vocal (lyrics → syllables → fitted to the take's notes →
 * phrases) and stores the plan; a BullMQ flow then renders each phrase as its own job and
 * content-addressed WAV (so the first phrase plays while the others render, and an unchanged
 * phrase is never rendered twice), and the flow's parent mixes them into the full vocal.
 */
import { encodeWav } from '../audio/wav';
import { fitLyricsToNotes, type FittedNote } from '../lyrics/fit-lyrics';
import { readLyrics } from '../lyrics/read-lyrics';
import { LyricsError } from '../lyrics/types';
import type { Language, TakeRecord } from '../take/types';
import type { PhraseOptions } from '../voice/phrases';
import { placeSungPhrases } from '../voice/phrase-plan';
import { joinPhrases, type PlacedPhrase } from '../voice/join-phrases';
import type { VoiceProfile } from '../voice/profile';
import { singPhrase, type SungPhrase } from '../voice/sing';
import { getAnalysis } from './analysis';
import { StudioError } from './errors';
import { recordEdge } from './derived-index';
import { fullVocalKey, phraseAudioKey, vocalPlanKey } from './keys';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import { loadVoiceProfile, takeProfileId, usableVoiceKind, VOICE_ENGINE } from './voice-stage';

export const SING_ENGINE = `sing@2+${VOICE_ENGINE}`;
export const VOCAL_SAMPLE_RATE = 44100;
/** Longest lyrics accepted, characters. */
export const MAX_LYRICS_CHARACTERS = 2000;

export interface PlannedPhrase {
	index: number;
	/** Content hash of what the phrase render depends on. */
	id: string;
	text: string;
	startSeconds: number;
	endSeconds: number;
	/** Where the phrase's audio starts (its first consonants, and any breath, come before its first note), s. */
	renderStartSeconds: number;
	/** Room for one of the user's breaths before it (the song's first phrase, or after a rest), or null. */
	breath?: { roomSeconds: number; choice: number } | null;
	notes: FittedNote[];
}

/** What shapes the singing besides the notes: the vibrato scale (style × the user's control; 1 = their habit) and the singing balance (brightness, 1 = default). */
export interface VocalExpression {
	vibratoScale: number;
	/** Absent in plans stored before it existed: the default balance. */
	brightness?: number;
}

export interface VocalPlan {
	vocalId: string;
	takeId: string;
	profileId: string;
	/**
	 * The song this vocal is part of, or null for lyrics sung straight on the take. It scopes the
	 * phrase and vocal ids, so a song's renders are its own (its revisions share them; no other song
	 * does) and deleting the song deletes them without asking who else uses them.
	 */
	songId: string | null;
	/** Where the voice was learned: the reading, or (no usable reading) the hum. */
	voice: 'reading' | 'vocalise';
	language: Language;
	lyrics: string;
	/** How the syllables were fitted to the notes, for the user. */
	fitMessage: string;
	/** Absent in plans stored before it existed: the singer's own vibrato. */
	expression?: VocalExpression;
	phrases: PlannedPhrase[];
}

const LYRICS_STATUS: Record<string, number> = {
	unsupported_language: 400,
	unknown_characters: 400,
	invalid_reading: 400,
	empty_lyrics: 400,
	too_many_syllables: 422,
	no_melody: 422
};

/** Plans the vocal of `lyrics` on the take's melody and stores the plan (web side: cheap, no audio). */
export async function planVocal(store: BlobStore, take: TakeRecord, lyrics: unknown, language: Language = take.language): Promise<VocalPlan> {
	if (typeof lyrics !== 'string' || lyrics.trim() === '') throw new StudioError('empty_lyrics', 400, 'Type the lyrics to sing.');
	if (lyrics.length > MAX_LYRICS_CHARACTERS) throw new StudioError('lyrics_too_long', 413, `The lyrics are ${lyrics.length} characters; the studio sings up to ${MAX_LYRICS_CHARACTERS} at a time.`);
	const analysis = await getAnalysis(store, take);
	if (!analysis) throw new StudioError('analysis_not_ready', 409, 'The melody is not ready yet: wait for the analysis to finish.');
	const profileId = await takeProfileId(store, take);
	// Refuses now, with the reason, a take no voice could be learned from (or whose voice was deleted).
	const voice = await usableVoiceKind(store, profileId);
	let fitted;
	try {
		fitted = fitLyricsToNotes(readLyrics(lyrics, language), analysis.notes.map((n) => ({ onsetSeconds: n.onsetSeconds, offsetSeconds: n.offsetSeconds, midiPitch: n.midiPitch })));
	} catch (e) {
		if (e instanceof LyricsError) throw new StudioError(e.code, LYRICS_STATUS[e.code] ?? 400, e.message);
		throw e;
	}
	return storeVocalPlan(store, { takeId: take.id, profileId, songId: null, voice, language, lyrics, fitMessage: fitted.message, notes: fitted.notes });
}

/**
 * Cuts fitted notes into phrases, content-addresses each (engine, voice, notes) and stores the plan;
 * the song stage calls this with the composed melody's notes.
 */
export async function storeVocalPlan(
	store: BlobStore,
	parts: Omit<VocalPlan, 'vocalId' | 'phrases'> & { notes: FittedNote[] },
	phraseOptions: PhraseOptions = {}
): Promise<VocalPlan> {
	const { notes, ...rest } = parts;
	const phrases: PlannedPhrase[] = placeSungPhrases(notes, phraseOptions).map((p) => {
		// The id covers all the render depends on: notes, breath room, vibrato, voice tone.
		const rendering = JSON.stringify({ notes: p.notes, breath: p.breath, expression: rest.expression ?? null });
		return { ...p, id: sha256Hex('vocal-phrase', '\0', SING_ENGINE, '\0', rest.profileId, '\0', rest.songId ?? '-', '\0', rendering) };
	});
	const vocalId = sha256Hex('vocal', '\0', SING_ENGINE, '\0', rest.profileId, '\0', rest.songId ?? '-', '\0', ...phrases.map((p) => p.id));
	const plan: VocalPlan = { vocalId, ...rest, phrases };
	// Each edge is its own file: concurrent requests never lose each other's vocals.
	await recordEdge(store, 'profile', rest.profileId, 'vocal', vocalId);
	if (rest.songId) await recordEdge(store, 'song', rest.songId, 'vocal', vocalId);
	await putJson(store, vocalPlanKey(vocalId), plan);
	return plan;
}

/** The answer for a vocal that does not exist, and for one the asker may not hear (the same, so they learn nothing). */
export function vocalNotFound(vocalId: string): StudioError {
	return new StudioError('vocal_not_found', 404, `No vocal with id ${JSON.stringify(vocalId)}; sing the lyrics again.`);
}

export async function requireVocalPlan(store: BlobStore, vocalId: string): Promise<VocalPlan> {
	const plan = /^[0-9a-f]{64}$/.test(vocalId) ? await getJson<VocalPlan>(store, vocalPlanKey(vocalId)) : null;
	if (!plan) throw vocalNotFound(vocalId);
	return plan;
}

/** Renders one phrase to its WAV artifact (worker side); idempotent. */
export async function renderPlannedPhrase(store: BlobStore, plan: VocalPlan, index: number): Promise<string> {
	const phrase = plan.phrases[index];
	if (!phrase) throw new StudioError('bad_job', 400, `Vocal ${plan.vocalId} has no phrase ${index}.`);
	const key = phraseAudioKey(phrase.id);
	if (await store.has(key)) return phrase.id;
	const profile = await loadVoiceProfile(store, plan.profileId);
	// Seeded by the phrase's content (its id), so a phrase renders the same wherever it occurs.
	const sung = singPlacedPhrase(profile, phrase, plan.expression, parseInt(phrase.id.slice(0, 8), 16));
	await store.put(key, encodeWav(sung.pcm, VOCAL_SAMPLE_RATE));
	return phrase.id;
}

/** A placed phrase sung as the vocal's renders are: at VOCAL_SAMPLE_RATE, with its breath and the vocal's expression. */
export function singPlacedPhrase(profile: VoiceProfile, phrase: Pick<PlannedPhrase, 'notes' | 'breath'>, expression: VocalPlan['expression'], seed: number): SungPhrase {
	return singPhrase(profile, phrase.notes, { fs: VOCAL_SAMPLE_RATE, breath: phrase.breath ?? undefined, vibratoScale: expression?.vibratoScale, brightness: expression?.brightness, seed });
}

/** Mixes the rendered phrases at their places into the full vocal (the flow's parent); idempotent. */
export async function mixPlannedVocal(store: BlobStore, plan: VocalPlan, decode: (wav: Uint8Array) => Float32Array): Promise<void> {
	const key = fullVocalKey(plan.vocalId);
	if (await store.has(key)) return;
	const parts: PlacedPhrase[] = [];
	for (const phrase of plan.phrases) {
		const bytes = await store.get(phraseAudioKey(phrase.id));
		if (!bytes) throw new StudioError('phrase_missing', 500, `Phrase ${phrase.index + 1} of the vocal has not been rendered.`);
		parts.push({ atSample: Math.round(phrase.renderStartSeconds * VOCAL_SAMPLE_RATE), pcm: decode(bytes) });
	}
	const mix = joinPhrases(parts);
	await store.put(key, encodeWav(mix, VOCAL_SAMPLE_RATE));
}

/** Which of the vocal's artifacts exist. */
export async function vocalStatus(store: BlobStore, plan: VocalPlan): Promise<{ phrasesReady: boolean[]; fullReady: boolean }> {
	const phrasesReady = await Promise.all(plan.phrases.map((p) => store.has(phraseAudioKey(p.id))));
	return { phrasesReady, fullReady: await store.has(fullVocalKey(plan.vocalId)) };
}
