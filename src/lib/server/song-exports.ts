/**
 * A song's downloads: the mastered mix as 16- or 24-bit WAV or MP3, the stems, the MIDI file and
 * the Song JSON, all from the artifacts the mix stage wrote (the WAV bit depths are converted here,
 * which is cheap; everything else was rendered by the worker), and the MusicXML lead sheet, written
 * here from the document (it needs no rendering, so it is ready as soon as the song is composed).
 */
import { decodeWav, encodeWav } from '../audio/wav';
import { songToMusicXml } from '../song/musicxml/write-musicxml';
import { StudioError } from './errors';
import { mixFileKey } from './keys';
import { MIX_FILE } from './song-status';
import type { ComposedSong } from './songs';
import type { BlobStore } from './storage';

export const EXPORT_FORMATS = ['wav16', 'wav24', 'mp3', 'midi', 'json', 'vocal', 'backing', 'musicxml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const NOT_READY = 'The song is still being mixed; its exports are ready when the mix stage finishes.';

export function parseExportFormat(value: string): ExportFormat {
	if (!(EXPORT_FORMATS as readonly string[]).includes(value)) {
		throw new StudioError('unknown_export_format', 404, `No export "${value}": choose one of ${EXPORT_FORMATS.join(', ')}.`);
	}
	return value as ExportFormat;
}

export async function songExport(store: BlobStore, composed: ComposedSong, format: ExportFormat): Promise<{ bytes: Uint8Array; contentType: string; filename: string }> {
	const base = `song-${composed.songId}-r${composed.revision}`;
	if (format === 'musicxml') return { bytes: new TextEncoder().encode(songToMusicXml(composed.song)), contentType: 'application/vnd.recordare.musicxml+xml', filename: `${base}.musicxml` };
	if (format === 'json') return { bytes: new TextEncoder().encode(JSON.stringify(composed.song, null, 2)), contentType: 'application/json', filename: `${base}.json` };
	// The mix stage writes its report last: until then some of its files may exist and others not
	// yet (the MP3 served while the MIDI 404'd), so none is served before the report is there.
	if (!(await store.has(mixFileKey(composed.mixId, MIX_FILE.report)))) throw new StudioError('not_ready', 404, NOT_READY);
	const read = async (file: string) => {
		const bytes = await store.get(mixFileKey(composed.mixId, file));
		if (!bytes) throw new StudioError('not_ready', 404, NOT_READY);
		return bytes;
	};
	switch (format) {
		case 'wav16':
		case 'wav24': {
			const mix = decodeWav(await read(MIX_FILE.mix));
			return { bytes: encodeWav(mix.channels, mix.sampleRate, { bitDepth: format === 'wav16' ? 16 : 24 }), contentType: 'audio/wav', filename: `${base}-${format === 'wav16' ? '16bit' : '24bit'}.wav` };
		}
		case 'mp3':
			return { bytes: await read(MIX_FILE.mp3), contentType: 'audio/mpeg', filename: `${base}.mp3` };
		case 'midi':
			return { bytes: await read(MIX_FILE.midi), contentType: 'audio/midi', filename: `${base}.mid` };
		case 'vocal':
			return { bytes: await read(MIX_FILE.vocalStem), contentType: 'audio/wav', filename: `${base}-vocal.wav` };
		case 'backing':
			return { bytes: await read(MIX_FILE.backingStem), contentType: 'audio/wav', filename: `${base}-backing.wav` };
	}
}
