/**
 * What a user asks of a song: its language, lyrics (or the starter lyric), arrangement style, how
 * the melody is made from the hum (kept or developed), which melody candidate, how much vibrato the
 * voice sings with, and the mix balance. Validated at the edge (the API body, the CLI flags, a job
 * payload) so every later stage can trust it; an edit is a partial request merged over the last.
 */
import { LANGUAGES, type Language } from '../take/types';
import { STYLE_NAMES, type MixSettings, type StyleName } from './types';

/**
 * How the melody comes from the hum: 'keep' sings the hummed tune itself as the verse (the chorus
 * develops it); 'develop' composes verse and chorus from its first phrase.
 */
export type MelodyMode = 'keep' | 'develop';
export const MELODY_MODES: readonly MelodyMode[] = ['keep', 'develop'];
/** A first song is the user's own tune. */
export const DEFAULT_MELODY_MODE: MelodyMode = 'keep';

export interface SongRequest {
	language: Language;
	/** null: sing the language's starter lyric. */
	lyrics: string | null;
	style: StyleName;
	melody: MelodyMode;
	seed: number;
	candidate: number;
	/**
	 * Vibrato amount, a scale on the singer's own habit (measured from their hum) and the style's:
	 * 0 sings straight, 1 as they do, 2 twice as deep. Absent in requests stored before it existed (1).
	 */
	vibrato?: number;
	/** How much the voice is shaped toward a singing balance: 0 keeps your reading's speech balance, 1 (default) sings, 2 brightest. */
	brightness?: number;
	mix: MixSettings;
}

export type SongRequestErrorCode = 'bad_song_request';

export class SongRequestError extends RangeError {
	readonly code: SongRequestErrorCode = 'bad_song_request';
	readonly httpStatus = 400;
	constructor(message: string) {
		super(message);
		this.name = 'SongRequestError';
	}
}

export const MAX_SONG_LYRICS_CHARACTERS = 2000;
export const MAX_CANDIDATE = 999;
export const VIBRATO_AMOUNT_RANGE = { min: 0, max: 2 } as const;
export const DEFAULT_VIBRATO_AMOUNT = 1;
export const BRIGHTNESS_RANGE = { min: 0, max: 2 } as const;
export const DEFAULT_BRIGHTNESS = 1;
/** Fader range, dB. */
export const MIX_GAIN_RANGE_DB = { min: -40, max: 12 } as const;
/** Faders at 0 dB: the mix stage's own balance (vocal 2 LU above the backing). */
export const DEFAULT_MIX: MixSettings = { vocalGainDb: 0, backingGainDb: 0 };

/** The style a language's song gets when none is asked for. */
export const DEFAULT_STYLE: Record<Language, StyleName> = { yue: 'cantopop-ballad', cmn: 'pop-ballad', en: 'upbeat-pop' };

const KNOWN_FIELDS = new Set(['language', 'lyrics', 'style', 'melody', 'seed', 'candidate', 'vibrato', 'brightness', 'mix']);

function fail(message: string): never {
	throw new SongRequestError(message);
}

function gain(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < MIX_GAIN_RANGE_DB.min || value > MIX_GAIN_RANGE_DB.max) {
		fail(`${name} must be a number of dB from ${MIX_GAIN_RANGE_DB.min} to ${MIX_GAIN_RANGE_DB.max}; got ${JSON.stringify(value)}.`);
	}
	return value;
}

/**
 * Merges a JSON body (or CLI options) over `base`; fields left out keep their value. `base` is the
 * song's last request, or for a new song the defaults for `fallbackLanguage` with `seed`.
 */
export function parseSongRequest(body: unknown, baseIn: SongRequest): SongRequest {
	// Requests stored before melody modes existed were developed melodies.
	const base: SongRequest = { ...baseIn, melody: baseIn.melody ?? 'develop' };
	if (!body || typeof body !== 'object' || Array.isArray(body)) fail('Send the song settings as a JSON object, e.g. {"lyrics": "…", "style": "lo-fi"}.');
	const input = body as Record<string, unknown>;
	const unknown = Object.keys(input).filter((k) => !KNOWN_FIELDS.has(k));
	if (unknown.length) fail(`Unknown song setting${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known: ${[...KNOWN_FIELDS].join(', ')}.`);
	const out: SongRequest = { ...base, mix: { ...base.mix } };
	if (input.language !== undefined) {
		if (!LANGUAGES.includes(input.language as Language)) fail(`language must be one of ${LANGUAGES.join(', ')}; got ${JSON.stringify(input.language)}.`);
		// A new language without new lyrics sings that language's starter lyric.
		if (input.language !== base.language && input.lyrics === undefined) out.lyrics = null;
		out.language = input.language as Language;
	}
	if (input.lyrics !== undefined) {
		if (input.lyrics !== null && typeof input.lyrics !== 'string') fail('lyrics must be text (or null for the starter lyric).');
		const text = typeof input.lyrics === 'string' ? input.lyrics.trim() : '';
		if (text.length > MAX_SONG_LYRICS_CHARACTERS) fail(`The lyrics are ${text.length} characters; a song takes up to ${MAX_SONG_LYRICS_CHARACTERS}.`);
		out.lyrics = text === '' ? null : text;
	}
	if (input.style !== undefined) {
		if (!STYLE_NAMES.includes(input.style as StyleName)) fail(`style must be one of ${STYLE_NAMES.join(', ')}; got ${JSON.stringify(input.style)}.`);
		out.style = input.style as StyleName;
	}
	if (input.melody !== undefined) {
		if (!MELODY_MODES.includes(input.melody as MelodyMode)) fail(`melody must be "keep" (sing your tune) or "develop" (compose from it); got ${JSON.stringify(input.melody)}.`);
		out.melody = input.melody as MelodyMode;
	}
	if (input.seed !== undefined) {
		if (!Number.isInteger(input.seed) || (input.seed as number) < 0 || (input.seed as number) > 0xffffffff) fail(`seed must be a whole number from 0 to ${0xffffffff}; got ${JSON.stringify(input.seed)}.`);
		out.seed = input.seed as number;
	}
	if (input.candidate !== undefined) {
		if (!Number.isInteger(input.candidate) || (input.candidate as number) < 0 || (input.candidate as number) > MAX_CANDIDATE) fail(`candidate must be a whole number from 0 to ${MAX_CANDIDATE}; got ${JSON.stringify(input.candidate)}.`);
		out.candidate = input.candidate as number;
	}
	if (input.vibrato !== undefined) {
		const v = input.vibrato;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < VIBRATO_AMOUNT_RANGE.min || v > VIBRATO_AMOUNT_RANGE.max) {
			fail(`vibrato must be a number from ${VIBRATO_AMOUNT_RANGE.min} (sung straight) through 1 (your own vibrato) to ${VIBRATO_AMOUNT_RANGE.max} (twice as deep); got ${JSON.stringify(v)}.`);
		}
		out.vibrato = v;
	}
	if (input.brightness !== undefined) {
		const b = input.brightness;
		if (typeof b !== 'number' || !Number.isFinite(b) || b < BRIGHTNESS_RANGE.min || b > BRIGHTNESS_RANGE.max) {
			fail(`brightness must be a number from ${BRIGHTNESS_RANGE.min} (your speaking voice's balance) through 1 (a singing balance) to ${BRIGHTNESS_RANGE.max} (brightest); got ${JSON.stringify(b)}.`);
		}
		out.brightness = b;
	}
	if (input.mix !== undefined) {
		if (!input.mix || typeof input.mix !== 'object') fail('mix must be an object like {"vocalGainDb": 0, "backingGainDb": -3}.');
		const mix = input.mix as Record<string, unknown>;
		if (mix.vocalGainDb !== undefined) out.mix.vocalGainDb = gain(mix.vocalGainDb, 'mix.vocalGainDb');
		if (mix.backingGainDb !== undefined) out.mix.backingGainDb = gain(mix.backingGainDb, 'mix.backingGainDb');
	}
	return out;
}

/** A new song's defaults: the take's language, its default style, the starter lyric, the hummed tune kept, candidate 0, the singer's own vibrato. */
export function defaultSongRequest(language: Language, seed: number): SongRequest {
	return { language, lyrics: null, style: DEFAULT_STYLE[language], melody: DEFAULT_MELODY_MODE, seed, candidate: 0, vibrato: DEFAULT_VIBRATO_AMOUNT, brightness: DEFAULT_BRIGHTNESS, mix: { ...DEFAULT_MIX } };
}
