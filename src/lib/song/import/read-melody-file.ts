/**
 * An uploaded melody file read by its kind: Standard MIDI (.mid, .midi, or any file starting
 * "MThd") or uncompressed MusicXML (.musicxml, .xml). What a MusicXML file leaves unsaid (key,
 * tempo, time) is the song's.
 */
import { musicXmlToSong, MusicXmlError } from '../musicxml/read-musicxml';
import type { Song } from '../types';
import { ImportError } from './import-error';
import type { ImportedMelody } from './imported-melody';
import { midiToMelody } from './midi-melody';

export function readMelodyFile(bytes: Uint8Array, filename: string, song: Song): ImportedMelody {
	const name = filename.toLowerCase();
	const isMidi = bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'MThd';
	if (isMidi || /\.midi?$/.test(name)) return midiToMelody(bytes);
	if (name.endsWith('.mxl') || (bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ImportError('The file is compressed MusicXML (.mxl); export it as uncompressed MusicXML (.musicxml or .xml) and try again.');
	if (!/\.(musicxml|xml)$/.test(name)) throw new ImportError(`"${filename}" is neither a MIDI file (.mid, .midi) nor a MusicXML file (.musicxml, .xml).`);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		throw new ImportError('The MusicXML file is not UTF-8 text; save it again from the notation program.');
	}
	try {
		const score = musicXmlToSong(text, { language: song.language, key: song.key, tempoBpm: song.tempoBpm, timeSignature: song.timeSignature });
		return { source: 'MusicXML', melody: score.melody, hasLyrics: score.hasLyrics, chords: score.chords, key: score.key, tempoBpm: score.tempoBpm, timeSignature: score.timeSignature, ...(score.sections ? { sections: score.sections } : {}) };
	} catch (e) {
		if (e instanceof MusicXmlError) throw new ImportError(e.message);
		throw e;
	}
}
