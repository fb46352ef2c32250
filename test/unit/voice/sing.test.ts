/**
 * Voice profile and singing: a profile built from an eSpeak NG reading of the Cantonese prompt
 * (skipped without espeak-ng), unit selection, and sung phrases whose pitch the studio's own
 * tracker measures against the score.
 */
import { describe, expect, it } from 'vitest';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import { READING_PROMPTS } from '../../../src/lib/lyrics/prompts';
import { buildVoiceProfile } from '../../../src/lib/voice/build-profile';
import { midiToHz } from '../../../src/lib/pitch/units';
import { melodyF0 } from '../../../src/lib/voice/melody-f0';
import { pitchCurveCentsAt } from '../../../src/lib/song/pitch-curve';
import { singPhrase, type SungNote } from '../../../src/lib/voice/sing';
import { selectUnit } from '../../../src/lib/voice/unit-selection';
import { HAS_ESPEAK, renderEspeak } from '../../helpers/espeak';

const cents = (hz: number, midi: number) => 1200 * Math.log2(hz / midiToHz(midi));

/**
 * Voiced frames in the middle of each note (25–80 % of it, away from the glides) and how many lie
 * within 25 cents of it. The tracker searches only the score's range widened by a factor 1.4 each
 * way (under an octave): eSpeak's vowels have formants so narrow that a note can fall with its odd
 * harmonics in a 30 dB valley (yue "a", 900–1100 Hz), where an open search hears the octave above.
 */
function pitchAccuracy(out: { pcm: Float32Array; sampleRate: number; startSeconds: number }, notes: SungNote[]): { within: number; voiced: number } {
	const hz = notes.map((n) => midiToHz(n.midiPitch));
	const track = estimateF0(out.pcm, out.sampleRate, { hopSeconds: 0.01, minHz: Math.min(...hz) / 1.4, maxHz: Math.max(...hz) * 1.4 });
	let within = 0;
	let voiced = 0;
	for (const note of notes) {
		for (let t = Math.ceil((note.onsetSeconds + 0.2 * note.durationSeconds - out.startSeconds) / 0.01); t < (note.onsetSeconds + 0.6 * note.durationSeconds - out.startSeconds) / 0.01; t++) {
			if (!track.voiced[t]) continue;
			voiced++;
			if (Math.abs(cents(track.f0Hz[t], note.midiPitch)) <= 25) within++;
		}
	}
	return { within, voiced };
}

describe('melodyF0', () => {
	const notes: SungNote[] = [
		{ onsetSeconds: 0, durationSeconds: 1, midiPitch: 60, syllable: null },
		{ onsetSeconds: 1, durationSeconds: 1, midiPitch: 64, syllable: null }
	];
	it('holds each note, scoops up into a rising leap with preparation and overshoot, and adds vibrato of about the asked depth to long notes', () => {
		const plain = melodyF0(notes, 0, 0.005, 400, { vibratoScale: 0, overshootCents: 0, preparationCents: 0 });
		expect(cents(plain[100], 60)).toBeCloseTo(0, 6);
		expect(cents(plain[300], 64)).toBeCloseTo(0, 6);
		// A leap of 4 semitones: a 140 ms glide, 30 % of it before the onset and 70 % after (a scoop), monotonic.
		for (let t = 190; t < 222; t++) expect(plain[t + 1]).toBeGreaterThanOrEqual(plain[t]);
		expect(cents(plain[190], 60)).toBeCloseTo(0, 6);
		expect(cents(plain[200], 62)).toBeLessThan(-50);
		expect(cents(plain[222], 64)).toBeCloseTo(0, 6);
		// Preparation dips below C before the leap up to E; overshoot rises past E after it.
		const expressive = melodyF0(notes, 0, 0.005, 400, { vibratoScale: 0 });
		expect(Math.min(...Array.from(expressive.subarray(165, 192), (hz) => cents(hz, 60)))).toBeLessThan(-8);
		expect(Math.max(...Array.from(expressive.subarray(220, 245), (hz) => cents(hz, 64)))).toBeGreaterThan(12);
		const vibrato = melodyF0(notes, 0, 0.005, 400, { vibratoDepthCents: 40, vibratoRateHz: 5, overshootCents: 0, preparationCents: 0 });
		let deepest = 0;
		for (let t = 110; t < 190; t++) deepest = Math.max(deepest, Math.abs(cents(vibrato[t], 60)));
		// The depth drifts by up to ±25 % around 40 cents.
		expect(deepest).toBeGreaterThan(25);
		expect(deepest).toBeLessThanOrEqual(50.01);
	});
});

describe.skipIf(!HAS_ESPEAK)('a voice profile from a reading, and singing with it', () => {
	const lines = READING_PROMPTS.yue.lines;
	const reading = renderEspeak(lines.join(''), { voice: 'yue', speed: 170 });
	const profile = buildVoiceProfile(reading, 44100, 'yue', lines, { humMidiPitches: [55, 60, 67] });
	const lyric = readLyrics('我哋一齊唱歌，唱到天光', 'yue');
	const pitches = [60, 62, 64, 67, 69, 67, 64, 62, 60];
	const notes: SungNote[] = [];
	let at = 0;
	lyric.forEach((syllable, i) => {
		const duration = i % 3 === 2 ? 0.8 : 0.4;
		notes.push({ onsetSeconds: at, durationSeconds: duration, midiPitch: pitches[i % pitches.length], syllable });
		at += duration;
	});
	// A melisma on the last syllable, then a rest and one more note.
	notes.push({ onsetSeconds: at, durationSeconds: 0.6, midiPitch: 59, syllable: null });
	notes.push({ onsetSeconds: at + 1.2, durationSeconds: 0.5, midiPitch: 60, syllable: readLyrics('歌', 'yue')[0] });

	it('holds a unit per aligned syllable, compactly, with timbre, range and speaking pitch', () => {
		const syllables = lines.flatMap((l) => readLyrics(l, 'yue')).length;
		expect(profile.units.length).toBeGreaterThanOrEqual(syllables - 2);
		const bytes = profile.units.reduce((n, u) => n + u.melCepstra.byteLength + u.apBands.byteLength + u.f0Hz.byteLength, 0);
		console.log(`profile: ${profile.units.length} units from ${syllables} syllables, ${(bytes / 1e6).toFixed(2)} MB, speaking f0 ${profile.speakingF0Hz.toFixed(0)} Hz, vowels ${Object.keys(profile.timbre.vowelMelCepstra).join(' ')}`);
		expect(bytes).toBeLessThan(3e6);
		expect(profile.rangeMidi).toEqual({ low: 55, high: 67 });
		expect(profile.speakingF0Hz).toBeGreaterThan(60);
		expect(Object.keys(profile.timbre.vowelMelCepstra).length).toBeGreaterThan(5);
		// Two formants per vowel, in order, within 200–4500 Hz.
		const f = profile.timbre.vowelFormantsHz;
		console.log(`formants: aː ${f['aː']?.map((v) => v.toFixed(0))}, i ${f['i']?.map((v) => v.toFixed(0))}, u ${f['u']?.map((v) => v.toFixed(0))}`);
		for (const formants of Object.values(f)) {
			expect(formants).toHaveLength(2);
			expect(formants[0]).toBeGreaterThanOrEqual(200);
			expect(formants[1]).toBeGreaterThan(formants[0]);
			expect(formants[1]).toBeLessThanOrEqual(4500);
		}
		// Vowel geometry: open aː has a higher F1 than close i, front i a higher F2 than aː.
		expect(f['aː'][0]).toBeGreaterThan(f['i'][0] + 200);
		expect(f['i'][1]).toBeGreaterThan(f['aː'][1] + 500);
		for (const u of profile.units) {
			expect(u.nucleusStartFrame).toBeGreaterThanOrEqual(0);
			expect(u.nucleusStartFrame).toBeLessThan(u.f0Hz.length);
		}
	});

	it('selects the exact syllable, else an onset and a rhyme from two units, else the nearest', () => {
		expect(selectUnit(profile, readLyrics('我', 'yue')[0]).match).toBe('exact');
		// 到 dou3: no "dou" in the prompt, but d- and -ou are there.
		const combined = selectUnit(profile, readLyrics('到', 'yue')[0]);
		expect(combined.match).toBe('combined');
		expect(combined.onsetUnit!.onset).toEqual(['t']);
		expect(combined.rhymeUnit.nucleus.concat(combined.rhymeUnit.coda)).toEqual(['o', 'w']);
		const nearest = selectUnit(profile, readLyrics('靴', 'yue')[0]);
		expect(['nearest', 'combined', 'exact']).toContain(nearest.match);
	});

	it('levels every syllable: ones ending in a silent stop (角 gok3, 一 jat1) sing as loud as open ones, within 6 dB', () => {
		const levels = ['街', '角', '一', '來', '歌'].map((character) => {
			const out = singPhrase(profile, [{ onsetSeconds: 0.3, durationSeconds: 0.4, midiPitch: 60, syllable: readLyrics(character, 'yue')[0] }], { vibratoDepthCents: 0 });
			let energy = 0;
			let peak = 0;
			for (const v of out.pcm) {
				energy += v * v;
				peak = Math.max(peak, Math.abs(v));
			}
			expect(peak).toBeLessThan(1);
			return 10 * Math.log10(energy / out.pcm.length);
		});
		console.log(`syllable levels: ${levels.map((l) => l.toFixed(1)).join(', ')} dB`);
		expect(Math.max(...levels) - Math.min(...levels)).toBeLessThanOrEqual(6);
	});

	it('sings the score: f0 within 25 cents on ≥ 95 % of voiced frames away from note changes (no vibrato)', () => {
		const out = singPhrase(profile, notes, { vibratoDepthCents: 0 });
		const { within, voiced } = pitchAccuracy(out, notes);
		console.log(`sung pitch: ${within} of ${voiced} voiced frames within 25 cents (${((100 * within) / voiced).toFixed(1)} %); units ${out.matches.join(', ')}`);
		expect(voiced).toBeGreaterThan(200);
		expect(within / voiced).toBeGreaterThanOrEqual(0.95);
		// The rest is silent.
		const restFrom = Math.round((at + 0.75 - out.startSeconds) * out.sampleRate);
		let restPeak = 0;
		for (let i = restFrom; i < restFrom + 0.1 * out.sampleRate; i++) restPeak = Math.max(restPeak, Math.abs(out.pcm[i]));
		let peak = 0;
		for (const v of out.pcm) peak = Math.max(peak, Math.abs(v));
		expect(restPeak).toBeLessThan(0.01 * peak);
	});

	it('with vibrato, the mean pitch of each note stays within 25 cents', () => {
		// Measured over 20–60 % of each note: its vowel (the next syllable's onset consonants are sung in its last 40 % at most).
		const out = singPhrase(profile, notes, { vibratoDepthCents: 35 });
		// The score's range widened by 1.4 each way, as in pitchAccuracy: the brighter sung timbre lifts
		// eSpeak's upper harmonics enough for an open search to hear one note an octave up.
		const hz = notes.map((n) => midiToHz(n.midiPitch));
		const track = estimateF0(out.pcm, out.sampleRate, { hopSeconds: 0.01, minHz: Math.min(...hz) / 1.4, maxHz: Math.max(...hz) * 1.4 });
		for (const note of notes) {
			let sum = 0;
			let count = 0;
			for (let t = Math.ceil((note.onsetSeconds + 0.2 * note.durationSeconds - out.startSeconds) / 0.01); t < (note.onsetSeconds + 0.6 * note.durationSeconds - out.startSeconds) / 0.01; t++) {
				if (!track.voiced[t]) continue;
				sum += cents(track.f0Hz[t], note.midiPitch);
				count++;
			}
			expect(count).toBeGreaterThan(3);
			expect(Math.abs(sum / count)).toBeLessThanOrEqual(25);
		}
	});

	it('a note’s own loudness set by hand: that note 6 dB down in the sung audio, the others as they were', () => {
		const quieter = notes.map((n, i) => (i === 1 ? { ...n, expression: { dynamicsDb: -6 } } : n));
		const plain = singPhrase(profile, notes, { vibratoDepthCents: 0 });
		const shaped = singPhrase(profile, quieter, { vibratoDepthCents: 0 });
		// Energy over 20–70 % of each note (its vowel), dB.
		const levelDb = (out: typeof plain, n: SungNote) => {
			let e = 0;
			const from = Math.round((n.onsetSeconds + 0.2 * n.durationSeconds - out.startSeconds) * out.sampleRate);
			const to = Math.round((n.onsetSeconds + 0.7 * n.durationSeconds - out.startSeconds) * out.sampleRate);
			for (let i = from; i < to; i++) e += out.pcm[i] ** 2;
			return 10 * Math.log10(e / (to - from));
		};
		const change = notes.map((n) => levelDb(shaped, n) - levelDb(plain, n));
		console.log(`per-note loudness −6 dB on note 2: level changes ${change.map((d) => d.toFixed(2)).join(', ')} dB`);
		expect(change[1]).toBeGreaterThan(-6.5);
		expect(change[1]).toBeLessThan(-5.5);
		change.forEach((d, i) => i !== 1 && expect(Math.abs(d)).toBeLessThan(0.5));
	});

	it('a pitch curve drawn over a long note is what the sung audio follows: a bend up two semitones and back', () => {
		// Note 3 (0.8 s): 0 → +200 → 0 cents over the note, drawn as five points.
		const curve = [0, 100, 200, 100, 0];
		const bent = notes.map((n, i) => (i === 2 ? { ...n, expression: { pitchCurveCents: curve } } : n));
		const out = singPhrase(profile, bent, { vibratoDepthCents: 0 });
		const n = notes[2];
		const track = estimateF0(out.pcm, out.sampleRate, { hopSeconds: 0.01, minHz: midiToHz(n.midiPitch) / 1.4, maxHz: midiToHz(n.midiPitch + 2) * 1.4 });
		// Voiced frames over 20–80 % of the note (its vowel) against the drawn curve there.
		const errors: number[] = [];
		const measured: string[] = [];
		for (let t = Math.ceil((n.onsetSeconds + 0.2 * n.durationSeconds - out.startSeconds) / 0.01); t < (n.onsetSeconds + 0.8 * n.durationSeconds - out.startSeconds) / 0.01; t++) {
			if (!track.voiced[t]) continue;
			const fraction = (out.startSeconds + t * 0.01 - n.onsetSeconds) / n.durationSeconds;
			const drawn = pitchCurveCentsAt(curve, fraction);
			const sung = cents(track.f0Hz[t], n.midiPitch);
			errors.push(Math.abs(sung - drawn));
			measured.push(`${fraction.toFixed(2)}:${sung.toFixed(0)}`);
		}
		console.log(`drawn curve 0→200→0 cents: sung ${measured.join(' ')}`);
		expect(errors.length).toBeGreaterThan(20);
		// The bend is sung (it reaches well above the note) and tracks the drawing within 30 cents on 90 % of frames.
		expect(errors.filter((e) => e <= 30).length / errors.length).toBeGreaterThanOrEqual(0.9);
	});

	it('refuses a phrase that starts with a melisma or has a note without duration', () => {
		expect(() => singPhrase(profile, [{ ...notes[0], syllable: null }])).toThrow(/first note/);
		expect(() => singPhrase(profile, [{ ...notes[0], durationSeconds: 0 }])).toThrow(/positive duration/);
		expect(() => singPhrase(profile, [])).toThrow(/at least one note/);
	});
});

describe.skipIf(!HAS_ESPEAK)('singing in Mandarin and English too', () => {
	const cases = [
		['cmn', 'cmn-latn-pinyin', '我们一起唱歌，唱到天亮'],
		['en', 'en-us', 'We sing together until the morning light']
	] as const;
	it.each(cases)('%s: sung f0 within 25 cents on ≥ 95 %% of voiced frames away from note changes', (language, voice, text) => {
		const lines = READING_PROMPTS[language].lines;
		// eSpeak reads Mandarin from Pinyin (its cmn voice reads few characters).
		const script = language === 'cmn' ? lines.map((l) => readLyrics(l, 'cmn').map((s) => s.reading).join(' ')).join(' ') : lines.join(' ');
		const profile = buildVoiceProfile(renderEspeak(script, { voice, speed: 170 }), 44100, language, lines);
		const syllables = readLyrics(text, language);
		const scale = [57, 60, 62, 64, 67, 64, 62, 60];
		const sung: SungNote[] = syllables.map((syllable, i) => ({ onsetSeconds: 0.45 * i, durationSeconds: 0.45, midiPitch: scale[i % scale.length], syllable }));
		const out = singPhrase(profile, sung, { vibratoDepthCents: 0 });
		const { within, voiced } = pitchAccuracy(out, sung);
		console.log(`sung pitch (${language}): ${within} of ${voiced} frames within 25 cents; units ${out.matches.join(', ')}`);
		expect(voiced).toBeGreaterThan(10 * sung.length);
		expect(within / voiced).toBeGreaterThanOrEqual(0.95);
	});
});
