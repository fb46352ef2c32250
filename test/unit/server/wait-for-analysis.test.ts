import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/server/errors';
import { waitForAnalysis } from '../../../src/lib/server/song-stage';
import type { AnalysisProgress } from '../../../src/lib/take/types';

function sequence(...steps: AnalysisProgress[]): () => Promise<AnalysisProgress> {
	let i = 0;
	return async () => steps[Math.min(i++, steps.length - 1)];
}

describe('waitForAnalysis', () => {
	it('returns once the analysis completes', async () => {
		const progress = sequence({ status: 'queued', stage: 'queued', fraction: 0 }, { status: 'active', stage: 'pitch', fraction: 0.4 }, { status: 'completed', stage: 'done', fraction: 1 });
		await expect(waitForAnalysis(progress, 1)).resolves.toBeUndefined();
	});
	it('fails the song with the analysis error, as a permanent 422', async () => {
		const progress = sequence({ status: 'active', stage: 'decoding', fraction: 0.1 }, { status: 'failed', stage: 'decoding', fraction: 0.1, error: { code: 'silent', message: 'The take is silent.' } });
		const error = await waitForAnalysis(progress, 1).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StudioError);
		expect((error as StudioError).httpStatus).toBe(422);
		expect((error as StudioError).code).toBe('silent');
		expect((error as StudioError).message).toMatch(/The take is silent/);
	});
	it('gives up after its timeout with a message to try again', async () => {
		const error = await waitForAnalysis(sequence({ status: 'queued', stage: 'queued', fraction: 0 }), 1, 20).catch((e: unknown) => e);
		expect((error as StudioError).code).toBe('analysis_timeout');
	});
});
