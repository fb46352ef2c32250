/**
 * What a share link's holder sees: the song's name, language, length and lyrics, and where to
 * download the finished mix. Nothing that leads back to the take, the recording or the voice
 * (no take, vocal, profile, mix or song ids), so a shared link grants listening and nothing more.
 */
import { songLengthSeconds } from '../song/song-length';
import type { ListenerView } from '../take/library-types';
import { mixFileKey } from './keys';
import { songName } from './names';
import { SHARED_EXPORT_FORMATS } from './rights';
import type { ExportFormat } from './song-exports';
import { MIX_FILE } from './song-status';
import { getComposedSong, type ComposedSong, type SongRecord } from './songs';
import type { BlobStore } from './storage';

/** The listener's download files and the export each one is. */
export const LISTEN_FILES: Record<string, ExportFormat> = { 'mix.wav': 'wav16', 'mix-24bit.wav': 'wav24', 'mix.mp3': 'mp3' };

/** The newest revision whose mix is finished (an edit still rendering leaves the previous one playable). */
export async function latestMixedSong(store: BlobStore, record: SongRecord): Promise<ComposedSong | null> {
	for (let revision = record.revision; revision >= 1; revision--) {
		const composed = await getComposedSong(store, record.id, revision);
		if (composed && (await store.has(mixFileKey(composed.mixId, MIX_FILE.report)))) return composed;
	}
	return null;
}

export function listenFileOf(format: ExportFormat): string {
	return Object.entries(LISTEN_FILES).find(([, f]) => f === format)![0];
}

export async function listenerView(store: BlobStore, record: SongRecord, token: string): Promise<ListenerView> {
	const mixed = await latestMixedSong(store, record);
	const mix: Record<string, string> = {};
	if (mixed) for (const format of SHARED_EXPORT_FORMATS) mix[listenFileOf(format)] = `/api/listen/${token}/${listenFileOf(format)}`;
	return {
		name: (await songName(store, record.id)) ?? 'A song',
		language: record.request.language,
		durationSeconds: mixed ? songLengthSeconds(mixed.song) : null,
		lyrics: mixed?.song.lyrics ?? null,
		mix
	};
}

/** A download file name from the song's name: letters, digits and dashes only. */
export function listenFileName(name: string, file: string): string {
	const stem = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'song';
	return `${stem}-${file}`;
}
