import { createHash } from 'node:crypto';

/** Who is asking, as far as limits are concerned: the network address, and the owner key when sent. */
export interface ClientIdentity {
	address: string;
	/** A short hash of the owner key (header `x-owner-key`, or the browser's `h2s_owner` cookie); null without one. */
	ownerKeyHash: string | null;
}

const OWNER_COOKIE = 'h2s_owner';

function ownerKeyOf(request: Request): string | null {
	const header = request.headers.get('x-owner-key');
	if (header) return header;
	const cookies = request.headers.get('cookie') ?? '';
	for (const part of cookies.split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name === OWNER_COOKIE && value.length > 0) return decodeURIComponent(value.join('='));
	}
	return null;
}

/** The identity of a request; `address` from SvelteKit's `getClientAddress()`. */
export function clientIdentity(request: Request, address: string): ClientIdentity {
	const key = ownerKeyOf(request);
	// Hashed so that no key is kept, even in Redis's rate-limit counters.
	return { address, ownerKeyHash: key ? createHash('sha256').update(key).digest('hex').slice(0, 32) : null };
}

/** One name per client: the owner key when sent (a classroom behind one address), else the address. */
export function clientName(client: ClientIdentity): string {
	return client.ownerKeyHash ? `key:${client.ownerKeyHash}` : `ip:${client.address}`;
}
