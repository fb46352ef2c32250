import { describe, expect, it } from 'vitest';
import { diffDashboard, type DashboardEntry } from '../../../src/lib/classroom';

function entry(id: string, stage: DashboardEntry['view']['stage'] = 'joined', extra: Partial<DashboardEntry> = {}): DashboardEntry {
	return {
		student: { id, displayName: `Student ${id}`, joinedAt: '2026-12-06T04:00:00.000Z', consentAt: null },
		view: { stage, error: null, takeId: null, songId: null, firstPhraseReady: false },
		feedback: null,
		inGallery: false,
		...extra
	};
}

describe('diffDashboard', () => {
	it('sends every student on the first reading, in the reading’s order', () => {
		const diff = diffDashboard(new Map(), [entry('b'), entry('a')]);
		expect(diff.changed.map((e) => e.student.id)).toEqual(['b', 'a']);
		expect(diff.removed).toEqual([]);
	});

	it('sends nothing when nothing changed', () => {
		const first = diffDashboard(new Map(), [entry('a'), entry('b')]);
		const again = diffDashboard(first.fingerprints, [entry('a'), entry('b')]);
		expect(again.changed).toEqual([]);
		expect(again.removed).toEqual([]);
	});

	it('sends only the student whose stage, feedback or gallery place changed', () => {
		const first = diffDashboard(new Map(), [entry('a'), entry('b'), entry('c')]);
		const next = [entry('a', 'recording'), entry('b'), entry('c', 'joined', { inGallery: true })];
		expect(diffDashboard(first.fingerprints, next).changed.map((e) => e.student.id)).toEqual(['a', 'c']);
		const starred = [entry('a'), entry('b', 'joined', { feedback: { starred: true, comment: '', updatedAt: '2026-12-06T04:01:00.000Z' } }), entry('c')];
		expect(diffDashboard(first.fingerprints, starred).changed.map((e) => e.student.id)).toEqual(['b']);
	});

	it('sends a student who joined since, and names one who is gone', () => {
		const first = diffDashboard(new Map(), [entry('a'), entry('b')]);
		const diff = diffDashboard(first.fingerprints, [entry('a'), entry('c')]);
		expect(diff.changed.map((e) => e.student.id)).toEqual(['c']);
		expect(diff.removed).toEqual(['b']);
		expect([...diff.fingerprints.keys()]).toEqual(['a', 'c']);
	});

	it('sees a failure’s reason change even when the stage stays failed', () => {
		const failed = (message: string) => entry('a', 'failed', { view: { stage: 'failed', error: { code: 'too_quiet', message }, takeId: 't', songId: null, firstPhraseReady: false } });
		const first = diffDashboard(new Map(), [failed('one')]);
		expect(diffDashboard(first.fingerprints, [failed('two')]).changed).toHaveLength(1);
	});
});
