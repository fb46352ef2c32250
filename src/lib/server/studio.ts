import { readConfig } from './config';
import { InspectionPool } from './inspection-pool';
import { ProgressRelay } from './progress-relay';
import { ANALYZE_QUEUE, closeAnalyzeQueue, closeSingFlow, closeSongQueues, getAnalyzeQueue, getSingFlow, getSongQueue } from './queue';
import { FileStore } from './storage';

/** The web process's long-lived services, created on first use. */
let store: FileStore | null = null;
let relay: ProgressRelay | null = null;
let inspectionPool: InspectionPool | null = null;

export function studioStore(): FileStore {
	if (!store) store = new FileStore(readConfig().dataDir);
	return store;
}

export function studioRelay(): ProgressRelay {
	if (!relay) relay = new ProgressRelay(ANALYZE_QUEUE);
	return relay;
}

/** The threads that decode and check uploads off the request's event loop. */
export function studioInspectionPool(): InspectionPool {
	if (!inspectionPool) {
		const config = readConfig();
		inspectionPool = new InspectionPool({
			threads: config.uploadDecodeThreads,
			memoryLimitMb: config.uploadDecodeMemoryMb,
			timeoutMs: config.uploadDecodeTimeoutMs
		});
	}
	return inspectionPool;
}

export { getAnalyzeQueue as studioQueue, getSingFlow as studioSingFlow, getSongQueue as studioSongQueue };

/** Close Redis connections so the process can exit once adapter-node has stopped serving. */
export async function closeStudioServices(): Promise<void> {
	const current = relay;
	const pool = inspectionPool;
	relay = null;
	inspectionPool = null;
	await Promise.all([current?.close(), pool?.close(), closeAnalyzeQueue(), closeSingFlow(), closeSongQueues()]);
}
