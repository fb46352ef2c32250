import { checkTake, decodeAudio, type AudioFormat } from '../audio';

export const MIN_TAKE_SECONDS = 3;
export const MAX_TAKE_SECONDS = 180;

/** What an upload's checks learn about its audio; small enough to pass between threads. */
export interface TakeInspection {
	format: AudioFormat;
	originalSampleRate: number;
	originalChannels: number;
	durationSeconds: number;
	warnings: string[];
}

/**
 * Decodes an upload (limits from the header first, then decoded samples counted, so no file is
 * decoded past the length limit) and checks length, silence and damage at its original rate.
 * Throws `AudioInputError` for a take the studio refuses.
 */
export async function inspectTakeBytes(bytes: Uint8Array): Promise<TakeInspection> {
	const limits = { minSeconds: MIN_TAKE_SECONDS, maxSeconds: MAX_TAKE_SECONDS };
	const decoded = await decodeAudio(bytes, { durationLimits: limits });
	const checked = checkTake(decoded, limits);
	return {
		format: decoded.format,
		originalSampleRate: checked.originalSampleRate,
		originalChannels: checked.originalChannels,
		durationSeconds: checked.durationSeconds,
		warnings: checked.warnings
	};
}
