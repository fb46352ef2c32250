import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE } from '../../../src/lib/classroom';
import { MESSAGES } from '../../../src/lib/i18n';

describe('the consent notice a new class starts with', () => {
	it('is, in English, the server’s default notice word for word (the home page sends it in the teacher’s language)', () => {
		expect(MESSAGES.en['classTeacher.defaultNotice']).toBe(DEFAULT_NOTICE);
		for (const locale of ['zh-HK', 'zh-CN'] as const) expect(MESSAGES[locale]['classTeacher.defaultNotice']).not.toBe(DEFAULT_NOTICE);
	});
});
