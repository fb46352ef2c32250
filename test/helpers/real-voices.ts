/**
 * Real human readings for the voice engine's tests and benchmarks (../shared/data): four English
 * speakers (VCTK), three Mandarin and four Cantonese speakers (Common Voice), each a reading of
 * several sentences joined with short pauses, brought to the studio's rate and level as a take's
 * reading would be (44.1 kHz, staged to the reference peak), with the text that was read.
 * `learnRealVoice` builds the profile the studio would and keeps the aligner's syllable times, so
 * a test can compare what is sung with the same syllable in the reading.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stageToPeak } from '../../src/lib/audio/gain-staging';
import { decodeAudio } from '../../src/lib/audio/decode';
import { resample } from '../../src/lib/audio/resample';
import { readLyrics } from '../../src/lib/lyrics/read-lyrics';
import type { LyricSyllable } from '../../src/lib/lyrics/types';
import type { Language } from '../../src/lib/take/types';
import { buildVoiceProfile } from '../../src/lib/voice/build-profile';
import type { VoiceProfile } from '../../src/lib/voice/profile';
import type { SungNote } from '../../src/lib/voice/sing';
import { alignSyllables, type AlignedSyllable } from '../../src/lib/voice/syllable-alignment';
import { VCTK_TRANSCRIPTS } from '../fixtures/vctk-transcripts';
import { SHARED_DATA } from './paths';

export const STUDIO_RATE_HZ = 44100;
/** Pause put between joined sentences, s. */
const PAUSE_SECONDS = 0.4;

export interface RealSpeaker {
	/** e.g. 'vctk-p225', 'cv-cmn-F1', 'cv-yue-M1'. */
	id: string;
	language: Language;
	files: string[];
	texts: string[];
}

const VCTK_READ = ['003', '008', '011', '016', '019', '021'];

function commonVoiceSpeakers(folder: string, language: Language, speakers: string[]): RealSpeaker[] {
	const dir = path.join(SHARED_DATA, 'commonvoice', folder);
	const tsv = path.join(dir, 'transcripts.tsv');
	if (!existsSync(tsv)) return [];
	const rows = readFileSync(tsv, 'utf8')
		.split('\n')
		.slice(1)
		.map((line) => line.split('\t'))
		.filter((cells) => cells.length >= 2 && cells[0].endsWith('.wav'));
	return speakers.map((speaker) => {
		const own = rows.filter(([file]) => file.startsWith(`${language}_${speaker}_`));
		return { id: `cv-${language}-${speaker}`, language, files: own.map(([file]) => path.join(dir, file)), texts: own.map(([, text]) => text.trim()) };
	});
}

/** Every real speaker available, or an empty list when ../shared/data is absent. */
export function realSpeakers(): RealSpeaker[] {
	const vctk = ['p225', 'p226', 'p227', 'p228']
		.map((s) => ({ id: `vctk-${s}`, language: 'en' as Language, files: VCTK_READ.map((n) => path.join(SHARED_DATA, `vctk/${s}/${s}_${n}.wav`)), texts: VCTK_READ.map((n) => VCTK_TRANSCRIPTS[n]) }))
		.filter((s) => s.files.every((f) => existsSync(f)));
	return [...vctk, ...commonVoiceSpeakers('cmn-commonvoice-zh-CN', 'cmn', ['F1', 'M1', 'F2']), ...commonVoiceSpeakers('yue-commonvoice-zh-HK', 'yue', ['M1', 'M2', 'M3', 'F1'])].filter((s) => s.files.length > 0);
}

export const HAS_REAL_VOICES = realSpeakers().length >= 11;

export interface RealReading {
	speaker: RealSpeaker;
	/** Mono PCM at STUDIO_RATE_HZ, staged to the reference peak. */
	pcm: Float32Array;
	sampleRate: number;
	/** The text read, one sentence a line. */
	lines: string[];
}

/** The speaker's sentences joined with pauses (at most `maxSeconds` of them, whole sentences). */
export async function loadReading(speaker: RealSpeaker, maxSeconds = Infinity): Promise<RealReading> {
	const parts: Float32Array[] = [];
	const lines: string[] = [];
	let seconds = 0;
	for (let i = 0; i < speaker.files.length; i++) {
		const audio = await decodeAudio(new Uint8Array(readFileSync(speaker.files[i])));
		const pcm = audio.sampleRate === STUDIO_RATE_HZ ? audio.channels[0] : resample(audio.channels[0], audio.sampleRate, STUDIO_RATE_HZ);
		if (parts.length > 0 && seconds + pcm.length / STUDIO_RATE_HZ > maxSeconds) break;
		parts.push(pcm);
		lines.push(speaker.texts[i]);
		seconds += pcm.length / STUDIO_RATE_HZ + PAUSE_SECONDS;
	}
	const gap = Math.round(PAUSE_SECONDS * STUDIO_RATE_HZ);
	const joined = new Float32Array(parts.reduce((n, p) => n + p.length + gap, gap));
	let at = gap;
	for (const p of parts) {
		joined.set(p, at);
		at += p.length + gap;
	}
	return { speaker, pcm: stageToPeak(joined).signal, sampleRate: STUDIO_RATE_HZ, lines };
}

export interface RealVoice {
	reading: RealReading;
	profile: VoiceProfile;
	/** The reading's syllables where the aligner put them (the profile's units come from the same alignment). */
	aligned: AlignedSyllable[];
}

export function learnRealVoice(reading: RealReading): RealVoice {
	const profile = buildVoiceProfile(reading.pcm, reading.sampleRate, reading.speaker.language, reading.lines);
	const syllables = reading.lines.flatMap((line) => readLyrics(line, reading.speaker.language));
	const aligned = alignSyllables(reading.pcm, reading.sampleRate, syllables);
	return { reading, profile, aligned };
}

/**
 * A legato phrase singing `syllables` one a note (no gaps, no rests), in a comfortable range above
 * the speaker's speaking pitch: a stepwise tune with a leap now and then, notes of 0.3–0.9 s.
 */
export function legatoScore(syllables: LyricSyllable[], speakingF0Hz: number, startSeconds = 0.5): SungNote[] {
	const tonic = Math.round(69 + 12 * Math.log2(Math.max(80, speakingF0Hz) / 440)) + 2;
	const steps = [0, 2, 4, 5, 7, 5, 4, 2, 0, 4, 7, 9, 7, 4, 2, 0];
	const lengths = [0.45, 0.3, 0.6, 0.35, 0.9, 0.4, 0.3, 0.7];
	let at = startSeconds;
	return syllables.map((syllable, i) => {
		const note: SungNote = { onsetSeconds: at, durationSeconds: lengths[i % lengths.length], midiPitch: tonic + steps[i % steps.length], syllable };
		at += note.durationSeconds;
		return note;
	});
}
