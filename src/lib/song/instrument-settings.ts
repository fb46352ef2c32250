/**
 * The backing's instruments as the user set them: mute, solo and level, song-wide and per section.
 * A section's settings add to the song's: levels add (dB), a mute in either mutes, and solo is
 * decided per section (when any instrument is soloed there, song-wide or in the section, only the
 * soloed ones sound in it). The arranger turns the result into each track's gain (arrangement.ts).
 */
import { BACKING_INSTRUMENTS, type BackingInstrument } from './backing-types';
import type { InstrumentSetting, InstrumentSettings, Song, SongSection } from './types';

/** Levels a user may set, dB against the style's own balance, on a half-dB grid. */
export const INSTRUMENT_LEVEL_RANGE_DB = { min: -24, max: 12, step: 0.5 } as const;

/** The settings with every default left out (not muted, not soloed, 0 dB), and undefined when nothing is left. */
export function normalizedSettings(settings: InstrumentSettings | undefined): InstrumentSettings | undefined {
	const out: InstrumentSettings = {};
	for (const instrument of BACKING_INSTRUMENTS) {
		const s = settings?.[instrument];
		if (!s) continue;
		const kept: InstrumentSetting = {};
		if (s.muted) kept.muted = true;
		if (s.solo) kept.solo = true;
		if (s.levelDb !== undefined && s.levelDb !== 0) kept.levelDb = s.levelDb;
		if (Object.keys(kept).length > 0) out[instrument] = kept;
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

/** What is wrong with settings from outside (a request), or null when they are valid. */
export function instrumentSettingsProblem(value: unknown): string | null {
	if (value === undefined) return null;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'are not instrument settings';
	for (const [name, raw] of Object.entries(value)) {
		if (!BACKING_INSTRUMENTS.includes(name as BackingInstrument)) return `name an instrument the backing does not have (“${name}”)`;
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `have no settings for the ${name}`;
		for (const [field, v] of Object.entries(raw as Record<string, unknown>)) {
			if (field === 'muted' || field === 'solo') {
				if (typeof v !== 'boolean') return `say neither yes nor no for the ${name}'s ${field}`;
			} else if (field === 'levelDb') {
				const { min, max, step } = INSTRUMENT_LEVEL_RANGE_DB;
				if (typeof v !== 'number' || !(v >= min && v <= max) || !Number.isInteger(v / step)) return `set the ${name}'s level outside ${min} to ${max} dB in ${step} dB steps`;
			} else return `have a setting the ${name} does not take (“${field}”)`;
		}
	}
	return null;
}

/**
 * Each instrument's gain in one section against the style's own, dB; -Infinity where it is silent
 * (muted, or another instrument is soloed).
 */
export function sectionInstrumentGainsDb(song: Pick<Song, 'instruments'>, section: Pick<SongSection, 'instruments'>): Record<BackingInstrument, number> {
	const songWide = song.instruments ?? {};
	const own = section.instruments ?? {};
	const soloed = BACKING_INSTRUMENTS.filter((i) => songWide[i]?.solo || own[i]?.solo);
	const gains = {} as Record<BackingInstrument, number>;
	for (const instrument of BACKING_INSTRUMENTS) {
		const a = songWide[instrument] ?? {};
		const b = own[instrument] ?? {};
		const silent = a.muted || b.muted || (soloed.length > 0 && !soloed.includes(instrument));
		gains[instrument] = silent ? -Infinity : (a.levelDb ?? 0) + (b.levelDb ?? 0);
	}
	return gains;
}
