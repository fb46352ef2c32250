/** Limits of a recording a voice is learned from (learn-voice.ts), shared with the page that uploads it. */

/** Shortest and longest recording, s. */
export const MIN_VOICE_RECORDING_SECONDS = 5;
export const MAX_VOICE_RECORDING_SECONDS = 120;
/** Longest text of a recording, characters. */
export const MAX_VOICE_TEXT_CHARACTERS = 2000;
