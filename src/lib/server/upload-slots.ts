/**
 * Uploads are read and decoded a few at a time. Each one holds its body, the decoded channels and
 * a mono mixdown at once (about 40 MB for a 60 s WAV), so thirty students uploading together would
 * take over a gigabyte of the web server's memory; waiting uploads stay unread in their sockets
 * instead. Two at a time keeps both cores busy.
 */
export const UPLOAD_SLOTS = 2;

export class Slots {
	private free: number;
	private readonly waiting: Array<() => void> = [];

	constructor(count: number) {
		if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`slot count must be an integer ≥ 1; got ${count}.`);
		this.free = count;
	}

	/** Runs `work` once a slot is free, and frees it after. */
	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.free > 0) this.free--;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await work();
		} finally {
			// Hand the slot straight to the next waiter, or give it back.
			const next = this.waiting.shift();
			if (next) next();
			else this.free++;
		}
	}
}

export const uploadSlots = new Slots(UPLOAD_SLOTS);
