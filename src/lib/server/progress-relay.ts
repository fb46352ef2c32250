import { QueueEvents } from 'bullmq';
import { readConfig } from './config';
import { decodeJobError, type StageProgress } from './queue';
import { createRedisConnection } from './redis';
import { isStageQueue } from './stage-errors';
import type { StudioErrorJson } from '../take/types';

export type RelayEvent =
	| { type: 'active' }
	| { type: 'progress'; progress: StageProgress }
	| { type: 'completed' }
	| { type: 'failed'; error: StudioErrorJson }
	| { type: 'waiting' };

type Listener = (event: RelayEvent) => void;

/**
 * One BullMQ QueueEvents stream per queue and web process, fanned out to the SSE connections that
 * watch each job, or each group of jobs when `keyOf` names one (e.g. all the jobs of one song).
 * Listeners register before the caller reads the current state, so no event is missed between the
 * snapshot and the stream.
 */
export class ProgressRelay {
	private readonly events: QueueEvents;
	private readonly connection: ReturnType<typeof createRedisConnection>;
	private readonly listeners = new Map<string, Set<Listener>>();
	private readonly ready: Promise<void>;

	/** `keyOf` maps a job id to the key listeners subscribe to (null: nobody listens); by default the job id itself. */
	constructor(
		queueName: string,
		private readonly keyOf: (jobId: string) => string | null = (jobId) => jobId
	) {
		const config = readConfig();
		this.connection = createRedisConnection(config.redisUrl);
		this.events = new QueueEvents(queueName, { connection: this.connection, prefix: config.queuePrefix });
		this.events.on('active', ({ jobId }) => this.emit(jobId, { type: 'active' }));
		this.events.on('waiting', ({ jobId }) => this.emit(jobId, { type: 'waiting' }));
		this.events.on('progress', ({ jobId, data }) => {
			if (data && typeof data === 'object' && 'stage' in data) this.emit(jobId, { type: 'progress', progress: data as StageProgress });
		});
		this.events.on('completed', ({ jobId }) => this.emit(jobId, { type: 'completed' }));
		this.events.on('failed', ({ jobId, failedReason }) => this.emit(jobId, { type: 'failed', error: decodeJobError(failedReason, isStageQueue(queueName) ? queueName : undefined) }));
		this.ready = this.events.waitUntilReady().then(() => undefined);
	}

	waitUntilReady(): Promise<void> {
		return this.ready;
	}

	/** Returns the unsubscribe function; call it when the connection closes. */
	subscribe(key: string, listener: Listener): () => void {
		let set = this.listeners.get(key);
		if (!set) this.listeners.set(key, (set = new Set()));
		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0) this.listeners.delete(key);
		};
	}

	private emit(jobId: string, event: RelayEvent): void {
		const key = this.keyOf(jobId);
		for (const listener of (key !== null && this.listeners.get(key)) || []) listener(event);
	}

	async close(): Promise<void> {
		this.listeners.clear();
		await this.events.close();
		this.connection.disconnect();
	}
}
