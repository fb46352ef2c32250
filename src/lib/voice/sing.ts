/**
 * Singing a phrase in the profile's voice: each syllable's units are laid out on the score (the
 * onset consonants before the note so the vowel starts on it, the vowel stretched to the note's
 * length, the coda at its end), the envelopes are smoothed across joins in the mel-cepstral domain
 * and levelled, the melody becomes the f0 (melody-f0.ts), and the vocoder renders the frames;
 * voiceless onset consonants are then sung as recorded (onset-splice.ts), in place of their frames.
 * Melismas are notes without a syllable: they extend the previous syllable's vowel; rests are gaps
 * between notes. Tones (Cantonese, Mandarin) are carried by the melody, not by the spoken pitch.
 * Notes after a rest swell in and notes before one decay (phrase-dynamics.ts); a phrase given room
 * before it starts with one of the user's own breaths (phrase-breath.ts).
 */
import { samplePeak } from '../audio/gain-staging';
import type { LyricSyllable } from '../lyrics/types';
import type { NoteExpression } from '../song/note-expression';
import { synthesize } from '../vocoder/synthesis';
import { melodyF0, type MelodyExpression } from './melody-f0';
import { addBreath, voicedLevelDb } from './phrase-breath';
import { attackReleaseGains, noteDynamicsGains } from './phrase-dynamics';
import type { VoiceProfile } from './profile';
import { limitConsonantPeaks } from './consonant-limiter';
import { spliceRecordedOnsets, type LaidOnset } from './onset-splice';
import { shapeSungTimbre } from './sung-timbre';
import type { UnitMatch } from './unit-selection';
import { capConsonantsToVowels, layoutUnits, type SyllablePlacement, type SyllableSpan, type UnitTimeline } from './unit-timeline';

export interface SungNote {
	onsetSeconds: number;
	durationSeconds: number;
	/** MIDI pitch (fractional for cents). */
	midiPitch: number;
	/** The syllable sung from this note on; null continues the previous syllable (melisma). */
	syllable: LyricSyllable | null;
	/** This note's own vibrato, transition and dynamics, set by hand; absent fields are automatic. */
	expression?: NoteExpression;
}

export interface SingOptions extends MelodyExpression {
	/** Output rate, Hz (default 44 100). */
	fs?: number;
	/** Noise seed (default 1). */
	seed?: number;
	/**
	 * Start with one of the user's breaths: `roomSeconds` more before the pre-roll (the render starts
	 * that much earlier; the plan keeps it clear of the previous phrase), `choice` picks which breath.
	 */
	breath?: { roomSeconds: number; choice: number };
	/** Singing balance of the voice (sung-timbre.ts): 0 keeps the reading's speech balance, 1 (default) sings brighter, up to 2. */
	brightness?: number;
}

export interface SungPhrase {
	pcm: Float32Array;
	sampleRate: number;
	/** Time of the first sample relative to the score, s (negative: the first consonant starts before the first note). */
	startSeconds: number;
	/** How each syllable's units were found. */
	matches: UnitMatch[];
	/** Where each sung syllable's onset consonants, vowel and coda lie, s (score time). */
	syllables: SyllableSpan[];
}

/** Highest sample a sung phrase reaches (−0.2 dBFS). */
const MAX_PHRASE_PEAK = 0.98;

/** Time before the first note where a phrase render starts (room for its first consonants), s. */
export const PRE_ROLL_SECONDS = 0.25;

export function singPhrase(profile: VoiceProfile, notes: SungNote[], options: SingOptions = {}): SungPhrase {
	if (notes.length === 0) throw new RangeError('A phrase needs at least one note.');
	if (notes[0].syllable === null) throw new RangeError('The first note of a phrase needs a syllable (null marks a melisma: the previous syllable goes on).');
	for (const n of notes) {
		if (!(n.durationSeconds > 0) || !Number.isFinite(n.onsetSeconds) || !Number.isFinite(n.midiPitch)) {
			throw new RangeError(`Each note needs a finite onset, a positive duration and a MIDI pitch; got ${JSON.stringify({ onset: n.onsetSeconds, duration: n.durationSeconds, midi: n.midiPitch })}.`);
		}
	}
	const start = notes[0].onsetSeconds - PRE_ROLL_SECONDS;
	const end = Math.max(...notes.map((n) => n.onsetSeconds + n.durationSeconds)) + 0.1;
	// Syllable groups: a syllable's note and the melisma notes after it.
	const placements: SyllablePlacement[] = [];
	notes.forEach((n) => {
		if (n.syllable) placements.push({ syllable: n.syllable, vowelStartSeconds: n.onsetSeconds, endSeconds: n.onsetSeconds + n.durationSeconds });
		else placements[placements.length - 1].endSeconds = n.onsetSeconds + n.durationSeconds;
	});
	const timeline = layoutUnits(profile, placements, start, end);
	const { params, voiced } = timeline;
	const f0 = melodyF0(notes, start, profile.framePeriodSeconds, params.f0Hz.length, { vibratoRateHz: profile.vibrato.rateHz, vibratoDepthCents: profile.vibrato.depthCents, ...options });
	for (let t = 0; t < f0.length; t++) params.f0Hz[t] = voiced[t] ? f0[t] : 0;
	// The singing balance first (it keeps the phrase's level), then attacks and releases: an amplitude gain on the voiced frames' power spectra.
	const shaped = shapeSungTimbre(params, profile.speakingF0Hz, { brightness: options.brightness, roles: timeline.roles });
	capConsonantsToVowels(shaped.sp, timeline.roles);
	const gains = attackReleaseGains(notes, start, profile.framePeriodSeconds, voiced);
	const dynamics = noteDynamicsGains(notes, start, profile.framePeriodSeconds, gains.length);
	for (let t = 0; t < gains.length; t++) gains[t] *= dynamics[t];
	const bins = shaped.sp.fftSize / 2 + 1;
	for (let t = 0; t < gains.length; t++) if (gains[t] !== 1) for (let b = 0; b < bins; b++) shaped.sp.data[t * bins + b] *= gains[t] * gains[t];
	const fs = options.fs ?? 44100;
	const sung = synthesize(shaped, { fs, seed: options.seed ?? 1 });
	// Voiceless onsets as recorded, in place of their vocoded frames.
	spliceRecordedOnsets(sung, fs, profile.framePeriodSeconds, laidOnsets(timeline, start));
	// No consonant far above its vowel in the finished sound.
	const sampleOf = (seconds: number) => Math.round((seconds - start) * fs);
	limitConsonantPeaks(
		sung,
		fs,
		timeline.spans.map((s) => ({ onsetStart: sampleOf(s.onsetStartSeconds), vowelStart: sampleOf(s.vowelStartSeconds), codaStart: sampleOf(s.codaStartSeconds), end: sampleOf(s.endSeconds) }))
	);
	// A bright tone on a loud voice could reach full scale: the phrase is lowered rather than clipped.
	const peak = samplePeak(sung);
	if (peak > MAX_PHRASE_PEAK) for (let i = 0; i < sung.length; i++) sung[i] *= MAX_PHRASE_PEAK / peak;
	if (!options.breath) return { pcm: sung, sampleRate: fs, startSeconds: start, matches: timeline.matches, syllables: timeline.spans };
	// The breath room is silence until a breath goes in: prepended, not synthesized.
	const lead = Math.round(Math.max(0, options.breath.roomSeconds) * fs);
	const pcm = new Float32Array(lead + sung.length);
	pcm.set(sung, lead);
	if (profile.breaths?.length) addBreath(pcm, fs, voicedLevelDb(sung, fs, voiced, profile.framePeriodSeconds), profile.breaths, options.breath.choice);
	return { pcm, sampleRate: fs, startSeconds: start - lead / fs, matches: timeline.matches, syllables: timeline.spans };
}

/** Each laid-out syllable's onset unit, where its onset and vowel start (frames from `startSeconds`, the render's start), and its vowel's frames before the coda. */
function laidOnsets(timeline: UnitTimeline, startSeconds: number): LaidOnset[] {
	const fp = timeline.params.framePeriodSeconds;
	const frameOf = (seconds: number) => Math.round((seconds - startSeconds) / fp);
	return timeline.spans.map((span, k) => ({
		unit: timeline.onsetUnits[k],
		onsetStartFrame: frameOf(span.onsetStartSeconds),
		vowelStartFrame: frameOf(span.vowelStartSeconds),
		// The vowel before its coda or glide, as the reading's vowel is taken (nucleus to coda).
		vowelFrames: [frameOf(span.vowelStartSeconds), frameOf(span.codaStartSeconds)]
	}));
}
