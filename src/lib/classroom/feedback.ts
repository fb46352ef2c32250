/** The teacher's feedback on a student's song, checked at the edge: a star and a short comment. */
import type { SongFeedback } from './types';

export const MAX_COMMENT_CHARS = 500;

export class FeedbackError extends RangeError {
	readonly code = 'bad_feedback';
	readonly httpStatus = 400;
	/** The figures in the message, for its translation. */
	readonly params: Record<string, number> | undefined;
	constructor(message: string, params?: Record<string, number>) {
		super(message);
		this.name = 'FeedbackError';
		this.params = params;
	}
}

/** `{starred, comment}` from a request body, the comment trimmed; throws FeedbackError (400) naming what to send. */
export function parseFeedback(body: unknown, now = new Date()): SongFeedback {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FeedbackError('Send the feedback as JSON: {"starred": true, "comment": "Lovely tune!"}.');
	const { starred, comment, ...rest } = body as Record<string, unknown>;
	const unknown = Object.keys(rest);
	if (unknown.length) throw new FeedbackError(`Unknown feedback field(s): ${unknown.join(', ')}; send starred and comment.`);
	if (typeof starred !== 'boolean') throw new FeedbackError('starred must be true or false.');
	if (typeof comment !== 'string') throw new FeedbackError('comment must be text ("" for none).');
	const text = comment.trim();
	const chars = [...text].length;
	if (chars > MAX_COMMENT_CHARS) throw new FeedbackError(`The comment is ${chars} characters; at most ${MAX_COMMENT_CHARS}.`, { chars, maxChars: MAX_COMMENT_CHARS });
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw new FeedbackError('The comment must be plain text.');
	return { starred, comment: text, updatedAt: now.toISOString() };
}
