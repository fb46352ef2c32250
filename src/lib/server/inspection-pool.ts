/**
 * Uploads are decoded and checked in worker threads, never on the web server's event loop: a small
 * pool of threads, each with a V8 heap limit, one upload at a time per thread, with a timeout. A
 * thread that runs out of memory or time is ended (and replaced on the next upload); its upload is
 * refused with a sentence instead of taking the studio down.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StudioError } from './errors';
import type { TakeInspection } from './take-inspection';
import type { InspectionReply } from './take-inspection.thread';

export interface InspectionPoolOptions {
	/** Threads decoding at once; more uploads wait their turn. */
	threads: number;
	/** V8 old-generation limit of each thread (MB). */
	memoryLimitMb: number;
	/** Longest one upload may take to decode and check (ms). */
	timeoutMs: number;
}

interface Task {
	bytes: Uint8Array;
	resolve: (inspection: TakeInspection) => void;
	reject: (error: Error) => void;
}

interface Thread {
	worker: Worker;
	task: Task | null;
	timer: ReturnType<typeof setTimeout> | null;
}

const outOfMemory = () =>
	new StudioError(
		'decode_out_of_memory',
		413,
		'Decoding this file needed more memory than the studio allows for one upload. Upload a shorter recording, or export it as WAV or MP3 and try again.'
	);

const tooSlow = (timeoutMs: number) =>
	new StudioError(
		'decode_timeout',
		422,
		`Decoding this file took longer than ${Math.round(timeoutMs / 1000)} s, so the studio stopped. Upload a shorter recording, or export it as WAV or MP3 and try again.`
	);

const THREAD_SOURCE = 'src/lib/server/take-inspection.thread.mjs';

/**
 * The thread's entry, which runs its TypeScript through tsx (a dependency, as for the worker process): the
 * studio's web build bundles no thread entry for Node, so the thread is found from this module's
 * place, whether that is src/lib/server (Vitest, tsx) or build/server/chunks (npm start).
 */
function threadSourcePath(): string {
	for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, THREAD_SOURCE);
		if (existsSync(candidate)) return candidate;
		if (path.dirname(dir) === dir) throw new Error(`${THREAD_SOURCE} was not found above ${fileURLToPath(import.meta.url)}`);
	}
}

function spawnThread(memoryLimitMb: number): Worker {
	return new Worker(threadSourcePath(), {
		resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 32 }
	});
}

export class InspectionPool {
	private readonly threads = new Set<Thread>();
	/** Every thread started and not yet exited, ended ones included: their memory is not yet returned. */
	private readonly unexited = new Set<Worker>();
	private readonly waiting: Task[] = [];
	private nextId = 1;
	private closed = false;

	/** Starts one thread at once, so the first upload does not wait for a thread to load (about 1–3 s). */
	constructor(private readonly options: InspectionPoolOptions) {
		this.start();
	}

	/** Decodes and checks `bytes` in a thread; rejects with the take's `AudioInputError` as a StudioError. */
	inspect(bytes: Uint8Array): Promise<TakeInspection> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ bytes, resolve, reject });
			this.dispatch();
		});
	}

	/** Uploads waiting for a thread. */
	get queued(): number {
		return this.waiting.length;
	}

	/** Threads whose memory the process still holds: working, idle, or ended but not yet exited. */
	get threadsAlive(): number {
		return this.unexited.size;
	}

	async close(): Promise<void> {
		this.closed = true;
		const threads = [...this.threads];
		this.threads.clear();
		await Promise.all(threads.map((t) => t.worker.terminate()));
	}

	private dispatch(): void {
		while (this.waiting.length > 0) {
			let thread = [...this.threads].find((t) => t.task === null);
			if (!thread) {
				// An ended thread counts until it has exited: a fresh one beside it would hold both
				// threads' heaps at once (a web server past 500 MB under load after a bomb).
				if (this.unexited.size >= this.options.threads) return;
				thread = this.start();
			}
			this.run(thread, this.waiting.shift()!);
		}
	}

	private start(): Thread {
		const thread: Thread = { worker: spawnThread(this.options.memoryLimitMb), task: null, timer: null };
		// An idle thread must not keep the process alive.
		thread.worker.unref();
		thread.worker.on('message', (reply: InspectionReply) => {
			if (!reply.ok && reply.error?.code === 'too_long') {
				// Decoding up to the limit grew the thread's WebAssembly and JS heaps to their largest,
				// which a live thread never returns to the system: end it (freeing them) and warm a new one.
				const error = reply.error;
				this.end(thread, new StudioError(error.code, error.httpStatus, error.message).withParams(error.params));
				return;
			}
			const task = this.finish(thread);
			if (!task) return;
			if (reply.ok) task.resolve(reply.inspection);
			else if (reply.error) task.reject(new StudioError(reply.error.code, reply.error.httpStatus, reply.error.message).withParams(reply.error.params));
			else task.reject(new Error(`upload inspection failed: ${reply.detail}`));
		});
		thread.worker.on('error', (e: Error & { code?: string }) => {
			this.end(thread, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : e);
		});
		thread.worker.on('exit', () => {
			// Still in the pool: the thread stopped by itself (it failed to load, say), not ended here.
			const stoppedByItself = this.threads.has(thread);
			this.end(thread, new Error('the upload inspection thread stopped'));
			this.unexited.delete(thread.worker);
			if (this.closed) return;
			// Its memory is back: the next upload may have a thread. One ended here is replaced at once
			// (warm for the next upload); one that stopped by itself waits for an upload, so a thread
			// that cannot load is not restarted in a loop.
			if (this.waiting.length > 0) this.dispatch();
			else if (!stoppedByItself && this.unexited.size === 0) this.start();
		});
		this.threads.add(thread);
		this.unexited.add(thread.worker);
		return thread;
	}

	private run(thread: Thread, task: Task): void {
		thread.task = task;
		thread.worker.ref();
		thread.timer = setTimeout(() => this.end(thread, tooSlow(this.options.timeoutMs)), this.options.timeoutMs);
		thread.worker.postMessage({ id: this.nextId++, bytes: task.bytes });
	}

	/** The thread's task, now done; the thread is idle again. */
	private finish(thread: Thread): Task | null {
		const task = thread.task;
		if (thread.timer) clearTimeout(thread.timer);
		thread.task = null;
		thread.timer = null;
		thread.worker.unref();
		queueMicrotask(() => this.dispatch());
		return task;
	}

	/** Fails the thread's task with `error` and ends the thread; a fresh one starts once it has exited. */
	private end(thread: Thread, error: Error): void {
		if (!this.threads.delete(thread)) return;
		const task = this.finish(thread);
		task?.reject(error);
		void thread.worker.terminate();
	}
}
