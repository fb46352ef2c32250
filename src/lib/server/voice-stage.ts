/**
 * The voice-profile part of the analyze stage: from the take's reading span (after the hum) a
 * profile of the user's voice, else, when there is no reading or it cannot be aligned to the
 * prompt, a vocalise voice from the hum; either way with the vibrato habit of the hummed notes.
 * Stored as a content-addressed artifact.
 */
import { stageToPeak } from '../audio/gain-staging';
import type { MelodyAnalysis } from '../pitch';
import { READING_PROMPTS } from '../lyrics/prompts';
import type { TakeRecord } from '../take/types';
import { buildVoiceProfile } from '../voice/build-profile';
import { VOICE_PROFILE_VERSION, type VoiceProfile } from '../voice/profile';
import { parseVoiceProfile, serializeVoiceProfile, type VoiceProfileJson } from '../voice/profile-json';
import { AlignmentError } from '../voice/syllable-alignment';
import { buildVocaliseProfile } from '../voice/vocalise-profile';
import { vibratoHabit } from '../voice/vibrato-habit';
import { StudioError } from './errors';
import { recordEdge } from './derived-index';
import { currentVoiceSourceKey, profileKey, voiceDeletedKey } from './keys';
import { wasVoiceDeletedBeforePerTakeIds, wasVoiceDeletedUnderAnotherId } from './legacy-voice';
import { getJson, putJson, sha256Hex, type BlobStore } from './storage';
import { melodySpanSamples } from './analysis';
import { pcmIdOf } from './takes';
import type { VoiceBuildRequest } from './voice-build';

export const VOICE_ENGINE = `voice-profile@${VOICE_PROFILE_VERSION}`;
/** Shortest reading worth aligning, s. */
const MIN_READING_SECONDS = 5;

/**
 * The profile is keyed by the take itself as well as by what it was learned from, so two takes of
 * the same audio have two voices, and deleting one take's voice leaves the other's alone.
 */
export function profileIdOf(take: TakeRecord): string {
	const prompt = READING_PROMPTS[take.language].lines.join('\n');
	return sha256Hex('voice-profile', '\0', VOICE_ENGINE, '\0', take.id, '\0', pcmIdOf(take), '\0', String(take.humEndSeconds), '\0', take.language, '\0', prompt);
}

/**
 * The profile the take sings with: the voice learned from a recording its owner uploaded for it
 * (voice-source.ts), when one was learned, else the voice of the take's own reading.
 */
export async function takeProfileId(store: BlobStore, take: TakeRecord): Promise<string> {
	return (await getJson<{ profileId: string }>(store, currentVoiceSourceKey(take.id)))?.profileId ?? profileIdOf(take);
}

export async function isVoiceDeleted(store: BlobStore, profileId: string): Promise<boolean> {
	return store.has(voiceDeletedKey(profileId));
}

/** Learns a voice from a reading; the profile it returns has no hum information yet. */
export type ReadingProfileBuilder = (request: VoiceBuildRequest) => Promise<VoiceProfile>;

const buildHere: ReadingProfileBuilder = async ({ reading, sampleRate, language, lines }) => buildVoiceProfile(reading, sampleRate, language, lines);

/**
 * Builds (or finds) the take's profile; returns its id and kind. The take's audio is loaded only
 * when the profile must be built. `melody` may still be on its way: the reading is learned
 * meanwhile (by `buildReading`, e.g. in a worker thread), and the hum's range and vibrato habit
 * are put into the profile when the notes arrive.
 */
export async function ensureVoiceProfile(
	store: BlobStore,
	take: TakeRecord,
	loadPcm: () => Promise<Float32Array>,
	melody: Pick<MelodyAnalysis, 'notes'> | Promise<Pick<MelodyAnalysis, 'notes'>>,
	buildReading: ReadingProfileBuilder = buildHere
): Promise<{ profileId: string; kind: 'reading' | 'vocalise' | 'none' | 'deleted' }> {
	// A melody that fails early is reported where its notes are awaited (or not at all, when no
	// voice must be built), never as an unhandled rejection.
	if (melody instanceof Promise) melody.catch(() => {});
	const profileId = profileIdOf(take);
	const key = profileKey(profileId);
	if (await isVoiceDeleted(store, profileId)) return { profileId, kind: 'deleted' };
	if ((await wasVoiceDeletedBeforePerTakeIds(store, take, VOICE_ENGINE)) || (await wasVoiceDeletedUnderAnotherId(store, take))) {
		await recordEdge(store, 'take', take.id, 'profile', profileId);
		await putJson(store, voiceDeletedKey(profileId), { version: VOICE_PROFILE_VERSION, kind: 'deleted', reason: VOICE_DELETED_REASON } satisfies NoVoice);
		return { profileId, kind: 'deleted' };
	}
	const existing = await getJson<VoiceProfileJson | NoVoice>(store, key);
	if (existing) return { profileId, kind: existing.kind ?? 'reading' };
	await recordEdge(store, 'take', take.id, 'profile', profileId);
	const pcm = await loadPcm();
	const humEnd = melodySpanSamples(take);
	// Each span at the reference peak: the sung units keep the level they were learned at.
	const reading = stageToPeak(pcm.subarray(humEnd)).signal;
	const learning: Promise<VoiceProfile | null> =
		take.humEndSeconds !== null && reading.length >= MIN_READING_SECONDS * take.sampleRate
			? buildReading({ reading, sampleRate: take.sampleRate, language: take.language, lines: READING_PROMPTS[take.language].lines }).catch((e) => {
					if (e instanceof AlignmentError) return null;
					throw e;
				})
			: Promise.resolve(null);
	const [learned, { notes }] = await Promise.all([learning, melody]);
	const habit = vibratoHabit(notes);
	const vibrato = { rateHz: habit.rateHz, depthCents: habit.depthCents };
	const hummed = notes.map((n) => n.midiPitch);
	let profile: VoiceProfile | null = learned && { ...learned, rangeMidi: hummed.length ? { low: Math.min(...hummed), high: Math.max(...hummed) } : null, vibrato };
	if (!profile) {
		try {
			profile = { ...buildVocaliseProfile(stageToPeak(pcm.subarray(0, humEnd)).signal, take.sampleRate, take.language, notes), vibrato };
		} catch (e) {
			// The melody's analysis stands; singing this take will say why it cannot be done.
			const reason = `No voice could be learned from this take: the reading part is missing or silent, and ${(e as Error).message.replace(/^./, (c) => c.toLowerCase())} Record the reading part, or hum longer notes.`;
			await putJson(store, key, { version: VOICE_PROFILE_VERSION, kind: 'none', reason } satisfies NoVoice);
			return { profileId, kind: 'none' };
		}
	}
	await putJson(store, key, serializeVoiceProfile(profile));
	// The owner may have deleted the voice while it was being learned: the deletion wins.
	if (await isVoiceDeleted(store, profileId)) {
		await store.delete(key);
		return { profileId, kind: 'deleted' };
	}
	return { profileId, kind: profile.kind ?? 'reading' };
}

export const VOICE_DELETED_REASON = 'You deleted the voice learned from this take. Record a new take to sing in your voice again.';

/** Stored instead of a profile when none could be learned, or (under its own key) when its owner deleted it. */
export interface NoVoice {
	version: number;
	kind: 'none' | 'deleted';
	reason: string;
}

/**
 * The stored profile as JSON, its units left encoded, or null if none is stored yet. A take no
 * voice could be learned from, or whose voice was deleted, is refused with the reason.
 */
async function usableVoiceJson(store: BlobStore, profileId: string): Promise<VoiceProfileJson | null> {
	const deleted = await getJson<NoVoice>(store, voiceDeletedKey(profileId));
	if (deleted) throw new StudioError('voice_deleted', 410, deleted.reason);
	const json = await getJson<VoiceProfileJson | NoVoice>(store, profileKey(profileId));
	if (json?.kind === 'none') throw new StudioError('no_voice', 422, (json as NoVoice).reason);
	return json as VoiceProfileJson | null;
}

/** Where the take's usable voice was learned, without decoding its units (for the web request). */
export async function usableVoiceKind(store: BlobStore, profileId: string): Promise<'reading' | 'vocalise'> {
	// Known already (a profile never changes): only whether it is still there is asked again.
	const known = voiceKinds.get(profileId);
	if (known && !(await isVoiceDeleted(store, profileId)) && (await store.has(profileKey(profileId)))) return known;
	const json = await usableVoiceJson(store, profileId);
	if (!json) throw new StudioError('profile_not_ready', 409, 'Your voice profile is not ready yet: wait for the analysis to finish.');
	const kind = json.kind ?? 'reading';
	if (voiceKinds.size > 1000) voiceKinds.clear();
	voiceKinds.set(profileId, kind);
	return kind;
}
const voiceKinds = new Map<string, 'reading' | 'vocalise'>();

/**
 * Profiles parsed lately, by id, most recent last: a profile's id names exactly what it was learned
 * from, so its content never changes; a song's phrases and a person's edits sing with the same one
 * again and again, and reading and decoding it each time costs more than singing a short phrase.
 * Whether it was deleted is still asked of the store every time.
 */
const parsedProfiles = new Map<string, VoiceProfile>();
const PARSED_PROFILES_KEPT = 4;

export async function loadVoiceProfile(store: BlobStore, profileId: string): Promise<VoiceProfile> {
	const cached = parsedProfiles.get(profileId);
	if (cached && !(await isVoiceDeleted(store, profileId)) && (await store.has(profileKey(profileId)))) {
		parsedProfiles.delete(profileId);
		parsedProfiles.set(profileId, cached);
		return cached;
	}
	parsedProfiles.delete(profileId);
	const json = await usableVoiceJson(store, profileId);
	if (!json) throw new StudioError('profile_not_found', 404, 'The voice profile of this take is not ready: wait for the analysis to finish.');
	const profile = parseVoiceProfile(json);
	parsedProfiles.set(profileId, profile);
	while (parsedProfiles.size > PARSED_PROFILES_KEPT) parsedProfiles.delete(parsedProfiles.keys().next().value!);
	return profile;
}
