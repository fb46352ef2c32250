import { readConfig } from './config';
import { ProgressRelay } from './progress-relay';
import type { LibraryStatusSources } from './library';
import { takeProgress } from './progress';
import {
	ANALYZE_QUEUE,
	closeAnalyzeQueue,
	closeSingFlow,
	closeSongQueues,
	COMPOSE_QUEUE,
	composeJobId,
	getAnalyzeQueue,
	getSingFlow,
	getSongQueue,
	MIX_QUEUE,
	mixJobId,
	songJobFailure
} from './queue';
import type { JobFailure } from './song-status';
import { FileStore } from './storage';

/** The web process's long-lived services, created on first use. */
let store: FileStore | null = null;
let relay: ProgressRelay | null = null;

export function studioStore(): FileStore {
	if (!store) store = new FileStore(readConfig().dataDir);
	return store;
}

export function studioRelay(): ProgressRelay {
	if (!relay) relay = new ProgressRelay(ANALYZE_QUEUE);
	return relay;
}

export { getAnalyzeQueue as studioQueue, getSingFlow as studioSingFlow, getSongQueue as studioSongQueue };

/** A song revision's failed compose or mix job, from the song queues. */
export const studioSongFailure: JobFailure = (stage, songId, revision) =>
	stage === 'compose' ? songJobFailure(getSongQueue(COMPOSE_QUEUE), composeJobId(songId, revision)) : songJobFailure(getSongQueue(MIX_QUEUE), mixJobId(songId, revision));

/** Where the library reads what only the queues know. */
export function studioLibrarySources(): LibraryStatusSources {
	return { takeStatus: async (take) => (await takeProgress(studioStore(), getAnalyzeQueue(), take)).status, songFailure: studioSongFailure };
}

/** Close Redis connections so the process can exit once adapter-node has stopped serving. */
export async function closeStudioServices(): Promise<void> {
	const current = relay;
	relay = null;
	await Promise.all([current?.close(), closeAnalyzeQueue(), closeSingFlow(), closeSongQueues()]);
}
