/**
 * A breath set by hand before a note: the note before ends earlier (the marked note keeps its
 * onset and length), a sung phrase starts at the mark with room for a breath, and the sung vocal
 * has one of the user's breaths (noise at the reading's relative level) in the gap, where without
 * the mark the previous note is sung on.
 */
import { describe, expect, it } from 'vitest';
import type { FittedNote } from '../../../src/lib/lyrics/fit-lyrics';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import type { Breath } from '../../../src/lib/voice/breaths';
import { makeBreathRoom, MIN_NOTE_BEFORE_BREATH_SECONDS } from '../../../src/lib/voice/breath-marks';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { joinPhrases } from '../../../src/lib/voice/join-phrases';
import { placeSungPhrases } from '../../../src/lib/voice/phrase-plan';
import type { VoiceProfile } from '../../../src/lib/voice/profile';
import { singPhrase } from '../../../src/lib/voice/sing';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const syllables = readLyrics('sing a song and on', 'en');
/** Five notes of 0.6 s in a row from 1 s, no rest between them; a breath of `breathSeconds` set before the fourth (“and”) when given. */
function line(breathSeconds?: number): FittedNote[] {
	return syllables.map((syllable, i) => ({
		onsetSeconds: 1 + 0.6 * i,
		durationSeconds: 0.6,
		midiPitch: 60 + (i % 3),
		syllable,
		...(i === 3 && breathSeconds !== undefined ? { expression: { breathBeforeSeconds: breathSeconds } } : {})
	}));
}
const MARKED_ONSET = 1 + 0.6 * 3;

describe('a breath set before a note', () => {
	it('shortens the note before it, never the marked note, never below the shortest note, and not on a melisma', () => {
		const made = makeBreathRoom(line(0.5));
		expect(made[2].durationSeconds).toBeCloseTo(0.1, 9);
		expect([made[3].onsetSeconds, made[3].durationSeconds]).toEqual([MARKED_ONSET, 0.6]);
		expect(made.filter((_, i) => i !== 2)).toEqual(line(0.5).filter((_, i) => i !== 2));
		// A breath longer than the note before leaves it its shortest length.
		expect(makeBreathRoom(line(1.2))[2].durationSeconds).toBeCloseTo(MIN_NOTE_BEFORE_BREATH_SECONDS, 9);
		// A melisma note takes no breath; nor does a line without marks change.
		const melisma = line(0.5).map((n, i) => (i === 3 ? { ...n, syllable: null } : n));
		expect(makeBreathRoom(melisma)).toEqual(melisma);
		expect(makeBreathRoom(line())).toEqual(line());
	});

	it('starts a sung phrase at the marked note with room for a breath; without the mark the line is one phrase', () => {
		const marked = placeSungPhrases(line(0.5));
		expect(marked.map((p) => p.notes.length)).toEqual([3, 2]);
		expect(marked[1].breath).not.toBeNull();
		expect(marked[1].startSeconds).toBe(MARKED_ONSET);
		expect(marked[1].renderStartSeconds).toBeGreaterThan(marked[0].endSeconds);
		expect(placeSungPhrases(line()).map((p) => p.notes.length)).toEqual([5]);
	});

	describe.skipIf(!HAS_ESPEAK)('in the sung vocal (eSpeak reading; skipped without espeak-ng)', () => {
		const fs = 44100;
		const lines = READING_PROMPTS.en.lines;
		const plain = buildVoiceProfile(renderEspeak(lines.join(' '), { voice: 'en-us', speed: 170 }), fs, 'en', lines);
		// One breath of low-passed noise, 0.4 s, 28 dB below the reading's vowels (as breaths.test.ts).
		let state = 12345;
		let low = 0;
		const pcm = Int16Array.from({ length: Math.round(0.4 * fs) }, () => {
			state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
			low += 0.3 * (state / 2 ** 31 - 1 - low);
			return Math.round(2000 * low);
		});
		const breath: Breath = { sampleRate: fs, pcm, levelDb: -28, sourceSeconds: 0 };
		const breathing: VoiceProfile = { ...plain, breaths: [breath] };

		/** The whole vocal as the sing stage makes it: phrases placed, each sung, joined on one timeline from 0 s. */
		function vocal(profile: VoiceProfile, notes: FittedNote[]): Float32Array {
			const parts = placeSungPhrases(notes).map((p) => ({
				atSample: Math.round(p.renderStartSeconds * fs),
				pcm: singPhrase(profile, p.notes, { fs, breath: p.breath ?? undefined, seed: p.index + 1 }).pcm
			}));
			return joinPhrases(parts, { maxPeak: Infinity });
		}
		const powerDb = (x: Float32Array, from: number, to: number) => {
			let sum = 0;
			for (let i = Math.round(from * fs); i < Math.round(to * fs); i++) sum += (x[i] ?? 0) ** 2;
			return 10 * Math.log10(sum / Math.round((to - from) * fs) + 1e-20);
		};
		const difference = (a: Float32Array, b: Float32Array) => Float32Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) - (b[i] ?? 0));

		it('puts one of the user’s breaths in the gap before the marked note (and nothing there without the mark)', () => {
			const marked = line(0.5);
			// The breath is what the user's breaths add: the same vocal sung with and without them.
			const breathMarked = difference(vocal(breathing, marked), vocal(plain, marked));
			const breathUnmarked = difference(vocal(breathing, line()), vocal(plain, line()));
			const sungUnmarked = vocal(plain, line());
			const vowelsDb = powerDb(sungUnmarked, 1, 1 + 0.6 * 5);
			// The gap: from just after the shortened note (ends 0.5 s before the mark) to before the marked syllable's vowel.
			const [from, to] = [MARKED_ONSET - 0.42, MARKED_ONSET - 0.1];
			const markedDb = powerDb(breathMarked, from, to) - vowelsDb;
			console.log(`breath before a note: ${markedDb.toFixed(1)} dB against the vowels in the gap (reading: −28 dB); without the mark ${(powerDb(breathUnmarked, from, to) - vowelsDb).toFixed(1)} dB, the previous note sung there at ${(powerDb(sungUnmarked, from, to) - vowelsDb).toFixed(1)} dB`);
			expect(Math.abs(markedDb - -28)).toBeLessThan(6);
			// Without the mark no breath goes there: the previous note is sung on through it, loud.
			expect(powerDb(breathUnmarked, from, to) - vowelsDb).toBeLessThan(-100);
			expect(powerDb(sungUnmarked, from, to) - vowelsDb).toBeGreaterThan(-10);
			// The breath is noise, not a tone: it changes sign far more often than any sung pitch (C4–D4) does.
			let crossings = 0;
			for (let i = Math.round(from * fs) + 1; i < Math.round(to * fs); i++) if (breathMarked[i - 1] < 0 !== breathMarked[i] < 0) crossings++;
			expect(crossings / (to - from)).toBeGreaterThan(2000);
			// It ends before the marked note: from its onset on, the vocal is as it would be without the user's breaths.
			expect(powerDb(breathMarked, MARKED_ONSET, MARKED_ONSET + 0.6)).toBeLessThan(-100);
		});
	});
});
