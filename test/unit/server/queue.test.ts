import { describe, expect, it } from 'vitest';
import { decodeJobError, encodeJobError } from '../../../src/lib/server/queue';
import { sseMessage } from '../../../src/lib/server/sse';

describe('job errors', () => {
	it('keep their code through BullMQ failedReason', () => {
		const error = { code: 'take_not_found', message: 'No take with id "x" exists.\nSecond line.' };
		expect(decodeJobError(encodeJobError(error))).toEqual(error);
	});

	it('turn an unexpected failure into a generic analysis_failed message that says what happened', () => {
		const decoded = decodeJobError('ENOSPC: no space left on device');
		expect(decoded.code).toBe('analysis_failed');
		expect(decoded.message).toContain('ENOSPC');
	});

	it.each([
		['analyze', 'analysis_failed', 'The analysis failed: '],
		['compose', 'compose_failed', 'Composing failed: '],
		['sing', 'sing_failed', 'Singing failed: '],
		['mix', 'mix_failed', 'The mix failed: ']
	] as const)('name the stage of a %s job that failed without a code (a crash, a stall)', (queue, code, start) => {
		const decoded = decodeJobError('job stalled more than allowable limit', queue);
		expect(decoded.code).toBe(code);
		expect(decoded.message.startsWith(`${start}job stalled more than allowable limit.`)).toBe(true);
	});
});

describe('SSE framing', () => {
	it('writes one event with JSON data on one line and a blank line after', () => {
		expect(sseMessage('progress', { stage: 'pitch', text: 'a\nb' })).toBe('event: progress\ndata: {"stage":"pitch","text":"a\\nb"}\n\n');
	});
});
