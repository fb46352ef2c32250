/**
 * The fair ranking (src/lib/scheduling/fair-priority.ts) as BullMQ on a real Redis applies it: the
 * jobs the studio queues for a class are taken one by one, as a worker would, and their order is
 * checked: every first song's compose before a second song's, every first phrase before any second
 * phrase, and a second song's phrases after every first song's.
 */
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_QUEUE, enqueueCompose, enqueueSongRender, SING_QUEUE, type PhraseJobData, type SongJobData } from '../../src/lib/server/queue';
import { createRedisConnection } from '../../src/lib/server/redis';
import { startRedis, type Redis } from '../helpers/stack';

const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

describe.skipIf(!HAS_REDIS && !process.env.CI)('fair queues on a real Redis', () => {
	let redis: Redis;
	let connection: ReturnType<typeof createRedisConnection>;
	const prefix = `t${randomUUID().slice(0, 8)}`;
	beforeAll(async () => {
		redis = await startRedis();
		connection = createRedisConnection(redis.url);
	});
	afterAll(async () => {
		connection?.disconnect();
		await redis?.stop();
	});

	/** Takes every job of the queue in the order a worker gets them, completing each; returns their ids. */
	async function drain(name: string): Promise<Job[]> {
		const worker = new Worker(name, null, { connection: createRedisConnection(redis.url), prefix, autorun: false });
		const taken: Job[] = [];
		try {
			for (let job = await worker.getNextJob('test', { block: false }); job; job = await worker.getNextJob('test', { block: false })) {
				taken.push(job);
				await job.moveToCompleted('done', 'test', false);
			}
		} finally {
			await worker.close();
		}
		return taken;
	}

	it('composes every student\'s first song before anyone\'s second, in the order they were asked for', async () => {
		const queue = new Queue<SongJobData>(COMPOSE_QUEUE, { connection, prefix });
		// Student a asks for a second song before b and c have asked for their first.
		await enqueueCompose(queue, 'a1', 1, 0);
		await enqueueCompose(queue, 'a2', 1, 1);
		await enqueueCompose(queue, 'b1', 1, 0);
		await enqueueCompose(queue, 'c1', 1, 0);
		expect((await drain(COMPOSE_QUEUE)).map((j) => j.data.songId)).toEqual(['a1', 'b1', 'c1', 'a2']);
		await queue.close();
	});

	it('sings every first phrase, then every second phrase, and a second song\'s phrases after all first songs\'', async () => {
		const flow = new FlowProducer({ connection, prefix });
		await enqueueSongRender(flow, 'a1', 1, { vocalId: 'va1', phraseCount: 3 }, 0);
		await enqueueSongRender(flow, 'a2', 1, { vocalId: 'va2', phraseCount: 3 }, 1);
		await enqueueSongRender(flow, 'b1', 1, { vocalId: 'vb1', phraseCount: 3 }, 0);
		await enqueueSongRender(flow, 'c1', 1, { vocalId: 'vc1', phraseCount: 3 }, 0);
		const phrases = (await drain(SING_QUEUE)).filter((j) => j.name === 'phrase').map((j) => `${(j.data as PhraseJobData).vocalId}:${(j.data as PhraseJobData).index}`);
		expect(phrases).toEqual(['va1:0', 'vb1:0', 'vc1:0', 'va1:1', 'vb1:1', 'vc1:1', 'va1:2', 'vb1:2', 'vc1:2', 'va2:0', 'va2:1', 'va2:2']);
		await flow.close();
	});
});
