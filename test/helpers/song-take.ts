/**
 * A whole take as the studio records one: half a second of silence, the hummed melody
 * (test/fixtures/hum-melody.ts), a breath, then eSpeak NG reading the language's prompt. Needs
 * espeak-ng (HAS_ESPEAK).
 */
import { encodeWav } from '../../src/lib/audio/wav';
import { READING_PROMPTS } from '../../src/lib/lyrics/prompts';
import type { Language } from '../../src/lib/take/types';
import { makeHumMelody } from '../fixtures/hum-melody';
import { renderEspeak } from './espeak';

const ESPEAK_VOICE: Record<Language, string> = { yue: 'yue', cmn: 'cmn', en: 'en-us' };

interface HumAndReading {
	pcm: Float32Array;
	sampleRate: number;
	humEndSeconds: number;
}

// Rendered once per language per test file: eSpeak and the resampler run synchronously, and a
// render of several seconds between a request's start and its body's write lets the server close
// the idle keep-alive connection under it (an EPIPE, as two students uploading at once once saw).
const rendered = new Map<Language, HumAndReading>();
const encoded = new Map<Language, Uint8Array>();

/** The take for `language` (a fresh copy of its samples each call). */
export function humAndReadingTake(language: Language): HumAndReading {
	let take = rendered.get(language);
	if (!take) rendered.set(language, (take = renderHumAndReading(language)));
	return { ...take, pcm: take.pcm.slice() };
}

function renderHumAndReading(language: Language): HumAndReading {
	const melody = makeHumMelody({});
	const { sampleRate } = melody;
	const reading = renderEspeak(READING_PROMPTS[language].lines.join(language === 'en' ? ' ' : ''), { voice: ESPEAK_VOICE[language], speed: 170 }, sampleRate);
	let peak = 0;
	for (const v of reading) peak = Math.max(peak, Math.abs(v));
	const lead = Math.round(0.5 * sampleRate);
	const humEnd = lead + melody.pcm.length + Math.round(0.7 * sampleRate);
	const pcm = new Float32Array(humEnd + reading.length + Math.round(0.5 * sampleRate));
	pcm.set(melody.pcm, lead);
	for (let i = 0; i < reading.length; i++) pcm[humEnd + i] = (0.4 * reading[i]) / peak;
	return { pcm, sampleRate, humEndSeconds: humEnd / sampleRate };
}

/** Uploads a hum-and-reading take to a running studio as its recorder would (POST /api/takes); returns the take's id. */
export async function uploadSongTake(baseUrl: string, language: Language, headers: Record<string, string>): Promise<string> {
	const take = humAndReadingTake(language);
	let wav = encoded.get(language);
	if (!wav) encoded.set(language, (wav = encodeWav(take.pcm, take.sampleRate)));
	const body = new FormData();
	body.set('audio', new Blob([wav as BlobPart]), 'take.wav');
	body.set('language', language);
	body.set('source', 'recording');
	body.set('humEndSeconds', String(take.humEndSeconds));
	const response = await fetch(`${baseUrl}/api/takes`, { method: 'POST', body, headers });
	if (response.status !== 201) throw new Error(`the take upload was refused: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { take: { id: string } }).take.id;
}
