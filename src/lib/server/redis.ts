import { Redis } from 'ioredis';
import { readConfig } from './config';

/** A new ioredis connection as BullMQ's workers and event streams want it: blocking commands must be allowed to wait forever. */
export function createRedisConnection(url = readConfig().redisUrl): Redis {
	return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** How long a connection attempt may take before it counts as failed, ms. */
const PRODUCER_CONNECT_TIMEOUT_MS = 1500;

/**
 * A connection for the web's non-blocking producers (adding jobs, reading their state, health):
 * while Redis is down a command fails at once instead of waiting in ioredis's offline queue, so a
 * request can answer 503 within seconds; the connection keeps reconnecting in the background.
 */
export function createProducerConnection(url = readConfig().redisUrl): Redis {
	return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: PRODUCER_CONNECT_TIMEOUT_MS, enableReadyCheck: true, lazyConnect: false });
}

/** Resolves once the connection is ready (a new one is still connecting; a producer's commands would fail until then). */
export async function whenReady(redis: Redis): Promise<Redis> {
	if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
	return redis;
}

/** The URL with its password replaced by `***`, for logs. */
export function redactRedisUrl(url: string): string {
	return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@]*@/, '$1***@');
}
