/**
 * The settings a teacher may set on a class, checked at the edge: every field optional in a
 * change, each with its range, so a bad PATCH answers 400 naming the field and changes nothing.
 */
import { STYLE_NAMES, type StyleName } from '../song/types';
import { LANGUAGES, type Language } from '../take/types';
import type { Assignment, ConsentBy } from './types';

export const MAX_TITLE_CHARS = 80;
export const MAX_NOTICE_CHARS = 2000;
export const MAX_PROMPT_CHARS = 500;
export const MAX_CLASS_LYRICS_CHARS = 2000;
export const MAX_DISPLAY_NAME_CHARS = 40;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;
export const DEFAULT_RETENTION_DAYS = 30;

export const DEFAULT_NOTICE =
	'In this class the studio keeps your recording, the voice it learns from it and the songs made with it on the teacher’s computer only, never online. ' +
	'Only you and your teacher can hear them, and classmates hear a song only when the teacher shares it. ' +
	'Everything is deleted when the class ends, or after the class’s retention period at the latest.';

export const EMPTY_ASSIGNMENT: Assignment = { prompt: '', language: null, style: null, lyrics: null };

export interface ClassSettingsChange {
	title?: string;
	notice?: string;
	retentionDays?: number;
	consentBy?: ConsentBy;
	locked?: boolean;
	assignment?: Assignment;
	/** The teacher agrees to the notice for the whole class (consentBy 'teacher'). */
	teacherConsent?: boolean;
}

export class ClassSettingsError extends RangeError {
	readonly code = 'bad_class_settings';
	readonly httpStatus = 400;
	constructor(message: string) {
		super(message);
		this.name = 'ClassSettingsError';
	}
}

function text(value: unknown, field: string, maxChars: number, allowEmpty: boolean): string {
	if (typeof value !== 'string') throw new ClassSettingsError(`${field} must be text.`);
	const trimmed = value.trim();
	if (!allowEmpty && trimmed === '') throw new ClassSettingsError(`${field} must not be empty.`);
	if ([...trimmed].length > maxChars) throw new ClassSettingsError(`${field} is ${[...trimmed].length} characters; at most ${maxChars}.`);
	return trimmed;
}

function assignmentOf(value: unknown): Assignment {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClassSettingsError('assignment must be an object with prompt, language, style and lyrics.');
	const input = value as Record<string, unknown>;
	const language = input.language ?? null;
	if (language !== null && !(LANGUAGES as readonly unknown[]).includes(language)) throw new ClassSettingsError(`assignment.language must be one of ${LANGUAGES.join(', ')} or null.`);
	const style = input.style ?? null;
	if (style !== null && !(STYLE_NAMES as readonly unknown[]).includes(style)) throw new ClassSettingsError(`assignment.style must be one of ${STYLE_NAMES.join(', ')} or null.`);
	const lyrics = input.lyrics === null || input.lyrics === undefined ? null : text(input.lyrics, 'assignment.lyrics', MAX_CLASS_LYRICS_CHARS, true) || null;
	return { prompt: input.prompt === undefined ? '' : text(input.prompt, 'assignment.prompt', MAX_PROMPT_CHARS, true), language: language as Language | null, style: style as StyleName | null, lyrics };
}

/** A settings change from a request body; throws ClassSettingsError (400) naming the first bad field. */
export function parseClassSettings(body: unknown): ClassSettingsChange {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ClassSettingsError('Send the class settings as a JSON object, e.g. {"locked": true}.');
	const input = body as Record<string, unknown>;
	const known = new Set(['title', 'notice', 'retentionDays', 'consentBy', 'locked', 'assignment', 'teacherConsent']);
	const unknown = Object.keys(input).filter((k) => !known.has(k));
	if (unknown.length) throw new ClassSettingsError(`Unknown class setting(s): ${unknown.join(', ')}; the settings are ${[...known].join(', ')}.`);
	const change: ClassSettingsChange = {};
	if (input.title !== undefined) change.title = text(input.title, 'title', MAX_TITLE_CHARS, false);
	if (input.notice !== undefined) change.notice = text(input.notice, 'notice', MAX_NOTICE_CHARS, false);
	if (input.retentionDays !== undefined) {
		const days = input.retentionDays;
		if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)
			throw new ClassSettingsError(`retentionDays must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`);
		change.retentionDays = days;
	}
	if (input.consentBy !== undefined) {
		if (input.consentBy !== 'student' && input.consentBy !== 'teacher') throw new ClassSettingsError('consentBy must be "student" (each student agrees) or "teacher" (you agree for the class).');
		change.consentBy = input.consentBy;
	}
	if (input.locked !== undefined) {
		if (typeof input.locked !== 'boolean') throw new ClassSettingsError('locked must be true or false.');
		change.locked = input.locked;
	}
	if (input.teacherConsent !== undefined) {
		if (typeof input.teacherConsent !== 'boolean') throw new ClassSettingsError('teacherConsent must be true or false.');
		change.teacherConsent = input.teacherConsent;
	}
	if (input.assignment !== undefined) change.assignment = assignmentOf(input.assignment);
	return change;
}

/** A student's display name as typed: trimmed, 1–40 characters, no control characters. */
export function parseDisplayName(value: unknown): string {
	const name = text(value ?? '', 'Your name', MAX_DISPLAY_NAME_CHARS, false).replace(/\s+/g, ' ');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(name)) throw new ClassSettingsError('Your name must be plain text.');
	return name;
}

/** When a class nobody ended is deleted (ms since 1970). */
export function classExpiresAtMs(createdAt: string, retentionDays: number): number {
	return Date.parse(createdAt) + retentionDays * 24 * 60 * 60 * 1000;
}
