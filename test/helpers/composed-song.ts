/**
 * A real composed song for unit tests: the composer run on a twelve-note hum (D major shape,
 * moved to `tonicPitchClass`) at 100 BPM, with the default request for the language and seed, its
 * melody kept (a verse and one long chorus phrase) or developed (two- and four-bar phrases).
 */
import { composeSong } from '../../src/lib/compose/compose-song';
import type { NoteEvent } from '../../src/lib/pitch/types';
import { defaultSongRequest, type MelodyMode } from '../../src/lib/song/song-request';
import type { Song } from '../../src/lib/song/types';
import type { Language } from '../../src/lib/take/types';

export function composedSong(language: Language, options: { seed?: number; tonicPitchClass?: number; mode?: 'major' | 'minor'; melody?: MelodyMode } = {}): Song {
	const { seed = 3, tonicPitchClass = 2, mode = 'major', melody } = options;
	const pitches = [62, 64, 66, 62, 62, 64, 66, 62, 66, 67, 69, 69].map((p) => p + tonicPitchClass - 2);
	const notes: NoteEvent[] = pitches.map((midiPitch, i) => ({ onsetSeconds: i * 0.6, offsetSeconds: i * 0.6 + 0.5, midiPitch, confidence: 0.9 }));
	return composeSong({
		songId: 'song0000000000000001',
		takeId: 'take00000001',
		revision: 1,
		voiceProfileId: null,
		request: melody ? { ...defaultSongRequest(language, seed), melody } : defaultSongRequest(language, seed),
		analysis: {
			notes,
			key: { tonic: 'D', tonicPitchClass, mode, name: "the hum's key", confidence: 0.9 },
			tempo: { bpm: 100, confidence: 0.8, beatTimesSeconds: [] },
			motif: { startIndex: 0, endIndex: 3, occurrences: [0, 4], reason: 'repeated' },
			tuningCents: 0
		}
	}).song;
}
