import { FlowProducer, Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AnalysisProgress, AnalysisStage, StudioErrorJson } from '../take/types';
import { readConfig } from './config';
import { createProducerConnection } from './redis';
import { isStageQueue, stageFailure, type StageQueue } from './stage-errors';
import { phrasePriority, songJobPriority } from '../scheduling';

export const ANALYZE_QUEUE = 'analyze';
/** Vocals: a flow whose parent `vocal` mixes the phrases its `phrase` children render. */
export const SING_QUEUE = 'sing';

/** Songs: `compose` writes a revision and starts its render flow; `mix` renders the backing and mixes. */
export const COMPOSE_QUEUE = 'compose';
export const MIX_QUEUE = 'mix';

export interface SongJobData {
	songId: string;
	revision: number;
}

export interface PhraseJobData {
	vocalId: string;
	index: number;
}
export interface VocalJobData {
	vocalId: string;
}

/** Job payloads carry storage keys, never audio. */
export interface AnalyzeJobData {
	takeId: string;
}
export interface AnalyzeJobResult {
	analysisId: string;
	profileId: string;
}
/** What a processor reports through `job.updateProgress`. */
export interface StageProgress {
	stage: AnalysisStage;
	fraction: number;
}

/** One job per take: enqueueing twice is a no-op, so retries and reloads never duplicate work. */
export const analyzeJobId = (takeId: string) => `analyze-${takeId}`;

/** Failed jobs carry `[code] message` in BullMQ's failedReason, so the code survives Redis. */
export function encodeJobError(error: StudioErrorJson): string {
	return `[${error.code}] ${error.message}`;
}

/** The `[code] message` a processor encoded, or null for any other reason (a crash, a stall). */
export function parseJobError(failedReason: string | undefined): StudioErrorJson | null {
	const match = /^\[([a-z0-9_]+)\] ([\s\S]*)$/.exec(failedReason ?? '');
	return match ? { code: match[1], message: match[2] } : null;
}

/**
 * The error of a job of `queue` that failed with `failedReason`. A reason the processor did not
 * encode (a crashed or stalled job) is told as a failure of that queue's stage.
 */
export function decodeJobError(failedReason: string | undefined, queue: StageQueue = 'analyze'): StudioErrorJson {
	return parseJobError(failedReason) ?? stageFailure(queue, failedReason || 'unknown error', true);
}

export const DEFAULT_JOB_OPTIONS = {
	attempts: 3,
	backoff: { type: 'exponential', delay: 2000 },
	removeOnComplete: { age: 24 * 3600, count: 1000 },
	removeOnFail: { age: 7 * 24 * 3600 }
} as const;

/** A child of a flow fails its parent when it fails for good, so the parent never waits forever. */
export const CHILD_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, failParentOnFailure: true } as const;

let shared: { queue: Queue<AnalyzeJobData, AnalyzeJobResult>; connection: Redis } | null = null;

/** The process-wide producer side of the analyze queue (web server; its commands fail fast while Redis is down). */
export function getAnalyzeQueue(): Queue<AnalyzeJobData, AnalyzeJobResult> {
	if (!shared) {
		const config = readConfig();
		const connection = createProducerConnection(config.redisUrl);
		const queue = new Queue<AnalyzeJobData, AnalyzeJobResult>(ANALYZE_QUEUE, {
			connection,
			prefix: config.queuePrefix,
			defaultJobOptions: DEFAULT_JOB_OPTIONS
		});
		shared = { queue, connection };
	}
	return shared.queue;
}

export async function closeAnalyzeQueue(): Promise<void> {
	if (shared) {
		const { queue, connection } = shared;
		shared = null;
		await queue.close();
		connection.disconnect();
	}
}

export async function enqueueAnalysis(
	queue: Queue<AnalyzeJobData, AnalyzeJobResult>,
	takeId: string
): Promise<Job<AnalyzeJobData, AnalyzeJobResult>> {
	return queue.add('analyze', { takeId }, { jobId: analyzeJobId(takeId) });
}

function isStageProgress(value: unknown): value is StageProgress {
	return !!value && typeof value === 'object' && 'stage' in value && 'fraction' in value;
}

/** The user-facing progress of a job, from its state in Redis. */
export async function progressOfJob(job: Job<AnalyzeJobData, AnalyzeJobResult>): Promise<AnalysisProgress> {
	const state = await job.getState();
	switch (state) {
		case 'completed':
			return { status: 'completed', stage: 'done', fraction: 1 };
		case 'failed':
			return { status: 'failed', stage: stageOf(job), fraction: fractionOf(job), error: decodeJobError(job.failedReason) };
		case 'active':
			// Picked up but no progress reported yet: the first thing a worker does is decode.
			return { status: 'active', stage: isStageProgress(job.progress) ? job.progress.stage : 'decoding', fraction: fractionOf(job) };
		default:
			// waiting, delayed (a retry after a transient fault), prioritized, waiting-children
			return { status: 'queued', stage: 'queued', fraction: 0 };
	}
}

function stageOf(job: Job): AnalysisStage {
	return isStageProgress(job.progress) ? job.progress.stage : 'queued';
}
function fractionOf(job: Job): number {
	return isStageProgress(job.progress) ? job.progress.fraction : 0;
}

let flowShared: { flow: FlowProducer; connection: Redis } | null = null;

/** The process-wide producer of sing flows (web server). */
export function getSingFlow(): FlowProducer {
	if (!flowShared) {
		const config = readConfig();
		const connection = createProducerConnection(config.redisUrl);
		flowShared = { flow: new FlowProducer({ connection, prefix: config.queuePrefix }), connection };
	}
	return flowShared.flow;
}

export async function closeSingFlow(): Promise<void> {
	if (flowShared) {
		const { flow, connection } = flowShared;
		flowShared = null;
		await flow.close();
		connection.disconnect();
	}
}

/**
 * One flow per vocal: a `phrase` job per phrase (ids include the vocal, so a phrase shared by two
 * vocals is one artifact but two jobs, each with its own parent) and the `vocal` parent. Asking
 * again for the same vocal adds nothing new.
 */
export async function enqueueVocal(flow: FlowProducer, vocalId: string, phraseCount: number): Promise<void> {
	await flow.add({
		name: 'vocal',
		queueName: SING_QUEUE,
		data: { vocalId } satisfies VocalJobData,
		opts: { ...DEFAULT_JOB_OPTIONS, jobId: `vocal-${vocalId}` },
		children: Array.from({ length: phraseCount }, (_, index) => ({
			name: 'phrase',
			queueName: SING_QUEUE,
			data: { vocalId, index } satisfies PhraseJobData,
			// Sung in order, so the first phrase is the first to play.
			opts: { ...CHILD_JOB_OPTIONS, jobId: `phrase-${vocalId}-${index}`, priority: phrasePriority(0, index) }
		}))
	});
}

const producers = new Map<string, { queue: Queue; connection: Redis }>();

/** The process-wide producer side of a song queue (web server): compose, or mix (read for failures). */
export function getSongQueue(name: typeof COMPOSE_QUEUE | typeof MIX_QUEUE): Queue<SongJobData> {
	let entry = producers.get(name);
	if (!entry) {
		const config = readConfig();
		const connection = createProducerConnection(config.redisUrl);
		entry = { queue: new Queue<SongJobData>(name, { connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }), connection };
		producers.set(name, entry);
	}
	return entry.queue as Queue<SongJobData>;
}

export async function closeSongQueues(): Promise<void> {
	const entries = [...producers.values()];
	producers.clear();
	await Promise.all(entries.map(async ({ queue, connection }) => {
		await queue.close();
		connection.disconnect();
	}));
}

export const composeJobId = (songId: string, revision: number) => `compose-${songId}-${revision}`;
export const mixJobId = (songId: string, revision: number) => `mix-${songId}-${revision}`;

/** The song a compose, backing, vocal, phrase or mix job works for (ids as made here and in `enqueueSongRender`), else null. */
export function songIdOfJob(jobId: string): string | null {
	return /^(?:compose|mix|backing|song-vocal|song-phrase)-([a-z0-9]+)-\d+(?:-\d+)?$/.exec(jobId)?.[1] ?? null;
}

/** `rank`: the song's fair share of the queues (src/lib/server/song-rank.ts); a later song of a busy owner waits behind everyone's earlier ones. */
export async function enqueueCompose(queue: Queue<SongJobData>, songId: string, revision: number, rank = 0): Promise<void> {
	await queue.add('compose', { songId, revision }, { jobId: composeJobId(songId, revision), priority: songJobPriority(rank) });
}

/**
 * A revision's render flow: the `mix` parent waits for the `backing` render and, when the song has
 * a voice, for the vocal (its own `vocal` parent over one `phrase` job per phrase). Job ids carry the
 * song and revision, so each revision has its own jobs; the artifacts they write are content-addressed
 * and shared, so a phrase an edit left alone finishes at once. `rank` orders its jobs behind
 * other people's earlier songs (src/lib/scheduling/fair-priority.ts).
 */
export async function enqueueSongRender(flow: FlowProducer, songId: string, revision: number, vocal: { vocalId: string; phraseCount: number } | null, rank = 0): Promise<void> {
	const tag = `${songId}-${revision}`;
	const priority = songJobPriority(rank);
	const children: Parameters<FlowProducer['add']>[0][] = [
		{ name: 'backing', queueName: MIX_QUEUE, data: { songId, revision } satisfies SongJobData, opts: { ...CHILD_JOB_OPTIONS, jobId: `backing-${tag}`, priority } }
	];
	if (vocal) {
		children.push({
			name: 'vocal',
			queueName: SING_QUEUE,
			data: { vocalId: vocal.vocalId } satisfies VocalJobData,
			opts: { ...CHILD_JOB_OPTIONS, jobId: `song-vocal-${tag}` },
			children: Array.from({ length: vocal.phraseCount }, (_, index) => ({
				name: 'phrase',
				queueName: SING_QUEUE,
				data: { vocalId: vocal.vocalId, index } satisfies PhraseJobData,
				opts: { ...CHILD_JOB_OPTIONS, jobId: `song-phrase-${tag}-${index}`, priority: phrasePriority(rank, index) }
			}))
		});
	}
	await flow.add({ name: 'mix', queueName: MIX_QUEUE, data: { songId, revision } satisfies SongJobData, opts: { ...DEFAULT_JOB_OPTIONS, jobId: mixJobId(songId, revision), priority }, children });
}

/** BullMQ's reason for a parent failed by a child (failParentOnFailure): the child's Redis key. */
const CHILD_FAILED = /^child (\S+) failed$/;
/** Flows nest: mix ← vocal ← phrase. */
const MAX_FLOW_DEPTH = 3;

/**
 * A song job's failure once it has failed for good (no retry left), else null. A parent failed by
 * a child tells the child's own failure, e.g. "Singing failed: …" from a phrase of its vocal.
 */
export async function songJobFailure(queue: Queue<SongJobData>, jobId: string): Promise<StudioErrorJson | null> {
	const job = await queue.getJob(jobId);
	if (!job || (await job.getState()) !== 'failed') return null;
	let reason = job.failedReason;
	let stage: StageQueue = isStageQueue(queue.name) ? queue.name : 'analyze';
	const prefix = `${queue.opts.prefix ?? 'bull'}:`;
	for (let depth = 0; depth < MAX_FLOW_DEPTH; depth++) {
		const childKey = CHILD_FAILED.exec(reason ?? '')?.[1];
		if (!childKey?.startsWith(prefix)) break;
		const childQueue = childKey.slice(prefix.length).split(':')[0];
		const childReason = await (await queue.client).hget(childKey, 'failedReason');
		if (!childReason || !isStageQueue(childQueue)) break;
		reason = childReason;
		stage = childQueue;
	}
	return decodeJobError(reason, stage);
}
