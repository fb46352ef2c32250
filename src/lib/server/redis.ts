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

/**
 * The connection once its first connection attempt has settled: a new connection is still
 * connecting (a producer's commands would fail until it is ready), so this waits for it to be
 * ready or to fail; a connection that was lost (reconnecting) is returned at once, so its commands
 * fail fast.
 */
export async function whenReady(redis: Redis): Promise<Redis> {
	if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return redis;
	await new Promise<void>((resolve, reject) => {
		const settle = (error?: Error) => {
			redis.off('ready', onReady).off('error', onError).off('close', onClose);
			if (error) reject(error);
			else resolve();
		};
		const onReady = () => settle();
		const onError = (e: Error) => settle(e);
		const onClose = () => settle(new Error('Connection is closed.'));
		redis.once('ready', onReady).once('error', onError).once('close', onClose);
	});
	return redis;
}

/** The URL with its password replaced by `***`, for logs. */
export function redactRedisUrl(url: string): string {
	return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@]*@/, '$1***@');
}
