/**
 * Following a song over the studio's API, for the integration tests: its event stream read until a
 * condition holds, and the analysis of its take waited for. Every request carries the owner key.
 */
import { ownerHeaders } from './owner';
import { sseEvents } from './sse';

export interface SongStatusEvent {
	revision: number;
	composedRevision: number | null;
	stages: Array<{ stage: string; fraction: number; done: boolean }>;
	phrases: Array<{ index: number; text: string; ready: boolean; startSeconds: number; endSeconds: number }>;
	vocalId: string | null;
	mixId: string | null;
	error: { code: string; message: string } | null;
}

/** Reads the song's event stream until `until` holds for a status event; returns the times (s) each predicate in `marks` first held. */
export async function follow(
	baseUrl: string,
	songId: string,
	until: (s: SongStatusEvent) => boolean,
	marks: Record<string, (s: SongStatusEvent) => boolean> = {},
	timeoutMs = 120_000,
	headers: Record<string, string> = ownerHeaders()
): Promise<{ status: SongStatusEvent; seen: Record<string, number> }> {
	const started = performance.now();
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const response = await fetch(`${baseUrl}/api/songs/${songId}/events`, { signal: controller.signal, headers });
	// Usable outside a test too (the benchmarks follow songs with it).
	if (!/text\/event-stream/.test(response.headers.get('content-type') ?? '')) throw new Error(`no event stream: ${response.status} ${response.headers.get('content-type')}`);
	const seen: Record<string, number> = {};
	try {
		for await (const { event, data } of sseEvents(response)) {
			if (event === 'failed') throw new Error(`the song failed: ${data}`);
			if (event !== 'status' || !data) continue;
			const status = JSON.parse(data) as SongStatusEvent;
			for (const [name, holds] of Object.entries(marks)) if (seen[name] === undefined && holds(status)) seen[name] = (performance.now() - started) / 1000;
			if (until(status)) return { status, seen };
		}
		throw new Error('the event stream closed early');
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}

/** The revision is composed and every stage, the mix included, is done. */
export const mixed = (revision: number) => (s: SongStatusEvent) => s.composedRevision === revision && s.stages.every((stage) => stage.done);

/** Polls the take until its analysis completes (throws on failure or after `timeoutMs`). */
export async function waitForAnalysis(baseUrl: string, takeId: string, headers: Record<string, string> = ownerHeaders(), timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const d = await (await fetch(`${baseUrl}/api/takes/${takeId}`, { headers })).json();
		if (d.progress.status === 'failed') throw new Error(JSON.stringify(d.progress.error));
		if (d.progress.status === 'completed') return;
		if (Date.now() > deadline) throw new Error('timed out waiting for the analysis');
		await new Promise((r) => setTimeout(r, 250));
	}
}
