import { describe, expect, it } from 'vitest';
import { higherStagesBusy, yieldToHigherStages, type HigherStageBacklog } from '../../../src/lib/server/stage-priority';

const idle: HigherStageBacklog = { analyses: 0, compositions: 0, firstPhrases: 0 };

describe('a backing or mix job', () => {
	it('yields while anyone has an analysis, a composition or a first phrase queued or running', () => {
		expect(higherStagesBusy(idle)).toBe(false);
		expect(higherStagesBusy({ ...idle, analyses: 1 })).toBe(true);
		expect(higherStagesBusy({ ...idle, compositions: 2 })).toBe(true);
		expect(higherStagesBusy({ ...idle, firstPhrases: 1 })).toBe(true);
	});

	it('starts as soon as the higher stages are idle', async () => {
		const backlogs = [{ ...idle, analyses: 3 }, { ...idle, firstPhrases: 1 }, idle];
		let reads = 0;
		await yieldToHigherStages(async () => backlogs[Math.min(reads++, backlogs.length - 1)], { pollMs: 5 });
		expect(reads).toBe(3);
	});

	it('starts anyway after the longest wait, so endless load never starves it', async () => {
		const waitedMs = await yieldToHigherStages(async () => ({ ...idle, analyses: 1 }), { pollMs: 5, maxWaitMs: 60 });
		expect(waitedMs).toBeGreaterThanOrEqual(60);
		expect(waitedMs).toBeLessThan(1000);
	});
});
