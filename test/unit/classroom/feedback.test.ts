import { describe, expect, it } from 'vitest';
import { FeedbackError, MAX_COMMENT_CHARS, parseFeedback } from '../../../src/lib/classroom';

const NOW = new Date('2026-12-06T04:30:00.000Z');

describe('parseFeedback', () => {
	it('keeps a star and a trimmed comment, stamped now', () => {
		expect(parseFeedback({ starred: true, comment: '  Lovely tune!  ' }, NOW)).toEqual({ starred: true, comment: 'Lovely tune!', updatedAt: NOW.toISOString() });
		expect(parseFeedback({ starred: false, comment: '' }, NOW)).toEqual({ starred: false, comment: '', updatedAt: NOW.toISOString() });
	});

	it('counts characters, not UTF-16 units: 500 Chinese characters or emoji pass, 501 do not', () => {
		expect(parseFeedback({ starred: false, comment: '好'.repeat(MAX_COMMENT_CHARS) }, NOW).comment).toHaveLength(MAX_COMMENT_CHARS);
		expect(parseFeedback({ starred: false, comment: '🎵'.repeat(MAX_COMMENT_CHARS) }, NOW).comment).toHaveLength(2 * MAX_COMMENT_CHARS);
		expect(() => parseFeedback({ starred: false, comment: '好'.repeat(MAX_COMMENT_CHARS + 1) })).toThrow(/501 characters; at most 500/);
		try {
			parseFeedback({ starred: false, comment: 'x'.repeat(600) });
		} catch (e) {
			expect(e).toBeInstanceOf(FeedbackError);
			expect((e as FeedbackError).params).toEqual({ chars: 600, maxChars: MAX_COMMENT_CHARS });
			expect((e as FeedbackError).httpStatus).toBe(400);
		}
	});

	it('refuses a body that is not an object, a missing or wrong-typed field, and unknown fields, each with a 400 naming it', () => {
		for (const body of [null, [], 'star', 3]) expect(() => parseFeedback(body)).toThrow(FeedbackError);
		expect(() => parseFeedback({ comment: 'hi' })).toThrow(/starred must be true or false/);
		expect(() => parseFeedback({ starred: 'yes', comment: 'hi' })).toThrow(/starred must be true or false/);
		expect(() => parseFeedback({ starred: true })).toThrow(/comment must be text/);
		expect(() => parseFeedback({ starred: true, comment: 5 })).toThrow(/comment must be text/);
		expect(() => parseFeedback({ starred: true, comment: '', songId: 'x' })).toThrow(/Unknown feedback field\(s\): songId/);
	});

	it('refuses control characters but keeps line breaks', () => {
		expect(parseFeedback({ starred: false, comment: 'Line one\nLine two' }, NOW).comment).toBe('Line one\nLine two');
		expect(() => parseFeedback({ starred: false, comment: 'bell\u0007' })).toThrow(/plain text/);
	});
});
