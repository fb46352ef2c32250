/**
 * A song's versions as the owner sees them: each revision's number, when it was made, what changed
 * (the edit's labels, or the request fields a lyric/style/mix change set), the name the owner gave
 * it and whether its mix is ready. Pure: the server reads the stored revisions and hands them here.
 */
import type { SongRequest } from './song-request';

/** Request fields a page change sets, in the order the Versions panel names them. */
export const REQUEST_FIELDS = ['lyrics', 'language', 'style', 'melody', 'candidate', 'seed', 'vibrato', 'brightness', 'mix'] as const satisfies ReadonlyArray<keyof SongRequest>;
export type RequestField = (typeof REQUEST_FIELDS)[number];

/**
 * Where a revision stands: `mixed` (its mix can be played), `rendering` (composed, its phrases or
 * mix still being made), `composing` (not composed yet), `failed` (a stage failed for good).
 */
export type RevisionState = 'mixed' | 'rendering' | 'composing' | 'failed';

export interface RevisionEntry {
	revision: number;
	/** When it was composed (ISO time); null for a revision never composed or composed before times were kept. */
	composedAt: string | null;
	name: string | null;
	/** The labels of the edits that made it ("Move 2 notes"), oldest first; [] for a request revision. */
	labels: string[];
	/** The request fields that differ from the revision before it ([] for the first, or when either is unknown). */
	changedFields: RequestField[];
	/** The revision whose document this one restored; null when it was not a restore. */
	restoredFrom: number | null;
	state: RevisionState;
}

/** What is stored of one revision, as the server read it (null where nothing is stored). */
export interface StoredRevision {
	revision: number;
	composed: { request: SongRequest; composedAt?: string } | null;
	edit: { labels: string[]; restoredFrom?: number } | null;
	name: string | null;
	mixReady: boolean;
	failed: boolean;
}

/** The request fields whose values differ (compared as JSON; an absent optional field equals an absent one only). */
export function changedRequestFields(previous: SongRequest, next: SongRequest): RequestField[] {
	return REQUEST_FIELDS.filter((field) => JSON.stringify(previous[field] ?? null) !== JSON.stringify(next[field] ?? null));
}

/**
 * The Versions list, newest first. `stored` holds consecutive revisions in any order; a revision's
 * changed fields are taken against the one just below it when both are composed. `carriedLabel` is
 * the label stored when a style or mix change carried hand edits forward: its fields say it better.
 */
export function revisionEntries(stored: readonly StoredRevision[], carriedLabel: string): RevisionEntry[] {
	const byRevision = new Map(stored.map((s) => [s.revision, s]));
	return [...stored]
		.sort((a, b) => b.revision - a.revision)
		.map((s) => {
			const below = byRevision.get(s.revision - 1)?.composed ?? null;
			const restoredFrom = s.edit?.restoredFrom ?? null;
			const state: RevisionState = s.mixReady ? 'mixed' : s.failed ? 'failed' : s.composed ? 'rendering' : 'composing';
			return {
				revision: s.revision,
				composedAt: s.composed?.composedAt ?? null,
				name: s.name,
				labels: restoredFrom === null ? (s.edit?.labels ?? []).filter((label) => label !== carriedLabel) : [],
				changedFields: below && s.composed && restoredFrom === null ? changedRequestFields(below.request, s.composed.request) : [],
				restoredFrom,
				state
			};
		});
}

/** Most digits a revision number in a URL may have (a billion edits is beyond any song). */
const REVISION_PATTERN = /^[0-9]{1,9}$/;

/** A revision number from a URL segment: a whole number, else null (the route answers 400; a number the song has not reached is a 404). */
export function parseRevisionNumber(value: string): number | null {
	return REVISION_PATTERN.test(value) ? Number(value) : null;
}
