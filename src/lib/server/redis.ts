import { Redis } from 'ioredis';
import { readConfig } from './config';

/** A new ioredis connection as BullMQ wants it: blocking commands must be allowed to wait forever. */
export function createRedisConnection(url = readConfig().redisUrl): Redis {
	return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}
