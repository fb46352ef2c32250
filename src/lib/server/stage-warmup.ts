/**
 * Warming a worker's stages up before the first take: V8 compiles a function for speed only after
 * it has run hot, so the first song after a start paid for that compilation on its way to the
 * first phrase (and, on a two-core machine, took CPU from the threads learning the voice). Each
 * sandbox runs its own stage once on made-up material at its start (processors/warmup.ts): the
 * composer on a made-up hum's notes in each language, the singer on the first phrase of each of
 * those songs with a voice learned from a made-up reading. Nothing is stored.
 */
import { composeSong } from '../compose/compose-song';
import type { NoteEvent } from '../pitch';
import { defaultSongRequest } from '../song/song-request';
import { LANGUAGES } from '../take/types';
import { buildVoiceProfile } from '../voice/build-profile';
import { placeSungPhrases } from '../voice/phrase-plan';
import { WARM_UP_LINES, warmUpReading } from '../voice/warm-up-reading';
import { singPlacedPhrase, VOCAL_SAMPLE_RATE } from './sing-stage';
import { SONG_PHRASE_MAX_SECONDS, songVocalExpression, songVocalNotes } from './song-stage';

/** A made-up hum: a C major tune of two four-bar phrases at 100 BPM (0.6 s a beat), MIDI pitches and beats. */
const HUM: ReadonlyArray<readonly [midi: number, beats: number]> = [
	[60, 1], [62, 1], [64, 1], [65, 1], [67, 2], [67, 2], [69, 1], [67, 1], [65, 1], [64, 1], [62, 4],
	[64, 1], [65, 1], [67, 1], [69, 1], [72, 2], [71, 2], [69, 1], [67, 1], [64, 1], [62, 1], [60, 4]
];

function humNotes(): NoteEvent[] {
	const beatSeconds = 0.6;
	const notes: NoteEvent[] = [];
	let at = 0.5;
	for (const [midiPitch, beats] of HUM) {
		notes.push({ onsetSeconds: at, offsetSeconds: at + beats * beatSeconds - 0.05, midiPitch, confidence: 0.9 });
		at += beats * beatSeconds;
	}
	return notes;
}

/** The made-up hum composed into a song in each language, as the compose stage composes one. */
function composeWarmUpSongs() {
	const analysis = { notes: humNotes(), key: null, tempo: null, motif: null, tuningCents: 0 };
	return LANGUAGES.map((language) => {
		const request = defaultSongRequest(language, 1);
		return { request, song: composeSong({ songId: 'warmup', takeId: 'warmup', revision: 1, voiceProfileId: null, request, analysis }).song };
	});
}

/** The compose sandbox's warm-up. */
export function warmComposer(): void {
	composeWarmUpSongs();
}

/** The sing sandbox's warm-up: a voice from the made-up reading sings each warm-up song's first phrase. */
export function warmSinger(): void {
	const profile = buildVoiceProfile(warmUpReading(VOCAL_SAMPLE_RATE), VOCAL_SAMPLE_RATE, 'en', WARM_UP_LINES);
	for (const { request, song } of composeWarmUpSongs()) {
		const [first] = placeSungPhrases(songVocalNotes(song), { maxSeconds: SONG_PHRASE_MAX_SECONDS });
		if (first) singPlacedPhrase(profile, first, songVocalExpression(song, request), 1);
	}
}
