/**
 * A voice from any recording of the user's speech and the text of what they said (besides the
 * take's guided reading): the text's lines are the prompt the recording is aligned to, the
 * recording is gain-staged as the take's reading is (voice-stage.ts), and the result says which
 * syllables it covers. The studio's voice-source job and the CLI's `voice` command both call this.
 */
import { stageToPeak } from '../audio/gain-staging';
import { readLyrics } from '../lyrics/read-lyrics';
import type { Language } from '../take/types';
import { buildVoiceProfile, type BuildProfileOptions } from './build-profile';
import type { VoiceProfile } from './profile';
import { speechFeatures } from './speech-features';
import { AlignmentError } from './syllable-alignment';
import { voiceCoverage, type VoiceCoverage } from './voice-coverage';

export { MAX_VOICE_RECORDING_SECONDS, MAX_VOICE_TEXT_CHARACTERS, MIN_VOICE_RECORDING_SECONDS } from './recording-limits';

/**
 * Syllables per second of speech (pauses left out) a text may ask of its recording: read speech
 * runs at about 3–7 syllables a second in all three languages; well outside that, the text is not
 * what was said (the aligner alone would squeeze or stretch any text onto any speech).
 */
export const SYLLABLE_RATE_LIMITS = { min: 1.2, max: 9 };

/** The text's non-empty lines (each read as a line of the prompt). */
export function voiceTextLines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * Learns the voice in `pcm` (mono, `sampleRate` Hz) from `text`, and measures its coverage of
 * `lyric` (the song lyric the user will likely sing first, in its own language: a take's songs are
 * sung in the take's language, whatever the recording's). Throws the aligner's AlignmentError
 * when the text does not match the recording, and a LyricsError when the text cannot be read.
 */
export function learnVoiceFromText(
	pcm: Float32Array,
	sampleRate: number,
	language: Language,
	text: string,
	lyric: { text: string; language: Language },
	options: BuildProfileOptions = {}
): { profile: VoiceProfile; coverage: VoiceCoverage } {
	const lines = voiceTextLines(text);
	const textSyllables = lines.flatMap((line) => readLyrics(line, language));
	checkSyllableRate(pcm, sampleRate, textSyllables.length);
	// The same staging as the take's reading: the sung units keep the level they were learned at.
	const reading = stageToPeak(pcm).signal;
	const profile = buildVoiceProfile(reading, sampleRate, language, lines, options);
	const coverage = voiceCoverage(profile, textSyllables, readLyrics(lyric.text, lyric.language));
	return { profile, coverage };
}

/** Seconds of speech in `pcm`: frames louder than the background by the aligner's silence margin (12 dB). */
export function speechSeconds(pcm: Float32Array, sampleRate: number): number {
	const { energyDb, hopSeconds } = speechFeatures(pcm, sampleRate);
	const floorDb = Float64Array.from(energyDb).sort()[Math.floor(0.05 * energyDb.length)];
	let frames = 0;
	for (const e of energyDb) if (e >= floorDb + 12) frames++;
	return frames * hopSeconds;
}

function checkSyllableRate(pcm: Float32Array, sampleRate: number, syllables: number): void {
	if (syllables === 0) throw new AlignmentError('The text has no syllables: type what you said in the recording.');
	const seconds = speechSeconds(pcm, sampleRate);
	const rate = syllables / Math.max(seconds, 1e-3);
	if (rate > SYLLABLE_RATE_LIMITS.max) {
		throw new AlignmentError(`The text has ${syllables} syllables, but the recording holds only ${seconds.toFixed(1)} s of speech: type only what you said in this recording.`);
	}
	if (rate < SYLLABLE_RATE_LIMITS.min) {
		throw new AlignmentError(`The recording holds ${seconds.toFixed(1)} s of speech, but the text has only ${syllables} syllables: type everything you said in this recording.`);
	}
}
