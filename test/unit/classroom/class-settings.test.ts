import { describe, expect, it } from 'vitest';
import {
	classExpiresAtMs,
	ClassSettingsError,
	MAX_CLASS_LYRICS_CHARS,
	MAX_DISPLAY_NAME_CHARS,
	MAX_NOTICE_CHARS,
	MAX_PROMPT_CHARS,
	MAX_RETENTION_DAYS,
	MAX_TITLE_CHARS,
	MIN_RETENTION_DAYS,
	parseClassSettings,
	parseDisplayName
} from '../../../src/lib/classroom';

/** The message a refused change gives (and that it is the 400 bad_class_settings). */
function refusal(body: unknown): string {
	try {
		parseClassSettings(body);
	} catch (e) {
		expect(e).toBeInstanceOf(ClassSettingsError);
		expect((e as ClassSettingsError).code).toBe('bad_class_settings');
		expect((e as ClassSettingsError).httpStatus).toBe(400);
		return (e as Error).message;
	}
	throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe('parseClassSettings', () => {
	it('accepts an empty change and every field in range, trimmed', () => {
		expect(parseClassSettings({})).toEqual({});
		expect(
			parseClassSettings({
				title: '  4B music ',
				notice: 'Kept here.',
				retentionDays: 7,
				consentBy: 'teacher',
				teacherConsent: true,
				locked: true,
				assignment: { prompt: 'The sea', language: 'yue', style: 'lo-fi', lyrics: '  ' }
			})
		).toEqual({ title: '4B music', notice: 'Kept here.', retentionDays: 7, consentBy: 'teacher', teacherConsent: true, locked: true, assignment: { prompt: 'The sea', language: 'yue', style: 'lo-fi', lyrics: null } });
	});

	it('refuses what is not an object', () => {
		for (const body of [null, [], 'x', 3]) expect(refusal(body)).toMatch(/JSON object/);
	});

	it('names unknown settings', () => {
		expect(refusal({ titel: 'x' })).toMatch(/Unknown class setting\(s\): titel/);
	});

	it('keeps the title to 1–80 characters (counted as characters, not UTF-16 units)', () => {
		expect(refusal({ title: '   ' })).toMatch(/title must not be empty/);
		expect(refusal({ title: 3 })).toMatch(/title must be text/);
		expect(refusal({ title: 'x'.repeat(MAX_TITLE_CHARS + 1) })).toMatch(/title is 81 characters; at most 80/);
		expect(parseClassSettings({ title: '🎵'.repeat(MAX_TITLE_CHARS) }).title).toHaveLength(2 * MAX_TITLE_CHARS);
	});

	it('keeps the notice to 1–2000 characters', () => {
		expect(refusal({ notice: '' })).toMatch(/notice must not be empty/);
		expect(refusal({ notice: 'x'.repeat(MAX_NOTICE_CHARS + 1) })).toMatch(/at most 2000/);
		expect(parseClassSettings({ notice: 'x'.repeat(MAX_NOTICE_CHARS) }).notice).toHaveLength(MAX_NOTICE_CHARS);
	});

	it('keeps retentionDays a whole number from 1 to 365', () => {
		for (const days of [MIN_RETENTION_DAYS - 1, MAX_RETENTION_DAYS + 1, 1.5, '30', null, -3]) expect(refusal({ retentionDays: days })).toMatch(/retentionDays must be a whole number of days from 1 to 365/);
		expect(parseClassSettings({ retentionDays: MIN_RETENTION_DAYS }).retentionDays).toBe(1);
		expect(parseClassSettings({ retentionDays: MAX_RETENTION_DAYS }).retentionDays).toBe(365);
	});

	it('takes consentBy, locked and teacherConsent only in their own forms', () => {
		expect(refusal({ consentBy: 'parent' })).toMatch(/consentBy must be "student"/);
		expect(refusal({ locked: 'yes' })).toMatch(/locked must be true or false/);
		expect(refusal({ teacherConsent: 1 })).toMatch(/teacherConsent must be true or false/);
	});

	it('checks the assignment field by field', () => {
		expect(refusal({ assignment: 'sing' })).toMatch(/assignment must be an object/);
		expect(refusal({ assignment: { language: 'fr' } })).toMatch(/assignment.language must be one of yue, cmn, en or null/);
		expect(refusal({ assignment: { style: 'polka' } })).toMatch(/assignment.style must be one of/);
		expect(refusal({ assignment: { prompt: 'x'.repeat(MAX_PROMPT_CHARS + 1) } })).toMatch(/assignment.prompt is 501 characters; at most 500/);
		expect(refusal({ assignment: { lyrics: 'x'.repeat(MAX_CLASS_LYRICS_CHARS + 1) } })).toMatch(/assignment.lyrics is 2001 characters/);
		expect(parseClassSettings({ assignment: {} }).assignment).toEqual({ prompt: '', language: null, style: null, lyrics: null });
	});
});

describe('parseDisplayName', () => {
	it('trims and folds inner spaces', () => {
		expect(parseDisplayName('  Mei   Chan ')).toBe('Mei Chan');
		expect(parseDisplayName('陳小明')).toBe('陳小明');
	});

	it('refuses empty, too long, non-text and control characters', () => {
		expect(() => parseDisplayName('  ')).toThrow(/Your name must not be empty/);
		expect(() => parseDisplayName(undefined)).toThrow(/Your name must not be empty/);
		expect(() => parseDisplayName(42)).toThrow(/Your name must be text/);
		expect(() => parseDisplayName('x'.repeat(MAX_DISPLAY_NAME_CHARS + 1))).toThrow(/at most 40/);
		expect(parseDisplayName('x'.repeat(MAX_DISPLAY_NAME_CHARS))).toHaveLength(40);
		expect(() => parseDisplayName('Mei\u0007')).toThrow(/plain text/);
	});
});

describe('classExpiresAtMs', () => {
	it('is the start plus the retention days', () => {
		expect(classExpiresAtMs('2026-12-01T00:00:00.000Z', 30)).toBe(Date.parse('2026-12-31T00:00:00.000Z'));
		expect(classExpiresAtMs('2026-12-01T12:00:00.000Z', 1)).toBe(Date.parse('2026-12-02T12:00:00.000Z'));
	});
});
