/** What the library and a share link send to the page (server and browser share these types). */
import type { AnalysisStatus, Language } from './types';

/** `working` while composing, singing or mixing (the first time or after an edit), `ready` when the newest revision is mixed. */
export type LibrarySongStatus = 'working' | 'ready' | 'failed';

export interface LibraryTake {
	id: string;
	name: string;
	language: Language;
	durationSeconds: number;
	status: AnalysisStatus;
	createdAt: string;
}

export interface LibrarySong {
	id: string;
	takeId: string;
	name: string;
	language: Language;
	/** null until the first revision is composed. */
	durationSeconds: number | null;
	status: LibrarySongStatus;
	createdAt: string;
}

/** `GET /api/library`: the owner's takes and songs, newest first. */
export interface Library {
	takes: LibraryTake[];
	songs: LibrarySong[];
}

/** `GET /api/listen/<token>`: what a share link's holder sees. */
export interface ListenerView {
	name: string;
	language: Language;
	/** null until a revision has been mixed. */
	durationSeconds: number | null;
	lyrics: string | null;
	/** Download URLs of the mix, by file name (`mix.wav`, `mix-24bit.wav`, `mix.mp3`); empty until a revision has been mixed. */
	mix: Record<string, string>;
}
