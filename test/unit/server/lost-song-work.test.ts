import { describe, expect, it } from 'vitest';
import { lostSongWork, presenceOf, type SongRevisionFacts } from '../../../src/lib/server/lost-song-work';

const fresh: SongRevisionFacts = { composed: false, mixed: false, failed: false, composeJob: 'missing', mixJob: 'missing' };

describe('lostSongWork', () => {
	it('composes again a revision that is not composed and whose compose job Redis lost', () => {
		expect(lostSongWork(fresh)).toBe('compose');
		// "Completed" in Redis but no composed document: storage lost it.
		expect(lostSongWork({ ...fresh, composeJob: 'completed' })).toBe('compose');
	});

	it('renders again a composed revision whose mix job Redis lost', () => {
		expect(lostSongWork({ ...fresh, composed: true, composeJob: 'missing' })).toBe('render');
		expect(lostSongWork({ ...fresh, composed: true, composeJob: 'completed', mixJob: 'completed' })).toBe('render');
	});

	it('leaves alone a revision that is mixed, failed for good, or still has a job to run', () => {
		expect(lostSongWork({ ...fresh, composed: true, mixed: true })).toBeNull();
		expect(lostSongWork({ ...fresh, failed: true })).toBeNull();
		expect(lostSongWork({ ...fresh, composeJob: 'pending' })).toBeNull();
		expect(lostSongWork({ ...fresh, composeJob: 'failed' })).toBeNull();
		expect(lostSongWork({ ...fresh, composed: true, composeJob: 'completed', mixJob: 'pending' })).toBeNull();
		// The compose job is about to start the render flow itself.
		expect(lostSongWork({ ...fresh, composed: true, composeJob: 'pending', mixJob: 'missing' })).toBeNull();
	});

	it('reads BullMQ job states as presence', () => {
		expect(presenceOf(null)).toBe('missing');
		expect(presenceOf('unknown')).toBe('missing');
		expect(presenceOf('waiting-children')).toBe('pending');
		expect(presenceOf('delayed')).toBe('pending');
		expect(presenceOf('failed')).toBe('failed');
	});
});
