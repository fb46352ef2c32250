/**
 * Continuous eSpeak NG speech with the time of every word and phoneme, for testing the aligner on
 * connected speech: the WebAssembly build of eSpeak NG (@echogarden/espeak-ng-emscripten,
 * GPL-3.0, a test-only dependency) reports phoneme events with their audio positions, which the
 * Debian program does not print.
 */
import { resample } from '../../src/lib/audio/resample';
import { readLyrics } from '../../src/lib/lyrics/read-lyrics';
import type { Language } from '../../src/lib/take/types';
import { alignSyllables } from '../../src/lib/voice/syllable-alignment';

interface EspeakEvent {
	get_type(): number;
	get_audio_position(): number;
	get_text_position(): number;
}
interface EspeakWorker {
	set_voice(name: string, lang?: string, gender?: number, age?: number, variant?: number): void;
	set_rate(wordsPerMinute: number): void;
	set_pitch(pitch: number): void;
	get_samplerate(): number;
	getSizeOfEventStruct_(): number;
	getStringIDFromEventStruct_(event: EspeakEvent): string;
	synth_(text: string, callback: number): void;
}
interface EspeakModule {
	eSpeakNGWorker: new () => EspeakWorker;
	espeak_EVENT: unknown;
	HEAP16: Int16Array;
	addFunction(f: (wav: number, count: number, events: number) => number, signature: string): number;
	removeFunction(pointer: number): void;
	wrapPointer(pointer: number, type: unknown): EspeakEvent;
}

const EVENT_END_OF_LIST = 0;
const EVENT_WORD = 1;
const EVENT_PHONEME = 7;
const VOWEL = /[aeiouyɑɐɒɔəɛɜɪʊʌæœɵøɚɝɤɯ]/;
/**
 * Glides count as the start of the vocalic stretch on both sides of the comparison: eSpeak folds
 * Mandarin medials into its vowels (家 "tɕ iɑ") but writes other glides apart (友 "j iou"), while the
 * studio's syllables always keep glides as their own phones.
 */
const GLIDE = /^[jwɥ]/;

let loaded: Promise<{ module: EspeakModule; worker: EspeakWorker }> | null = null;

function load(): Promise<{ module: EspeakModule; worker: EspeakWorker }> {
	loaded ??= (async () => {
		const { default: initialize } = (await import('@echogarden/espeak-ng-emscripten')) as unknown as { default: () => Promise<EspeakModule> };
		const module = await initialize();
		return { module, worker: new module.eSpeakNGWorker() };
	})();
	return loaded;
}

export interface TimedWord {
	/** Where the word starts in the text, in characters (code points) from 0. */
	textIndex: number;
	startSeconds: number;
	/** Start of the word's first vowel or glide, s (null if eSpeak gave it none). */
	firstVowelSeconds: number | null;
	phonemes: string[];
}

export interface TimedSpeech {
	pcm: Float32Array;
	sampleRate: number;
	words: TimedWord[];
}

/** `text` spoken by eSpeak NG `voice` at `wordsPerMinute` and `pitch` (0–99), at `sampleRate`. */
export async function speakTimed(text: string, voice: string, wordsPerMinute = 175, pitch = 50, sampleRate = 44100): Promise<TimedSpeech> {
	const { module, worker } = await load();
	worker.set_voice(voice);
	worker.set_rate(wordsPerMinute);
	worker.set_pitch(pitch);
	const size = worker.getSizeOfEventStruct_();
	const chunks: Int16Array[] = [];
	const words: TimedWord[] = [];
	const callback = module.addFunction((wav, count, events) => {
		if (count > 0) chunks.push(module.HEAP16.slice(wav >> 1, (wav >> 1) + count));
		for (let p = events; ; p += size) {
			const event = module.wrapPointer(p, module.espeak_EVENT);
			const type = event.get_type();
			if (type === EVENT_END_OF_LIST) break;
			const seconds = event.get_audio_position() / 1000;
			if (type === EVENT_WORD) words.push({ textIndex: event.get_text_position() - 1, startSeconds: seconds, firstVowelSeconds: null, phonemes: [] });
			else if (type === EVENT_PHONEME && words.length > 0) {
				const phoneme = worker.getStringIDFromEventStruct_(event);
				if (!phoneme) continue;
				const word = words[words.length - 1];
				// A word starts where its first phoneme does (the word event can come a little early).
				if (word.phonemes.length === 0) word.startSeconds = seconds;
				word.phonemes.push(phoneme);
				if (word.firstVowelSeconds === null && (VOWEL.test(phoneme) || GLIDE.test(phoneme))) word.firstVowelSeconds = seconds;
			}
		}
		return 0;
	}, 'iiii');
	try {
		worker.synth_(text, callback);
	} finally {
		module.removeFunction(callback);
	}
	const total = chunks.reduce((n, c) => n + c.length, 0);
	const pcm = new Float32Array(total);
	let at = 0;
	for (const c of chunks) {
		for (let i = 0; i < c.length; i++) pcm[at + i] = c[i] / 32768;
		at += c.length;
	}
	const rate = worker.get_samplerate();
	return { pcm: rate === sampleRate ? pcm : resample(pcm, rate, sampleRate), sampleRate, words: words.filter((w) => w.phonemes.length > 0) };
}

/** The eSpeak NG voices the aligner is measured on: each language's default and a contrasting voice. */
export const CONNECTED_SPEECH_VOICES: Array<[language: Language, voice: string, wordsPerMinute: number, pitch: number]> = [
	['yue', 'yue', 175, 50],
	['yue', 'yue+f3', 150, 70],
	['cmn', 'cmn', 175, 50],
	['cmn', 'cmn+f3', 150, 70],
	['en', 'en-us', 170, 50],
	['en', 'en+m3', 150, 35]
];

/**
 * Boundary errors of the studio's aligner on a continuous eSpeak NG reading of `lines`, in ms:
 * each eSpeak word's start against the aligned start of the syllable at the same place in the text,
 * and the word's first vowel or glide against that syllable's. Words are matched by text position,
 * so words eSpeak joins (Mandarin 今天) are compared at their first syllable only.
 */
export async function continuousAlignmentErrors(
	allLines: string[],
	language: Language,
	voice: { voice: string; wordsPerMinute: number; pitch: number }
): Promise<{ wordStartMs: number[]; vowelOnsetMs: number[]; seconds: number; skippedLines: string[] }> {
	const separator = language === 'en' ? ' ' : '';
	// eSpeak spells out syllables its dictionary cannot say in another language (Mandarin 女 nǚ
	// becomes English "n v three"): such a line is not a reading of its text, so it is left out.
	const skippedLines: string[] = [];
	let lines = allLines;
	let speech = await speakTimed(lines.join(separator), voice.voice, voice.wordsPerMinute, voice.pitch);
	for (;;) {
		const starts = lines.map((_, i) => [...lines.slice(0, i).join(separator)].length + (i > 0 ? separator.length : 0));
		const switched = new Set(speech.words.filter((w) => w.phonemes.some((p) => p.startsWith('('))).map((w) => starts.findLastIndex((start) => start <= w.textIndex)));
		if (switched.size === 0) break;
		skippedLines.push(...lines.filter((_, i) => switched.has(i)));
		lines = lines.filter((_, i) => !switched.has(i));
		speech = await speakTimed(lines.join(separator), voice.voice, voice.wordsPerMinute, voice.pitch);
	}
	const chars = [...lines.join(separator)];
	const syllables = lines.flatMap((line, lineIndex) => readLyrics(line, language).map((s) => ({ ...s, wordIndex: s.wordIndex + 1000 * lineIndex })));
	// The text position of each word's first syllable.
	const syllableAtChar = new Map<number, number>();
	let cursor = 0;
	syllables.forEach((s, i) => {
		if (i > 0 && s.wordIndex === syllables[i - 1].wordIndex) return;
		const word = [...s.text.toLowerCase()];
		for (let c = cursor; c + word.length <= chars.length; c++) {
			if (chars.slice(c, c + word.length).join('').toLowerCase() === word.join('')) {
				syllableAtChar.set(c, i);
				cursor = c + word.length;
				return;
			}
		}
	});
	const aligned = alignSyllables(speech.pcm, speech.sampleRate, syllables);
	const wordStartMs: number[] = [];
	const vowelOnsetMs: number[] = [];
	for (const w of speech.words) {
		const i = syllableAtChar.get(w.textIndex);
		if (i === undefined) continue;
		wordStartMs.push(Math.abs(aligned[i].startSeconds - w.startSeconds) * 1000);
		const vocalic = aligned[i].phones.find((p) => p.role === 'nucleus' || GLIDE.test(p.ipa));
		if (w.firstVowelSeconds !== null && vocalic) vowelOnsetMs.push(Math.abs(vocalic.startSeconds - w.firstVowelSeconds) * 1000);
	}
	return { wordStartMs, vowelOnsetMs, seconds: speech.pcm.length / speech.sampleRate, skippedLines };
}
