/**
 * Simulated students for the service benchmarks (`load`, `classroom`): 60 s takes (hum + eSpeak NG
 * reading) in each language, each student's a little louder or quieter so content addressing does
 * not share their work; the upload and song request as the studio's pages make them; a song
 * followed over its event stream with the moment of each milestone; percentiles and process RSS.
 */
import { readFile } from 'node:fs/promises';
import { encodeWav } from '../../src/lib/audio/wav';
import type { SongStatus } from '../../src/lib/song/song-status-types';
import type { Language } from '../../src/lib/take/types';
import { humAndReadingTake } from '../helpers/song-take';
import { sseEvents } from '../helpers/sse';

export const TAKE_SECONDS = 60;
export const LANGUAGES: Language[] = ['yue', 'cmn', 'en'];
const STUDENT_TIMEOUT_MS = 40 * 60_000;

export interface Take {
	pcm: Float32Array;
	sampleRate: number;
	humEndSeconds: number;
}

export interface StudentResult {
	/** Seconds from the moment the caller passed to followSong. */
	analysed?: number;
	firstPhrase?: number;
	mixed?: number;
	/** Wall-clock ms of the analysis, the first phrase and the mix, as the song's own stream told them. */
	analysedAt?: number;
	firstPhraseAt?: number;
	mixedAt?: number;
	error?: string;
}

/** The nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Resident set of a process, MB (VmRSS counts all its threads: they share its memory). */
export async function rssMb(pid: number | undefined): Promise<number> {
	if (!pid) return NaN;
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
	return kb ? Number(kb) / 1024 : NaN;
}

/** One 60 s take per language, made once: the students' takes are these at slightly different gains. */
export function languageTakes(): Map<Language, Take> {
	const takes = new Map<Language, Take>();
	for (const language of LANGUAGES) {
		const take = humAndReadingTake(language);
		const pcm = new Float32Array(TAKE_SECONDS * take.sampleRate);
		pcm.set(take.pcm.subarray(0, pcm.length));
		takes.set(language, { ...take, pcm });
	}
	return takes;
}

/** Student `index`'s take: the language's take at a gain of its own (different bytes, so nothing is shared by content address). */
export function studentTakeBody(index: number, take: Take, language: Language): FormData {
	const gain = 1 - 0.004 * index;
	const body = new FormData();
	body.set('audio', new Blob([encodeWav(take.pcm.map((v) => v * gain), take.sampleRate) as BlobPart]), `student-${index + 1}.wav`);
	body.set('language', language);
	body.set('source', 'recording');
	body.set('humEndSeconds', String(take.humEndSeconds));
	return body;
}

/** Uploads the take (POST /api/takes) and asks for its song at once, as the studio's page does; returns the song's id. */
export async function uploadAndAskForSong(baseUrl: string, headers: Record<string, string>, body: FormData, seed: number, onUploaded: () => void = () => {}): Promise<string> {
	const upload = await fetch(`${baseUrl}/api/takes`, { method: 'POST', body, headers });
	if (upload.status !== 201) throw new Error(`upload: HTTP ${upload.status} ${await upload.text()}`);
	onUploaded();
	const takeId = ((await upload.json()) as { take: { id: string } }).take.id;
	const asked = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ seed }) });
	if (asked.status !== 202) throw new Error(`song request: HTTP ${asked.status} ${await asked.text()}`);
	return ((await asked.json()) as { songId: string }).songId;
}

/** Reads the song's event stream until its mix is done or it fails; marks the times of each milestone (seconds since `started`, a performance.now()). */
export async function followSong(baseUrl: string, songId: string, headers: Record<string, string>, started: number, result: StudentResult): Promise<void> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), STUDENT_TIMEOUT_MS);
	const since = () => (performance.now() - started) / 1000;
	try {
		const response = await fetch(`${baseUrl}/api/songs/${songId}/events`, { headers, signal: controller.signal });
		if (!response.ok) throw new Error(`events: HTTP ${response.status}`);
		for await (const { event, data } of sseEvents(response)) {
			if (event === 'failed') throw new Error(`the song failed: ${data}`);
			if (event !== 'status') continue;
			const status = JSON.parse(data) as SongStatus;
			if (result.analysed === undefined && status.stages.some((s) => s.stage === 'analyse' && s.done)) {
				result.analysed = since();
				result.analysedAt = Date.now();
			}
			if (result.firstPhrase === undefined && status.phrases[0]?.ready) {
				result.firstPhrase = since();
				result.firstPhraseAt = Date.now();
			}
			if (status.composedRevision === status.revision && status.stages.every((s) => s.done)) {
				result.mixed = since();
				result.mixedAt = Date.now();
				return;
			}
		}
		throw new Error('the event stream closed before the mix was done');
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}

/** `step: message (cause)` for a student's failure. */
export function describeFailure(step: string, e: unknown): string {
	const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
	return `${step}: ${(e as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
}
