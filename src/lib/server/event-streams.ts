import { StudioError } from './errors';

/** A client asked to wait before opening another stream may retry after this long (s). */
const RETRY_AFTER_SECONDS = 30;

/**
 * Caps on open progress streams (Server-Sent Events), per client and per web process: each open
 * stream holds a socket, timers and queue subscriptions for as long as the page stays, so a script
 * opening thousands would exhaust the server. `acquire` counts one stream and returns its release,
 * which the stream calls once when it closes (the client went away or the work finished).
 */
export class EventStreamLimiter {
	private readonly openPerClient = new Map<string, number>();
	private openTotal = 0;

	constructor(
		private readonly perClient: number,
		private readonly total: number
	) {}

	get open(): number {
		return this.openTotal;
	}

	/**
	 * Runs `open` (which reads what the stream follows and returns its response) in a counted place;
	 * a refused stream costs no storage read, and the place is released at once if `open` throws.
	 */
	async openCounted(client: string, open: (release: () => void) => Promise<Response>): Promise<Response> {
		const release = this.acquire(client);
		try {
			return await open(release);
		} catch (e) {
			release();
			throw e;
		}
	}

	acquire(client: string): () => void {
		const mine = this.openPerClient.get(client) ?? 0;
		if (mine >= this.perClient) {
			throw new StudioError(
				'too_many_streams',
				429,
				`This browser already follows ${mine} progress streams, the most the studio keeps open for one client. Close some studio tabs, or wait for their work to finish, then reload.`,
				{ 'retry-after': String(RETRY_AFTER_SECONDS) }
			);
		}
		if (this.openTotal >= this.total) {
			throw new StudioError(
				'streams_full',
				503,
				`The studio is following ${this.openTotal} progress streams, as many as it can keep open. Reload the page in a minute to see your progress.`,
				{ 'retry-after': String(RETRY_AFTER_SECONDS) }
			);
		}
		this.openPerClient.set(client, mine + 1);
		this.openTotal++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.openTotal--;
			const left = (this.openPerClient.get(client) ?? 1) - 1;
			if (left > 0) this.openPerClient.set(client, left);
			else this.openPerClient.delete(client);
		};
	}
}
