/** Stable error codes thrown by the pitch domain. */
export type PitchErrorCode = 'invalid_sample_rate' | 'invalid_option' | 'invalid_analysis_json';

/** An error with a stable `code` and a message a user (or the developer calling us) can act on. */
export class PitchError extends RangeError {
	readonly code: PitchErrorCode;
	constructor(code: PitchErrorCode, message: string) {
		super(message);
		this.name = 'PitchError';
		this.code = code;
	}
}

export function assertSampleRate(sampleRate: number): void {
	if (!Number.isFinite(sampleRate) || sampleRate < 4000 || sampleRate > 384000) {
		throw new PitchError(
			'invalid_sample_rate',
			`sampleRate must be a number of Hz in [4000, 384000]; got ${sampleRate}.`
		);
	}
}
