/** The three languages the studio sings in, as ISO 639-3 codes. */
export type Language = 'yue' | 'cmn' | 'en';
export const LANGUAGES: readonly Language[] = ['yue', 'cmn', 'en'];
export const LANGUAGE_NAMES: Record<Language, string> = {
	yue: 'Cantonese',
	cmn: 'Mandarin',
	en: 'English'
};

export type TakeSource = 'recording' | 'upload';

/** Where an analysis job stands. `stage` is the pipeline step shown to the user. */
export type AnalysisStatus = 'queued' | 'active' | 'completed' | 'failed';
export type AnalysisStage = 'queued' | 'decoding' | 'pitch' | 'notes' | 'voice' | 'done';
export const ANALYSIS_STAGES: readonly AnalysisStage[] = ['queued', 'decoding', 'pitch', 'notes', 'voice', 'done'];

export interface StudioErrorJson {
	/** Stable machine-readable code, e.g. `too_long`. */
	code: string;
	/** A sentence the user can act on. */
	message: string;
	/** The figures in the message (sizes, lengths), so the page can say it in the user's language. */
	params?: Record<string, string | number>;
}

export interface AnalysisProgress {
	status: AnalysisStatus;
	stage: AnalysisStage;
	/** 0..1 within the whole analysis. */
	fraction: number;
	error?: StudioErrorJson;
}

/** A stored take: the user's recording, kept as uploaded, plus its canonical PCM. Never modified. */
export interface TakeRecord {
	id: string;
	createdAt: string;
	language: Language;
	source: TakeSource;
	originalName: string;
	/** Format sniffed from the bytes, e.g. `wav`, `flac`, `webm-opus`. */
	originalFormat: string;
	originalBytes: number;
	originalSampleRate: number;
	originalChannels: number;
	/** Rate of the take's canonical PCM (mono float, made by the worker's decoding stage), Hz. */
	sampleRate: number;
	durationSeconds: number;
	/** Boundary between the hummed part and the read prompt, seconds from the start; null if unknown. */
	humEndSeconds: number | null;
	/** Content hash (sha256 hex) of the original bytes as uploaded. */
	originalSha256: string;
	warnings: string[];
	/** sha256 of the owner key of the browser (or script) that made the take; absent on takes made before owner keys, which nobody owns. */
	ownerHash?: string;
}
