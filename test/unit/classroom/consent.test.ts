import { describe, expect, it } from 'vitest';
import { hasConsent } from '../../../src/lib/classroom';

describe('hasConsent', () => {
	const AT = '2026-12-06T09:00:00.000Z';
	it.each([
		['student', null, null, false],
		['student', null, AT, true],
		// The teacher agreeing does not count for a class where each student agrees.
		['student', AT, null, false],
		['teacher', null, null, false],
		// Nor a student agreeing for a class where the teacher agrees for everyone.
		['teacher', null, AT, false],
		['teacher', AT, null, true],
		['teacher', AT, AT, true]
	] as const)('consentBy %s, teacher agreed %s, student agreed %s → %s', (consentBy, teacherConsentAt, consentAt, expected) => {
		expect(hasConsent({ consentBy, teacherConsentAt }, { consentAt })).toBe(expected);
	});
});
