/**
 * A melody imported into a song through the whole stack (built server, real worker and Redis):
 * a MIDI file written by another tool (@tonejs/midi) posted to /api/songs/:id/import becomes the
 * next revision, which is sung with the song's syllables on the file's notes (pitch and timing at
 * the song's tempo) and mixed; a MusicXML lead sheet with lyrics brings its words, chords, key and
 * tempo; the song's own MusicXML export reads back to the revision it came from; broken, foreign,
 * oversized and stale uploads are refused with their reason.
 */
import { spawnSync } from 'node:child_process';
import ToneMidi from '@tonejs/midi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { musicXmlToSong } from '../../src/lib/song/musicxml/read-musicxml';
import { PPQ, type Song } from '../../src/lib/song/types';
import { HAS_ESPEAK } from '../helpers/espeak';
import { ownerHeaders } from '../helpers/owner';
import { follow, mixed } from '../helpers/song-events';
import { mixedEnglishSong } from '../helpers/mixed-song';
import { startStack, type Stack } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;
const { Midi } = ToneMidi;

/** [start beat, length in beats, MIDI pitch]: two phrases, a beat's rest between them. */
const TUNE: Array<[number, number, number]> = [
	[0, 1, 62], [1, 1, 64], [2, 0.5, 66], [2.5, 0.5, 67], [3, 1, 69],
	[5, 1.5, 67], [6.5, 0.5, 66], [7, 2, 64], [9, 1, 62], [10, 2, 57]
];

function tuneMidi(): Uint8Array {
	const midi = new Midi();
	midi.header.setTempo(75);
	const melody = midi.addTrack();
	melody.name = 'Melody';
	for (const [start, length, pitch] of TUNE) melody.addNote({ midi: pitch, ticks: start * midi.header.ppq, durationTicks: length * midi.header.ppq, velocity: 0.8 });
	return midi.toArray();
}

/** A lead sheet as notation software writes it: G major, 96 BPM, lyrics over two-note words, chord symbols. */
const LEAD_SHEET = `<?xml version="1.0" encoding="UTF-8"?>
<score-partwise version="3.1">
<part-list><score-part id="P1"><part-name>Voice</part-name></score-part></part-list>
<part id="P1">
<measure number="1">
<attributes><divisions>1</divisions><key><fifths>1</fifths><mode>major</mode></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
<direction><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>96</per-minute></metronome></direction-type><sound tempo="96"/></direction>
<harmony><root><root-step>G</root-step></root><kind>major</kind></harmony>
<note><pitch><step>G</step><octave>4</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>begin</syllabic><text>Twin</text></lyric></note>
<note><pitch><step>G</step><octave>4</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>end</syllabic><text>kle</text></lyric></note>
<note><pitch><step>D</step><octave>5</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>single</syllabic><text>bright</text></lyric></note>
<note><pitch><step>D</step><octave>5</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>single</syllabic><text>star</text></lyric></note>
</measure>
<measure number="2">
<harmony><root><root-step>C</root-step></root><kind>major</kind></harmony>
<note><pitch><step>E</step><octave>5</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>single</syllabic><text>how</text></lyric></note>
<note><pitch><step>E</step><octave>5</octave></pitch><duration>1</duration><voice>1</voice><type>quarter</type><lyric><syllabic>single</syllabic><text>I</text></lyric></note>
<harmony><root><root-step>G</root-step></root><kind>major</kind></harmony>
<note><pitch><step>D</step><octave>5</octave></pitch><duration>2</duration><voice>1</voice><type>half</type><lyric><syllabic>single</syllabic><text>shine</text></lyric></note>
</measure>
</part>
</score-partwise>`;

describe.skipIf((!HAS_REDIS || !HAS_ESPEAK) && !process.env.CI)('importing a melody into a song (built server, real worker and Redis)', () => {
	let stack: Stack;
	let songId: string;
	const current = async () => (await (await fetch(`${stack.baseUrl}/api/songs/${songId}`, { headers: ownerHeaders() })).json()) as { record: { revision: number }; composed: { revision: number; edited?: boolean; vocalId: string | null; song: Song } };
	const postFile = (bytes: Uint8Array, name: string, baseRevision?: number) => {
		const body = new FormData();
		body.set('file', new Blob([bytes as BlobPart]), name);
		if (baseRevision !== undefined) body.set('baseRevision', String(baseRevision));
		return fetch(`${stack.baseUrl}/api/songs/${songId}/import`, { method: 'POST', body, headers: ownerHeaders() });
	};

	beforeAll(async () => {
		stack = await startStack();
		songId = await mixedEnglishSong(stack.baseUrl);
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('sings a MIDI file written by another tool: its notes at the song\'s tempo, the song\'s syllables on them, mixed', async () => {
		const before = await current();
		const t0 = performance.now();
		const response = await postFile(tuneMidi(), 'tune.mid', before.record.revision);
		expect(response.status).toBe(201);
		const { revision } = (await response.json()) as { revision: number };
		expect(revision).toBe(before.record.revision + 1);
		const { status } = await follow(stack.baseUrl, songId, mixed(revision), {}, 180_000);
		console.log(`MIDI import: ${TUNE.length} notes in ${status.phrases.length} phrases sung and mixed ${((performance.now() - t0) / 1000).toFixed(1)} s after the upload`);
		expect(status.vocalId).not.toBeNull();
		expect(status.phrases.length).toBe(2);
		expect(status.phrases.every((p) => p.ready)).toBe(true);
		const after = await current();
		expect(after.composed.edited).toBe(true);
		const song = after.composed.song;
		// The file's 75 BPM is not the song's: the tune keeps its beats and is sung at the song's tempo.
		expect(song.tempoBpm).toBe(before.composed.song.tempoBpm);
		expect(song.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch])).toEqual(TUNE.map(([s, l, p]) => [s * PPQ, l * PPQ, p]));
		const syllables = before.composed.song.melody.flatMap((n) => (n.syllable ? [n.syllable.text] : []));
		expect(song.melody.map((n) => n.syllable?.text)).toEqual(syllables.slice(0, TUNE.length));
		const mp3 = await fetch(`${stack.baseUrl}/api/songs/${songId}/export/mp3`, { headers: ownerHeaders() });
		expect(mp3.status).toBe(200);
		expect((await mp3.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
	}, 240_000);

	it('takes a MusicXML lead sheet\'s lyrics, chords, key and tempo, and exports the revision as MusicXML that reads back to it', async () => {
		const before = await current();
		const response = await postFile(new TextEncoder().encode(LEAD_SHEET), 'twinkle.musicxml');
		expect(response.status).toBe(201);
		const { revision } = (await response.json()) as { revision: number };
		await follow(stack.baseUrl, songId, mixed(revision), {}, 180_000);
		const song = (await current()).composed.song;
		expect(song.melody.map((n) => [n.startTicks / PPQ, n.durationTicks / PPQ, n.midiPitch])).toEqual([[0, 1, 67], [1, 1, 67], [2, 1, 74], [3, 1, 74], [4, 1, 76], [5, 1, 76], [6, 2, 74]]);
		expect(song.melody.map((n) => n.syllable?.text)).toEqual(['Twinkle', 'Twinkle', 'bright', 'star', 'how', 'I', 'shine']);
		expect(song.melody.slice(0, 2).map((n) => n.syllable?.reading)).toEqual(['T W IH1 NG', 'K AH0 L']);
		expect([song.tempoBpm, song.key]).toEqual([96, { tonicPitchClass: 7, mode: 'major' }]);
		expect(song.chords.map((c) => [c.startTicks / PPQ, c.rootPitchClass, c.quality, c.numeral])).toEqual([[0, 7, 'major', 'I'], [4, 0, 'major', 'IV'], [6, 7, 'major', 'I']]);
		expect(song.sections).toEqual(before.composed.song.sections);

		const exported = await fetch(`${stack.baseUrl}/api/songs/${songId}/export/musicxml`, { headers: ownerHeaders() });
		expect(exported.status).toBe(200);
		expect(exported.headers.get('content-type')).toBe('application/vnd.recordare.musicxml+xml');
		expect(exported.headers.get('content-disposition')).toMatch(new RegExp(`filename="song-${songId}-r${revision}\\.musicxml"`));
		const read = musicXmlToSong(await exported.text(), { language: 'en', key: song.key, tempoBpm: 120, timeSignature: song.timeSignature });
		expect(read.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch, n.syllable?.text ?? null])).toEqual(song.melody.map((n) => [n.startTicks, n.durationTicks, n.midiPitch, n.syllable?.text ?? null]));
		expect([read.tempoBpm, read.key, read.chords.length]).toEqual([song.tempoBpm, song.key, song.chords.length]);
	}, 240_000);

	it('refuses broken, foreign, oversized and stale files with their reason; the song stays as it was', async () => {
		const { record } = await current();
		const refusal = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error });
		expect(await refusal(await postFile(new Uint8Array([77, 84, 104, 100, 0, 0, 0, 6]), 'broken.mid'))).toMatchObject({ status: 422, code: 'bad_melody_file', message: expect.stringMatching(/not a readable MIDI file/) });
		expect(await refusal(await postFile(new TextEncoder().encode('<score-partwise><part id="P1"><measure>'), 'cut.musicxml'))).toMatchObject({ status: 422, message: expect.stringMatching(/not readable XML/) });
		expect(await refusal(await postFile(new TextEncoder().encode('hello'), 'notes.txt'))).toMatchObject({ status: 422, message: expect.stringMatching(/neither a MIDI file/) });
		expect(await refusal(await postFile(new Uint8Array(2 * 1024 * 1024 + 1), 'huge.mid'))).toMatchObject({ status: 413, code: 'melody_file_too_large' });
		expect(await refusal(await postFile(tuneMidi(), 'tune.mid', record.revision - 1))).toMatchObject({ status: 409, code: 'song_changed' });
		const empty = await fetch(`${stack.baseUrl}/api/songs/${songId}/import`, { method: 'POST', body: new FormData(), headers: ownerHeaders() });
		expect(await refusal(empty)).toMatchObject({ status: 400, code: 'missing_file' });
		expect((await current()).record.revision).toBe(record.revision);
	}, 60_000);
});
