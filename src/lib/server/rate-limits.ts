/**
 * Rate limits per client on the requests that cost the studio real work: uploads (decoding) and
 * song requests and edits (composing, singing, mixing). Counted in the studio's Redis with
 * rate-limiter-flexible, so every web process shares the counts; while Redis is unreachable an
 * in-memory limiter of the same size stands in, so limits hold and requests never wait on Redis.
 *
 * A client is its owner key when it sends one (each browser of a classroom behind one NAT address
 * counts alone), else its network address. Every request also counts against its address, with a
 * larger limit, so a script minting new keys cannot escape the limit.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientName, type ClientIdentity } from './client-identity';
import { readConfig } from './config';
import { StudioError } from './errors';

export type RateLimitedAction = 'upload' | 'song' | 'edit' | 'join';

const ACTION_TEXT: Record<RateLimitedAction, string> = {
	upload: 'uploads',
	song: 'song requests and edits',
	edit: 'note-by-note edits',
	join: 'attempts to join a class'
};

interface ActionLimiters {
	client: RateLimiterAbstract;
	address: RateLimiterAbstract;
	perClient: number;
	perAddress: number;
	windowSeconds: number;
}

let connection: Redis | null = null;
const limiters = new Map<RateLimitedAction, ActionLimiters>();

function redis(): Redis {
	// Its own connection that fails fast (no offline queue, one retry): the limiter's insurance
	// takes over instead of a request waiting for Redis to come back.
	connection ??= new Redis(readConfig().redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
	return connection;
}

function limiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
	return new RateLimiterRedis({
		storeClient: redis(),
		keyPrefix,
		points,
		duration,
		rejectIfRedisNotReady: true,
		insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration })
	});
}

function limitersFor(action: RateLimitedAction): ActionLimiters {
	let found = limiters.get(action);
	if (!found) {
		const config = readConfig();
		const perClient = { upload: config.rateUploadsPerClient, song: config.rateSongsPerClient, edit: config.rateEditsPerClient, join: config.rateJoinsPerClient }[action];
		const perAddress = { upload: config.rateUploadsPerAddress, song: config.rateSongsPerAddress, edit: config.rateEditsPerAddress, join: config.rateJoinsPerAddress }[action];
		const prefix = `${config.queuePrefix}:rate:${action}`;
		found = {
			client: limiter(`${prefix}:client`, perClient, config.rateWindowSeconds),
			address: limiter(`${prefix}:address`, perAddress, config.rateWindowSeconds),
			perClient,
			perAddress,
			windowSeconds: config.rateWindowSeconds
		};
		limiters.set(action, found);
	}
	return found;
}

/** "6 min 40 s", "45 s": a wait as a person reads it. */
export function waitText(seconds: number): string {
	const s = Math.max(1, Math.ceil(seconds));
	if (s < 60) return `${s} s`;
	const minutes = Math.floor(s / 60);
	return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
}

function windowText(seconds: number): string {
	return seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} s`;
}

/** The 429 for a limit reached, with `Retry-After` in whole seconds. */
export function rateLimitedError(action: RateLimitedAction, who: 'browser' | 'address', limit: number, windowSeconds: number, retryAfterMs: number): StudioError {
	const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	const from = who === 'browser' ? 'this browser' : 'this network address';
	return new StudioError(
		'rate_limited',
		429,
		`Too many ${ACTION_TEXT[action]} from ${from}: the studio takes ${limit} in ${windowText(windowSeconds)}. Try again in ${waitText(retryAfterSeconds)}.`,
		{ 'retry-after': String(retryAfterSeconds) }
	);
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
	try {
		await limiter.consume(key);
		return null;
	} catch (e) {
		if (e instanceof RateLimiterRes) return e;
		throw e;
	}
}

/** Counts one `action` for `client`; throws the 429 `rate_limited` StudioError when a limit is reached. */
export async function enforceRateLimit(action: RateLimitedAction, client: ClientIdentity): Promise<void> {
	const limits = limitersFor(action);
	if (client.ownerKeyHash) {
		const refused = await consume(limits.client, clientName(client));
		if (refused) throw rateLimitedError(action, 'browser', limits.perClient, limits.windowSeconds, refused.msBeforeNext);
	}
	const refused = await consume(limits.address, client.address);
	if (refused) throw rateLimitedError(action, 'address', limits.perAddress, limits.windowSeconds, refused.msBeforeNext);
}

export function closeRateLimits(): void {
	limiters.clear();
	connection?.disconnect();
	connection = null;
}
