import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/server/errors';
import { decodeJobError } from '../../../src/lib/server/queue';
import { isDeterministicError } from '../../../src/lib/server/stage-errors';
import { SongRequestError } from '../../../src/lib/song/song-request';
import { jobFailure } from '../../../worker/processors/job-errors';

const isRetried = (e: Error) => !(e instanceof UnrecoverableError);

describe('a job failure', () => {
	it('that will fail the same way again (the mix range error of a quiet take) is not retried and names the mix', () => {
		const failure = jobFailure(new RangeError('vocalGainDb must be in [-96, 24] dB; got 24.31.'), 'mix');
		expect(isRetried(failure)).toBe(false);
		expect(decodeJobError(failure.message, 'mix')).toEqual({ code: 'mix_failed', message: 'The mix failed: vocalGainDb must be in [-96, 24] dB; got 24.31.' });
	});

	it.each([
		[new TypeError("Cannot read properties of null (reading 'mix')"), 'sing', 'Singing failed: '],
		[new SyntaxError('Unexpected end of JSON input'), 'compose', 'Composing failed: '],
		[new ReferenceError('note is not defined'), 'analyze', 'The analysis failed: ']
	] as const)('%s is deterministic: not retried, named by its stage', (error, queue, start) => {
		const failure = jobFailure(error, queue);
		expect(isRetried(failure)).toBe(false);
		expect(decodeJobError(failure.message, queue).message.startsWith(start)).toBe(true);
	});

	it('that may pass (disk, Redis, memory) is retried, and names its stage in case it never passes', () => {
		const disk = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
		for (const error of [disk, new Error('Connection is closed.'), new RangeError('Array buffer allocation failed')]) {
			const failure = jobFailure(error, 'mix');
			expect(isRetried(failure), error.message).toBe(true);
			expect(decodeJobError(failure.message, 'analyze').message).toMatch(/^The mix failed: .+ Try again in a moment\.$/);
		}
	});

	it("about the user's input keeps its own sentence; a studio fault (5xx) is named by its stage and retried", () => {
		const lyrics = jobFailure(new StudioError('too_many_syllables', 422, 'The lyrics have 30 syllables; cut 12 syllables.'), 'compose');
		expect(isRetried(lyrics)).toBe(false);
		expect(decodeJobError(lyrics.message)).toEqual({ code: 'too_many_syllables', message: 'The lyrics have 30 syllables; cut 12 syllables.' });
		const request = jobFailure(new SongRequestError('style must be one of pop, lo-fi.'), 'compose');
		expect(isRetried(request)).toBe(false);
		expect(decodeJobError(request.message).message).toBe('style must be one of pop, lo-fi.');
		const missing = jobFailure(new StudioError('backing_missing', 500, 'The backing has not been rendered.'), 'mix');
		expect(isRetried(missing)).toBe(true);
		expect(decodeJobError(missing.message)).toEqual({ code: 'backing_missing', message: 'The mix failed: The backing has not been rendered. Try again in a moment.' });
	});

	it('classes only errors of bugs and bad data as deterministic', () => {
		expect(isDeterministicError(new RangeError('x'))).toBe(true);
		expect(isDeterministicError(new Error('ECONNREFUSED'))).toBe(false);
		expect(isDeterministicError('a string')).toBe(false);
	});
});
