import { describe, expect, it } from 'vitest';
import { RECORDING_NOTE_TTL_MS, studentStage, type StudentFacts } from '../../../src/lib/classroom';
import type { SongStageName, SongStatus } from '../../../src/lib/song/song-status-types';
import type { AnalysisProgress } from '../../../src/lib/take/types';

const NOW = 1_800_000_000_000;
const TAKE_AT = NOW - 60_000;
const analysing: AnalysisProgress = { status: 'active', stage: 'pitch', fraction: 0.4 };
const analysed: AnalysisProgress = { status: 'completed', stage: 'done', fraction: 1 };
const ERROR = { code: 'no_melody', message: 'No tune was heard.' };

/** A song status with the named stages done and `phrasesReady` of three phrases sung. */
function status(done: SongStageName[], phrasesReady = 0, error: SongStatus['error'] = null): SongStatus {
	const stages = (['analyse', 'compose', 'sing', 'backing', 'mix'] as const).map((stage) => ({ stage, fraction: done.includes(stage) ? 1 : 0, done: done.includes(stage) }));
	const phrases = done.includes('compose') ? [0, 1, 2].map((index) => ({ index, text: '', startSeconds: index, endSeconds: index + 1, renderStartSeconds: index, ready: index < phrasesReady })) : [];
	return { songId: 'song1', revision: 1, composedRevision: done.includes('compose') ? 1 : null, stages, phrases, vocalId: null, mixId: null, error };
}
const facts = (over: Partial<StudentFacts>): StudentFacts => ({ recordingSinceMs: null, take: null, song: null, nowMs: NOW, ...over });
const take = (progress: AnalysisProgress) => ({ id: 'take1', createdAtMs: TAKE_AT, progress });

describe('studentStage', () => {
	it('is joined before anything, with no ids', () => {
		expect(studentStage(facts({}))).toEqual({ stage: 'joined', takeId: null, songId: null, firstPhraseReady: false, error: null });
	});

	it('is recording while a fresh note says so, and not once it is stale or older than the latest take', () => {
		expect(studentStage(facts({ recordingSinceMs: NOW - 5_000 })).stage).toBe('recording');
		expect(studentStage(facts({ recordingSinceMs: NOW - RECORDING_NOTE_TTL_MS })).stage).toBe('joined');
		expect(studentStage(facts({ recordingSinceMs: TAKE_AT - 1, take: take(analysing) })).stage).toBe('analysing');
		// Recording again after a first take.
		expect(studentStage(facts({ recordingSinceMs: TAKE_AT + 1, take: take(analysed), song: { id: 'song1', status: status(['analyse', 'compose', 'sing', 'backing', 'mix']) } })).stage).toBe('recording');
	});

	it('follows the take: analysing, then singing once analysed (the song is being asked for)', () => {
		expect(studentStage(facts({ take: take(analysing) }))).toMatchObject({ stage: 'analysing', takeId: 'take1' });
		expect(studentStage(facts({ take: take(analysed) })).stage).toBe('singing');
	});

	it('is failed with the analysis error', () => {
		expect(studentStage(facts({ take: take({ status: 'failed', stage: 'pitch', fraction: 0.2, error: ERROR }) }))).toMatchObject({ stage: 'failed', error: ERROR });
	});

	it('follows the song: analysing, singing (with the first phrase), mixing, ready', () => {
		const withSong = (s: SongStatus) => studentStage(facts({ take: take(analysing), song: { id: 'song1', status: s } }));
		expect(withSong(status([]))).toMatchObject({ stage: 'analysing', songId: 'song1' });
		expect(withSong(status(['analyse']))).toMatchObject({ stage: 'singing', firstPhraseReady: false });
		expect(withSong(status(['analyse', 'compose'], 1))).toMatchObject({ stage: 'singing', firstPhraseReady: true });
		expect(withSong(status(['analyse', 'compose', 'sing'], 3))).toMatchObject({ stage: 'mixing', firstPhraseReady: true });
		expect(withSong(status(['analyse', 'compose', 'sing', 'backing', 'mix'], 3))).toMatchObject({ stage: 'ready', firstPhraseReady: true, error: null });
	});

	it('is failed with the song error, unless the mix is done', () => {
		expect(studentStage(facts({ take: take(analysed), song: { id: 'song1', status: status(['analyse', 'compose'], 2, ERROR) } }))).toMatchObject({ stage: 'failed', error: ERROR, firstPhraseReady: true });
		expect(studentStage(facts({ take: take(analysed), song: { id: 'song1', status: status(['analyse', 'compose', 'sing', 'backing', 'mix'], 3, ERROR) } })).stage).toBe('ready');
	});
});
