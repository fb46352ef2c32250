import { afterEach, describe, expect, it } from 'vitest';
import type { ClassRecord, DashboardEntry, StudentStage } from '../../../src/lib/classroom';
import { ClassWatcher, type ClassWatchEvent } from '../../../src/lib/server/class-dashboard';

const CLASS: ClassRecord = {
	id: 'a'.repeat(20),
	createdAt: '2026-12-06T04:00:00.000Z',
	title: '4B music',
	teacherHash: 'secret-hash',
	joinCode: 'K7X3MP',
	notice: 'Kept on this computer.',
	retentionDays: 30,
	consentBy: 'student',
	teacherConsentAt: null,
	locked: false,
	assignment: { prompt: '', language: null, style: null, lyrics: null },
	projectorSongId: null
};

const entry = (id: string, stage: StudentStage): DashboardEntry => ({
	student: { id, displayName: id, joinedAt: CLASS.createdAt, consentAt: null },
	view: { stage, error: null, takeId: null, songId: null, firstPhraseReady: false },
	feedback: null,
	inGallery: false
});

/** A class whose state the test sets; counts how often it was read. */
function fakeClass() {
	const state = { record: CLASS as ClassRecord | null, entries: [entry('mei', 'joined'), entry('ken', 'joined')], reads: 0 };
	const read = async () => {
		state.reads++;
		return state.record ? { record: state.record, entries: state.entries } : null;
	};
	return { state, read };
}

const until = async (holds: () => boolean, timeoutMs = 2_000) => {
	const deadline = Date.now() + timeoutMs;
	while (!holds()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
};

describe('ClassWatcher', () => {
	const unsubscribes: (() => void)[] = [];
	afterEach(() => unsubscribes.splice(0).forEach((u) => u()));

	it('starts a stream with the class (no key hash) and every student, then sends only the student who changed', async () => {
		const { state, read } = fakeClass();
		const watcher = new ClassWatcher(read, 10);
		const events: ClassWatchEvent[] = [];
		const { snapshot, unsubscribe } = await watcher.subscribe(CLASS.id, (e) => events.push(e));
		unsubscribes.push(unsubscribe);
		expect(snapshot.class).not.toHaveProperty('teacherHash');
		expect(snapshot.class.joinPath).toBe('/join/K7X3MP');
		expect(snapshot.students.map((e) => e.view.stage)).toEqual(['joined', 'joined']);
		const reads = state.reads;
		await until(() => state.reads >= reads + 3);
		expect(events).toEqual([]);

		const before = Date.now();
		state.entries = [entry('mei', 'recording'), entry('ken', 'joined')];
		await until(() => events.length > 0);
		expect(events).toHaveLength(1);
		const [change] = events;
		expect(change.event).toBe('student');
		if (change.event !== 'student') return;
		expect(change.data.student.id).toBe('mei');
		expect(change.data.view.stage).toBe('recording');
		expect(change.data.changedAtMs).toBeGreaterThanOrEqual(before);
	});

	it('sends the class when it changed, and a student who is gone', async () => {
		const { state, read } = fakeClass();
		const watcher = new ClassWatcher(read, 10);
		const events: ClassWatchEvent[] = [];
		unsubscribes.push((await watcher.subscribe(CLASS.id, (e) => events.push(e))).unsubscribe);
		state.record = { ...CLASS, projectorSongId: 'b'.repeat(20) };
		state.entries = [entry('mei', 'joined')];
		await until(() => events.length >= 2);
		expect(events.map((e) => e.event).sort()).toEqual(['class', 'left']);
		expect(events.find((e) => e.event === 'class')?.data).toMatchObject({ projectorSongId: 'b'.repeat(20) });
		expect(events.find((e) => e.event === 'left')?.data).toEqual({ studentId: 'ken' });
	});

	it('reads a class once for all its streams, and stops reading when the last one leaves', async () => {
		const { state, read } = fakeClass();
		const watcher = new ClassWatcher(read, 10);
		const first = await watcher.subscribe(CLASS.id, () => {});
		const second = await watcher.subscribe(CLASS.id, () => {});
		expect(watcher.followed).toBe(1);
		first.unsubscribe();
		expect(watcher.followed).toBe(1);
		second.unsubscribe();
		expect(watcher.followed).toBe(0);
		const reads = state.reads;
		await new Promise((r) => setTimeout(r, 60));
		expect(state.reads).toBe(reads);
	});

	it('tells every stream the class ended, and refuses new ones with class_not_found', async () => {
		const { state, read } = fakeClass();
		const watcher = new ClassWatcher(read, 10);
		const events: ClassWatchEvent[] = [];
		unsubscribes.push((await watcher.subscribe(CLASS.id, (e) => events.push(e))).unsubscribe);
		state.record = null;
		await until(() => events.length > 0);
		expect(events).toEqual([{ event: 'ended', data: expect.objectContaining({ code: 'class_not_found' }) }]);
		expect(watcher.followed).toBe(0);
		await expect(watcher.subscribe(CLASS.id, () => {})).rejects.toMatchObject({ code: 'class_not_found', httpStatus: 404 });
		expect(watcher.followed).toBe(0);
	});

	it('keeps the last reading through a failed one, and a stream that connects during an outage hears why', async () => {
		const { state, read } = fakeClass();
		let failing = false;
		const outage = Object.assign(new Error('down'), { code: 'queue_unavailable', httpStatus: 503 });
		const watcher = new ClassWatcher(async () => {
			if (failing) throw outage;
			return read();
		}, 10);
		const events: ClassWatchEvent[] = [];
		unsubscribes.push((await watcher.subscribe(CLASS.id, (e) => events.push(e))).unsubscribe);
		failing = true;
		const reads = state.reads;
		await new Promise((r) => setTimeout(r, 50));
		failing = false;
		state.entries = [entry('mei', 'analysing'), entry('ken', 'joined')];
		await until(() => events.length > 0);
		expect(state.reads).toBeGreaterThan(reads);
		expect(events.map((e) => e.event)).toEqual(['student']);

		failing = true;
		const other = new ClassWatcher(async () => {
			throw outage;
		}, 10);
		await expect(other.subscribe(CLASS.id, () => {})).rejects.toBe(outage);
		expect(other.followed).toBe(0);
	});
});
