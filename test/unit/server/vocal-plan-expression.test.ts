/**
 * The vocal plan carries the singing expression: a breath room before the song's first phrase and
 * after each rest (never reaching into the previous phrase), and the vibrato scale, both in the
 * phrase ids, so changing the vibrato re-renders the phrases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { storeVocalPlan } from '../../../src/lib/server/sing-stage';
import { FileStore, type BlobStore } from '../../../src/lib/server/storage';
import { PRE_ROLL_SECONDS } from '../../../src/lib/voice/sing';

describe('vocal plan expression', () => {
	let dir: string;
	let store: BlobStore;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'vocal-plan-'));
		store = new FileStore(dir);
	});
	afterEach(async () => rm(dir, { recursive: true, force: true }));

	// Three phrases: at 0.6 s, after a 1 s rest, and after a 0.4 s rest.
	const syllables = readLyrics('月光照 喺窗前 夜深', 'yue');
	const onsets = [0.6, 1.1, 1.6, 3.1, 3.6, 4.1, 5, 5.5];
	const notes = syllables.map((syllable, i) => ({ onsetSeconds: onsets[i], durationSeconds: 0.5, midiPitch: 60 + i, syllable }));
	const parts = { takeId: 't', profileId: 'p', songId: 's', voice: 'reading' as const, language: 'yue' as const, lyrics: '', fitMessage: '', notes };

	it('gives the first phrase and each phrase after a rest room for a breath, clear of the previous phrase', async () => {
		const plan = await storeVocalPlan(store, { ...parts, expression: { vibratoScale: 1 } });
		expect(plan.phrases.map((p) => p.startSeconds)).toEqual([0.6, 3.1, 5]);
		expect(plan.phrases[0].breath!.roomSeconds).toBeCloseTo(0.6 - PRE_ROLL_SECONDS, 9);
		expect(plan.phrases[0].renderStartSeconds).toBeCloseTo(0, 9);
		expect(plan.phrases[1].breath!.roomSeconds).toBeCloseTo(0.7, 9);
		expect(plan.phrases[2].breath!.roomSeconds).toBeCloseTo(0.4 - PRE_ROLL_SECONDS - 0.05, 9);
		for (let i = 1; i < plan.phrases.length; i++) {
			expect(plan.phrases[i].renderStartSeconds).toBeGreaterThan(plan.phrases[i - 1].endSeconds);
			expect(plan.phrases[i].renderStartSeconds).toBeCloseTo(plan.phrases[i].startSeconds - PRE_ROLL_SECONDS - plan.phrases[i].breath!.roomSeconds, 9);
		}
	});

	it('changes every phrase id when the vibrato changes, and none when nothing does', async () => {
		const a = await storeVocalPlan(store, { ...parts, expression: { vibratoScale: 1 } });
		const again = await storeVocalPlan(store, { ...parts, expression: { vibratoScale: 1 } });
		const straight = await storeVocalPlan(store, { ...parts, expression: { vibratoScale: 0 } });
		expect(again.phrases.map((p) => p.id)).toEqual(a.phrases.map((p) => p.id));
		for (let i = 0; i < a.phrases.length; i++) expect(straight.phrases[i].id).not.toBe(a.phrases[i].id);
		expect(straight.vocalId).not.toBe(a.vocalId);
	});
});
