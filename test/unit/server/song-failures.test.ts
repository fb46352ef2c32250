import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { songOfSingJob } from '../../../src/lib/server/song-failures';
import { failureJson, isFinalFailure } from '../../../worker/processors/job-errors';

describe('song failures', () => {
	it('finds the song revision of a song’s vocal and phrase jobs, and none for a take’s own vocal', () => {
		expect(songOfSingJob('song-vocal-0a1b2c3d4e5f60718293-2')).toEqual({ songId: '0a1b2c3d4e5f60718293', revision: 2 });
		expect(songOfSingJob('song-phrase-0a1b2c3d4e5f60718293-11-4')).toEqual({ songId: '0a1b2c3d4e5f60718293', revision: 11 });
		expect(songOfSingJob('phrase-abc-3')).toBeNull();
		expect(songOfSingJob(undefined)).toBeNull();
	});

	it('treats a failure as final when it cannot be retried or the job has no attempt left', () => {
		const opts = { attempts: 3 };
		expect(isFinalFailure({ attemptsMade: 0, opts }, new UnrecoverableError('[too_many_syllables] cut 12'))).toBe(true);
		expect(isFinalFailure({ attemptsMade: 0, opts }, new Error('disk'))).toBe(false);
		expect(isFinalFailure({ attemptsMade: 2, opts }, new Error('disk'))).toBe(true);
	});

	it('keeps a processor’s code and message, and names the stage of anything else', () => {
		expect(failureJson('compose', new Error('[too_many_syllables] The lyrics are too long: cut 12 syllables.'))).toEqual({ code: 'too_many_syllables', message: 'The lyrics are too long: cut 12 syllables.' });
		expect(failureJson('mix', new Error('out of memory'))).toEqual({ code: 'mix_failed', message: 'The mix failed: out of memory' });
	});
});
