/**
 * Redis and the built web server without a worker, for tests and benchmarks of the web server's
 * own limits: nothing is analysed or sung, so uploads stay queued and progress streams stay open,
 * and no CPU goes to the pipeline.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { makeDataDir, startRedis, startWeb, type RunningProcess } from './stack';

export interface WebOnlyStack {
	baseUrl: string;
	redisUrl: string;
	queuePrefix: string;
	web: RunningProcess;
	stop(): Promise<void>;
}

export async function startWebOnly(extraEnv: Record<string, string> = {}): Promise<WebOnlyStack> {
	const redis = await startRedis();
	const dataDir = await makeDataDir();
	const queuePrefix = `t${randomUUID().slice(0, 8)}`;
	let web: Awaited<ReturnType<typeof startWeb>>;
	try {
		web = await startWeb({ redisUrl: redis.url, dataDir, queuePrefix, extraEnv });
	} catch (e) {
		await redis.stop();
		throw e;
	}
	return {
		baseUrl: web.baseUrl,
		redisUrl: redis.url,
		queuePrefix,
		web,
		async stop() {
			await web.stop();
			await redis.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
