/**
 * Singing real people's voices (11 speakers: VCTK English, Common Voice Mandarin and Cantonese):
 * each speaker's profile is learned from their reading, then the reading's own first syllables are
 * sung legato, and each sung syllable is compared with the same syllable in the reading — the
 * recording its units were cut from. Consonant level against the vowel (above 2 kHz), consonant
 * peaks, clipping, an onset classifier built only from the reading, diphthong F2 glides, gaps and
 * pitch. Skipped when ../shared/data (the recordings) is absent.
 */
import { describe, expect, it } from 'vitest';
import { isObstruent, phonemeInfo } from '../../../src/lib/lyrics/phoneme-inventory';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { midiToHz } from '../../../src/lib/pitch/units';
import type { VoiceProfile } from '../../../src/lib/voice/profile';
import { PRE_ROLL_SECONDS, singPhrase, type SungNote, type SungPhrase } from '../../../src/lib/voice/sing';
import type { AlignedSyllable } from '../../../src/lib/voice/syllable-alignment';
import { selectUnit } from '../../../src/lib/voice/unit-selection';
import { layoutUnits } from '../../../src/lib/voice/unit-timeline';
import { decodeEnvelope, UNIT_MEL_CEPSTRUM_ORDER, type VoiceUnit } from '../../../src/lib/voice/voice-units';
import { idealStretchF2 } from '../../helpers/ideal-glide';
import { HAS_REAL_VOICES, learnRealVoice, legatoScore, loadReading, realSpeakers } from '../../helpers/real-voices';
import { ACOUSTIC_HOP_SECONDS, correlation, f2Track, f2TrackOfEnvelopes, forFormants, frameAcoustics, meanDb, mfccTrajectory, nearestExample, peakDb, type FrameAcoustics, type LabelledTrajectory } from '../../helpers/syllable-acoustics';

/** Syllables sung per speaker (the reading's first ones): 64, so that one syllable moves a figure across the speakers by 0.3 % or less (at 32 a single classifier vote moved naming by 0.01). */
const SUNG_SYLLABLES = 64;
/** Reading cap per speaker, s: enough units, a fast test. */
const READING_SECONDS = 40;
/** The vowel's level is taken over its first 100 ms (after that a sung vowel is only held). */
const VOWEL_WINDOW_SECONDS = 0.1;
/**
 * The classifier sees the onset's last 80 ms (a pause the aligner took into a read onset would
 * otherwise fill the trajectory) and the first 30 ms of the vowel (the transition into it).
 */
const ONSET_WINDOW_SECONDS = 0.08;
const TRANSITION_SECONDS = 0.03;
const GLIDES = new Set(['j', 'w', 'ɥ']);
/** Set REAL_VOICE_DIAGNOSE=1 to log each obstruent onset outside ±4 dB (speaker, phone, spliced or vocoded, lengths, levels). */
const DIAGNOSE = process.env.REAL_VOICE_DIAGNOSE === '1';

/** Where a syllable's onset, vowel and coda lie in a recording, s. */
interface Parts {
	onset: [number, number];
	vowel: [number, number];
	end: number;
}

/** The unit's parts where it was cut from the reading (its first frame at the aligned start, as the profile builder cuts it). */
function unitParts(unit: VoiceUnit, origin: AlignedSyllable, fp: number): Parts {
	const from = Math.floor(origin.startSeconds / fp) * fp;
	const vowel = from + unit.nucleusStartFrame * fp;
	return { onset: [from, vowel], vowel: [vowel, from + unit.codaStartFrame * fp], end: origin.endSeconds };
}

/** Each unit's aligned syllable: the builder keeps aligned syllables of 4 frames or more, in order. */
function unitOrigins(profile: VoiceProfile, aligned: AlignedSyllable[]): Map<VoiceUnit, AlignedSyllable> {
	const fp = profile.framePeriodSeconds;
	const origins = new Map<VoiceUnit, AlignedSyllable>();
	let k = 0;
	for (const unit of profile.units) {
		while (k < aligned.length && (aligned[k].syllable.reading !== unit.reading || Math.ceil(aligned[k].endSeconds / fp) - Math.floor(aligned[k].startSeconds / fp) !== unit.f0Hz.length)) k++;
		if (k === aligned.length) throw new Error(`unit ${unit.reading} not found among the aligned syllables`);
		origins.set(unit, aligned[k++]);
	}
	return origins;
}

/**
 * Onset level above 2 kHz relative to its vowel's, dB: loudest frame against loudest frame (burst,
 * frication, aspiration against the vowel at full voice), so neither a closure or pause the aligner
 * took into the onset nor a vowel held longer in song changes it. The onset's first frame and the
 * vowel's last are left out (while the span has more than one): their 11.6 ms windows reach 3.3 ms
 * past the span into its neighbour, and the neighbours differ between the reading and the song (a
 * sung onset follows the previous note's vowel, a sung vowel runs into the next syllable's onset
 * or a shortened coda). Measured: the sung vowel's loudest frame was its last in 13 of 201
 * syllables, 8 of them outside ±4 dB, once 33 dB above the frame before it (the next consonant);
 * the reading's in 22.
 */
function onsetLevelDb(x: FrameAcoustics, p: Parts): number {
	const onsetFrom = Math.min(p.onset[0] + ACOUSTIC_HOP_SECONDS, p.onset[1] - ACOUSTIC_HOP_SECONDS);
	const vowelTo = Math.max(p.vowel[0] + ACOUSTIC_HOP_SECONDS, p.vowel[1] - ACOUSTIC_HOP_SECONDS);
	return peakDb(x.highPower, onsetFrom, p.onset[1]) - peakDb(x.highPower, p.vowel[0], vowelTo);
}

/** Full-band level of the vowel's first 100 ms, dB. */
const vowelLevelDb = (series: Float64Array, p: Parts) => meanDb(series, p.vowel[0], Math.min(p.vowel[1], p.vowel[0] + VOWEL_WINDOW_SECONDS));

/**
 * Voiced frames 25–80 % into each note and how many lie within 25 cents (as sing.test.ts measures),
 * on the note's vowel only: the next syllable's consonants may start before 80 %.
 */
function pitchWithin(out: SungPhrase, notes: SungNote[]): { within: number; voiced: number } {
	const hz = notes.map((n) => midiToHz(n.midiPitch));
	const track = estimateF0(out.pcm, out.sampleRate, { hopSeconds: 0.01, minHz: Math.min(...hz) / 1.4, maxHz: Math.max(...hz) * 1.4 });
	let within = 0;
	let voiced = 0;
	notes.forEach((note, i) => {
		const until = Math.min(note.onsetSeconds + 0.8 * note.durationSeconds, out.syllables[i].codaStartSeconds);
		for (let t = Math.ceil((note.onsetSeconds + 0.25 * note.durationSeconds - out.startSeconds) / 0.01); t < (until - out.startSeconds) / 0.01; t++) {
			if (!track.voiced[t]) continue;
			voiced++;
			if (Math.abs(1200 * Math.log2(track.f0Hz[t] / midiToHz(note.midiPitch))) <= 25) within++;
		}
	});
	return { within, voiced };
}

/** Longest run inside [from, to) s of frames more than 50 dB under the phrase's loudest, s. */
function longestSilenceSeconds(x: FrameAcoustics, from: number, to: number): number {
	const peak = Math.max(...x.power);
	let run = 0;
	let longest = 0;
	for (let t = Math.round(from / 0.005); t < Math.min(x.power.length, Math.round(to / 0.005)); t++) {
		run = x.power[t] < peak * 1e-5 ? run + 1 : 0;
		longest = Math.max(longest, run);
	}
	return longest * 0.005;
}

interface SpeakerFigures {
	levelOk: number;
	levelCount: number;
	loudConsonants: number;
	syllables: number;
	named: number;
	classified: number;
	looCorrect: number;
	examples: number;
	gliding: number;
	glides: number;
	laidGliding: number;
	/** Stretched diphthongs whose ideal stretch (ideal-glide.ts) reads r ≥ 0.8: the measure's ceiling. */
	idealGliding: number;
	/** The same phrase sung at brightness 0 (no singing tone): stretched diphthongs with r ≥ 0.8. */
	plainGliding: number;
}

/** Longest near-silence (50 dB under the phrase's peak) allowed inside a legato phrase, s: a stop's closure, no gap (55 ms measured at most). */
const MAX_SILENCE_SECONDS = 0.1;
// Regression floors at what the whole engine (expression and singing tone included) measures now, less a margin
// (singing tone lifting no bin more than 10 dB above a vowel frame's gain at 0 Hz: onset level 86 %, 179/208,
// naming 0.78 (50 of 311 sung onsets named, 51 before). The 35 misses before it (REAL_VOICE_DIAGNOSE=1), each
// counted once: 10 onsets the layout shortened, 8 recorded onsets held by the 5 dB cap against vowels the
// singing tone had brightened 15–20 dB above 2 kHz (7 on one Mandarin voice), 7 vocoded (b, ð, bl, Cantonese
// unaspirated k), 7 units whose reading vowel the aligner left 10–30 ms (the read level is then not a
// vowel's), 3 other; after it, 29: 10, 1, 8, 6, 4. At brightness 0 (no singing tone): 88 % but 0.9 % of
// syllables with a consonant above its vowel + 6 dB.
// Before the cap: recorded onsets up to 5 dB above the sung vowel's loudest frame: onset level 83 %, 173/208; with
// 3 dB 80 %, 166/208, with 6 dB 85 % but 3.7 % of syllables above their vowel + 6 dB;
// gliding rhymes stretched evenly, glide codas held to their vowel + 3 dB:
// consonants above their vowel + 6 dB 0 of 352, naming 0.80; before, 81 % of 166/205, 1 of 352 (a
// Cantonese glide coda above a short vowel), 0.78; with vocoded onsets 77 %, 1.1 %, 0.71).
// Then frication the f0 tracker read as voicing unvoiced in voiceless onsets (frication-voicing.ts: a Common
// Voice "shi" had 26 of 28 onset frames called voiced), voiceless onsets recorded through short voiced runs,
// voiced obstruents' bursts and frication sung as recorded above 2 kHz (onset-splice.ts spliceHighBand), and a
// guard on the finished sound (consonant-limiter.ts). Over 32 syllables a speaker: 86 → 88 → 89 → 93 %
// (193/208), consonants above their vowel + 6 dB 0 of 352, naming 0.75. Over 64 (now): onset level 92 %,
// 343/373; 0 of 704 above vowel + 6 dB; naming 0.72 (84 of 571 sung onsets named; reading leave-one-out
// 8–43 % a speaker), 0.79 (92 of 571) once each recording's cepstral mean is taken out (syllable-acoustics.ts); the 30 misses: 11 onsets the layout shortened, 3 Mandarin affricates held by the 5 dB cap
// against vowels the singing tone brightened 10 dB above 2 kHz, the rest recorded onsets within 4–8 dB
// (read vowels the aligner cut short, unreleased Cantonese stops). At brightness 0.5 (32 syllables):
// 91 %, naming 0.80.
const LEVEL_FLOOR = 0.89;
const LOUD_CEILING = 0.005;
const NAMING_FLOOR = 0.74;
// Diphthongs: 55 % (18/33) measured with F2 from LPC roots of the pitch-adaptive envelope every 5 ms
// (the same 18/33 with the singing tone's gain shape held over each syllable's vowel, and at brightness 0
// with no singing tone at all, each time with different syllables: the tracker on the sung audio decides
// more than the singing tone does)
// (syllable-acoustics.ts f2Track) over the vowel and any glide coda; one syllable moves it 3 points,
// and an unrelated change elsewhere in a phrase moves single syllables by up to ±0.8 in r (tracker
// noise on the sung audio). Before gliding rhymes were stretched evenly: 40 % (14/35), 46 % (16/35)
// with the even stretch alone. On the envelopes the layout hands on (before singing tone and
// vocoder), the sung F2 follows the unit's own coded envelopes in 27–29 of 33–35.
// Over 64 syllables a speaker: 55 % (32/58). With the reading's aperiodicity on every fourth frame (reading-frames.ts):
// onset level 92 % (342/373), naming 0.803 (94 of 571 sung against 184 of 897 read), diphthongs 53 % (31/58).
const GLIDING_FLOOR = 0.48;
// Why the sung audio falls short (2026-12-06, a diagnosis of all 58: F2 tracked on the reading, on the
// unit's coded envelopes, on the envelopes the layout hands on, after the singing tone, and on the sung audio at
// brightness 1 and 0): the layout keeps the glide — laid-out envelopes against the unit's own r ≥ 0.8 in 52 of 58,
// the other 6 the tracker's own jumps between F2 and F3 (the unit's coded track of zou6 ends 1538 → 3977 Hz), and
// the singing tone never moved a track (r 1.00 in all 58) — and the losses are where a track is taken from audio:
// the reading's against its own coded envelopes (r < 0.8 in 18 of 58: spoken diphthongs of 50–160 ms, 12 points of
// one or two 5 ms frames each) and the sung audio's against its envelopes at sung pitches of 230–350 Hz (harmonics
// too sparse to place a back vowel's F2; the tracker's second root jumps to F3 at a glide's end, as in sou1, 0.94 at
// brightness 0, −0.79 at 1 by one such jump). The floor below guards the layout's part.
// The measure's own ceiling (2026-12-06, ideal-glide.ts): each spoken glide's coded envelopes stretched perfectly to the
// sung length and rendered on the note's pitch with a clean source and no singing tone read r ≥ 0.8 against the reading
// in 39 of the 58 (67 %; rendered at the spoken length and pitch instead of stretched, 38 of 58 in a scratch run): no
// synthesis can reach 100 % on this measure. Sung at brightness 0 (no singing tone) the engine reads 39 of 58, the
// ceiling itself; at the default brightness 31. 9 glides pass ideally stretched and miss as sung: most lose the glide's
// end (its last one or two points read F3 or F4, sou1 3870 Hz) where a back vowel's F1 and F2 merge at sung pitches
// and the singing tone's lift at 2–4 kHz, which the issue asks for, outweighs them (sou1 0.94 at brightness 0).
// An adaptive pre-emphasis in the tracker (the envelope's own tilt taken out first) did not settle it: 34 of 58 at
// brightness 1 but 36 at 0, the reading against its own coded envelopes 40 → 38.
const LAID_GLIDING_FLOOR = 0.85;
/** Glides (of 58) the phrase sung without the singing tone may fall short of the ideal stretch: the path from unit to sound. */
const PLAIN_GLIDES_BELOW_IDEAL = 4;

describe.skipIf(!HAS_REAL_VOICES)('singing real voices in their own words (needs ../shared/data; skipped without it)', () => {
	const figures: SpeakerFigures[] = [];
	it.each(realSpeakers().map((s) => [s.id, s] as const))('%s: consonants at their spoken level, intelligible, no clipping, gliding diphthongs, legato on pitch', async (_, speaker) => {
		const voice = learnRealVoice(await loadReading(speaker, READING_SECONDS));
		const { profile, aligned, reading } = voice;
		const fp = profile.framePeriodSeconds;
		const origins = unitOrigins(profile, aligned);
		const read = frameAcoustics(reading.pcm, reading.sampleRate);
		// A unit whose vowel the aligner put (partly) into a pause — its first 100 ms 20 dB under the
		// reading's median vowel — has no spoken syllable to compare with: counted, not compared.
		const readVowelDb = new Map(profile.units.map((u) => [u, vowelLevelDb(read.power, unitParts(u, origins.get(u)!, fp))]));
		const medianVowelDb = [...readVowelDb.values()].sort((a, b) => a - b)[readVowelDb.size >> 1];
		const misaligned = (u: VoiceUnit) => !(readVowelDb.get(u)! > medianVowelDb - 20);
		const readF = forFormants(reading.pcm, reading.sampleRate);

		// The classifier: every syllable of the reading with an onset, by its first onset phoneme.
		const examples: LabelledTrajectory[] = [];
		const exampleOf = new Map<VoiceUnit, number>();
		for (const unit of profile.units) {
			if (unit.onset.length === 0 || unit.nucleusStartFrame === 0) continue;
			const p = unitParts(unit, origins.get(unit)!, fp);
			exampleOf.set(unit, examples.length);
			examples.push({ label: unit.onset[0], features: mfccTrajectory(read, Math.max(p.onset[0], p.vowel[0] - ONSET_WINDOW_SECONDS), p.vowel[0] + TRANSITION_SECONDS) });
		}
		const looCorrect = examples.filter((e, i) => examples[nearestExample(examples, e.features, i)].label === e.label).length;

		const syllables = aligned.slice(0, SUNG_SYLLABLES).map((a) => a.syllable);
		const notes = legatoScore(syllables, profile.speakingF0Hz);
		const out = singPhrase(profile, notes, { vibratoDepthCents: 0 });
		const sung = frameAcoustics(out.pcm, out.sampleRate);
		const sungF = forFormants(out.pcm, out.sampleRate);
		// The same phrase without the singing tone (brightness 0): what the tone does to the diphthong measure.
		const plain = singPhrase(profile, notes, { vibratoDepthCents: 0, brightness: 0 });
		const plainF = forFormants(plain.pcm, plain.sampleRate);
		const at = (seconds: number) => seconds - out.startSeconds;
		// The envelopes the layout hands to the vocoder, as singPhrase lays them out.
		const layoutStart = notes[0].onsetSeconds - PRE_ROLL_SECONDS;
		const laid = layoutUnits(profile, notes.map((n) => ({ syllable: n.syllable!, vowelStartSeconds: n.onsetSeconds, endSeconds: n.onsetSeconds + n.durationSeconds })), layoutStart, notes[notes.length - 1].onsetSeconds + notes[notes.length - 1].durationSeconds + 0.1).params.sp;
		const laidBins = laid.fftSize / 2 + 1;
		const laidFrame = (seconds: number) => Math.round((seconds - layoutStart) / fp);
		/** The laid-out power envelopes of frames [from, to) s (score time). */
		const laidRows = (from: number, to: number) => {
			const first = laidFrame(from);
			return Array.from({ length: laidFrame(to) - first }, (_, k) => laid.data.subarray((first + k) * laidBins, (first + k + 1) * laidBins));
		};
		const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
		/** A unit's own power envelopes, decoded from its mel-cepstra, frames [from, to). */
		const unitRows = (unit: VoiceUnit, from: number, to: number) => Array.from({ length: to - from }, (_, k) => decodeEnvelope(unit.melCepstra.subarray((from + k) * stride, (from + k + 1) * stride), profile.fs, profile.fftSize));

		const levelErrors: number[] = [];
		let loudConsonants = 0;
		let skipped = 0;
		let classified = 0;
		let named = 0;
		const glides: number[] = [];
		const laidGlides: number[] = [];
		const idealGlides: number[] = [];
		const plainGlides: number[] = [];
		syllables.forEach((syllable, i) => {
			const span = out.syllables[i];
			const choice = selectUnit(profile, syllable);
			const sungParts: Parts = { onset: [at(span.onsetStartSeconds), at(span.vowelStartSeconds)], vowel: [at(span.vowelStartSeconds), at(span.codaStartSeconds)], end: at(span.endSeconds) };
			// Peaks: neither the onset nor the coda louder than the vowel by more than 6 dB.
			const vowelPeak = peakDb(sung.power, ...sungParts.vowel);
			if (Math.max(peakDb(sung.power, ...sungParts.onset), peakDb(sung.power, sungParts.vowel[1], sungParts.end)) > vowelPeak + 6) {
				loudConsonants++;
				if (DIAGNOSE) console.log(`LOUD ${speaker.id} #${i} ${syllable.reading} ${choice.onsetUnit?.recordedOnset ? 'spliced' : 'vocoded'}: onset ${(peakDb(sung.power, ...sungParts.onset) - vowelPeak).toFixed(1)} coda ${(peakDb(sung.power, sungParts.vowel[1], sungParts.end) - vowelPeak).toFixed(1)} dB over the vowel's peak; onset ${(1000 * (sungParts.onset[1] - sungParts.onset[0])).toFixed(0)} ms, vowel ${(1000 * (sungParts.vowel[1] - sungParts.vowel[0])).toFixed(0)} ms`);
			}
			const onsetUnit = choice.onsetUnit;
			if (onsetUnit && syllable.onset.length > 0 && onsetUnit.nucleusStartFrame > 0) {
				const readParts = unitParts(onsetUnit, origins.get(onsetUnit)!, fp);
				if (misaligned(onsetUnit)) skipped++;
				else if (isObstruent(syllable.onset[0])) {
					const error = Math.abs(onsetLevelDb(sung, sungParts) - onsetLevelDb(read, readParts));
					levelErrors.push(error);
					if (DIAGNOSE && error > 4) {
						const vowelHigh = (x: FrameAcoustics, p: Parts) => peakDb(x.highPower, p.vowel[0], Math.max(p.vowel[0] + ACOUSTIC_HOP_SECONDS, p.vowel[1] - ACOUSTIC_HOP_SECONDS));
						const vowelAll = (x: FrameAcoustics, p: Parts) => peakDb(x.power, p.vowel[0], Math.max(p.vowel[0] + ACOUSTIC_HOP_SECONDS, p.vowel[1] - ACOUSTIC_HOP_SECONDS));
						const onsetAll = (x: FrameAcoustics, p: Parts) => peakDb(x.power, p.onset[0], p.onset[1]);
						const readMs = 1000 * (readParts.onset[1] - readParts.onset[0]);
						const sungMs = 1000 * (sungParts.onset[1] - sungParts.onset[0]);
						console.log(
							`MISS ${speaker.id} #${i} ${syllable.reading} onset ${syllable.onset.join('')} ${onsetUnit.recordedOnset ? 'spliced' : 'vocoded'} ${choice.match}; ` +
								`onset−vowel >2k read ${onsetLevelDb(read, readParts).toFixed(1)} sung ${onsetLevelDb(sung, sungParts).toFixed(1)} dB; ` +
								`onset ${readMs.toFixed(0)} → ${sungMs.toFixed(0)} ms${sungMs < readMs - 1 ? ' SHORTENED' : ''}; ` +
								`vowel >2k−whole read ${(vowelHigh(read, readParts) - vowelAll(read, readParts)).toFixed(1)} sung ${(vowelHigh(sung, sungParts) - vowelAll(sung, sungParts)).toFixed(1)} dB; ` +
								`onset whole−vowel whole read ${(onsetAll(read, readParts) - vowelAll(read, readParts)).toFixed(1)} sung ${(onsetAll(sung, sungParts) - vowelAll(sung, sungParts)).toFixed(1)} dB; ` +
								`vowel ${(1000 * (readParts.vowel[1] - readParts.vowel[0])).toFixed(0)} → ${(1000 * (sungParts.vowel[1] - sungParts.vowel[0])).toFixed(0)} ms`
						);
					}
				}
				const source = exampleOf.get(onsetUnit)!;
				classified++;
				if (sungParts.onset[1] > sungParts.onset[0] && examples[nearestExample(examples, mfccTrajectory(sung, Math.max(sungParts.onset[0], sungParts.vowel[0] - ONSET_WINDOW_SECONDS), sungParts.vowel[0] + TRANSITION_SECONDS), source)].label === syllable.onset[0]) named++;
			}
			// Diphthongs: a diphthong nucleus, or a vowel gliding into j/w/ɥ, stretched to at least 1.5 times its spoken length.
			const rhyme = choice.rhymeUnit;
			const diphthong = phonemeInfo(syllable.nucleus[0]).class === 'diphthong' || (syllable.coda.length > 0 && syllable.coda.every((c) => GLIDES.has(c)));
			if (diphthong && choice.match === 'exact') {
				const readParts = unitParts(rhyme, origins.get(rhyme)!, fp);
				// The glide is the vowel and a glide coda; a consonant coda (the k of "take") is laid out at
				// its spoken length, not stretched, so it is left out of the tracks: time-normalised, it
				// held the reading's last 30–40 % against the song's last few per cent.
				const glideCoda = rhyme.coda.length === 0 || rhyme.coda.every((c) => GLIDES.has(c));
				const spoken = f2Track(readF, readParts.vowel[0], glideCoda ? readParts.end : readParts.vowel[1]);
				const moves = Math.max(...spoken.filter(Number.isFinite)) - Math.min(...spoken.filter(Number.isFinite));
				if (sungParts.end - sungParts.vowel[0] >= 1.5 * (readParts.end - readParts.vowel[0]) && moves >= 200) {
					const sungGlide: [number, number] = [sungParts.vowel[0], glideCoda ? sungParts.end : sungParts.vowel[1]];
					glides.push(correlation(spoken, f2Track(sungF, ...sungGlide)));
					const plainSpan = plain.syllables[i];
					const plainEnd = glideCoda ? plainSpan.endSeconds : plainSpan.codaStartSeconds;
					plainGlides.push(correlation(spoken, f2Track(plainF, plainSpan.vowelStartSeconds - plain.startSeconds, plainEnd - plain.startSeconds)));
					// The same glide on envelopes that never became sound: the unit's own (coded) against the ones laid out on the note.
					const codedRows = unitRows(rhyme, rhyme.nucleusStartFrame, glideCoda ? rhyme.f0Hz.length : rhyme.codaStartFrame);
					const coded = f2TrackOfEnvelopes(codedRows, profile.fs);
					laidGlides.push(correlation(coded, f2TrackOfEnvelopes(laidRows(span.vowelStartSeconds, glideCoda ? span.endSeconds : span.codaStartSeconds), profile.fs)));
					// The measure's ceiling: the spoken envelopes stretched perfectly to the sung length, on the note's pitch.
					idealGlides.push(correlation(spoken, idealStretchF2(codedRows, profile.fs, profile.fftSize, fp, sungGlide[1] - sungGlide[0], midiToHz(notes[i].midiPitch))));
					if (DIAGNOSE) console.log(`GLIDE ${speaker.id} #${i} ${syllable.reading} r ${glides[glides.length - 1].toFixed(2)}; laid-out envelopes against the unit's ${laidGlides[laidGlides.length - 1].toFixed(2)}; ideal stretch ${idealGlides[idealGlides.length - 1].toFixed(2)}; brightness 0 ${plainGlides[plainGlides.length - 1].toFixed(2)}`);
				}
			}
		});
		let clipped = 0;
		for (const v of out.pcm) if (Math.abs(v) >= 0.999) clipped++;
		const last = out.syllables[out.syllables.length - 1];
		const silence = longestSilenceSeconds(sung, at(out.syllables[0].vowelStartSeconds), at(last.endSeconds));
		const spanGaps = out.syllables.slice(1).filter((s, i) => s.onsetStartSeconds > out.syllables[i].endSeconds + 1e-9).length;
		const { within, voiced } = pitchWithin(out, notes);

		const levelOk = levelErrors.filter((e) => e <= 4).length;
		const looAccuracy = looCorrect / examples.length;
		const sungAccuracy = named / Math.max(1, classified);
		const gliding = glides.filter((r) => r >= 0.8).length;
		const laidGliding = laidGlides.filter((r) => r >= 0.8).length;
		const idealGliding = idealGlides.filter((r) => r >= 0.8).length;
		const plainGliding = plainGlides.filter((r) => r >= 0.8).length;
		const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] ?? NaN;
		console.log(
			`${speaker.id}: obstruent onsets at spoken level ±4 dB ${levelOk}/${levelErrors.length} (median error ${median(levelErrors).toFixed(1)} dB); ` +
				`consonant peaks > vowel + 6 dB ${loudConsonants}; clipped samples ${clipped}; ` +
				`onsets named ${named}/${classified} = ${(100 * sungAccuracy).toFixed(0)} % vs reading leave-one-out ${(100 * looAccuracy).toFixed(0)} % (${examples.length} examples), ratio ${(sungAccuracy / looAccuracy).toFixed(2)}; ` +
				`diphthong F2 r ≥ 0.8 ${gliding}/${glides.length} (median r ${median(glides).toFixed(2)}; laid-out envelopes against the unit's ${laidGliding}/${laidGlides.length}; an ideal stretch ${idealGliding}/${idealGlides.length}; at brightness 0 ${plainGliding}/${plainGlides.length}); ` +
				`longest silence ${(1000 * silence).toFixed(0)} ms, span gaps ${spanGaps}; pitch ${within}/${voiced} = ${((100 * within) / voiced).toFixed(1)} % within 25 cents; units ${out.matches.filter((m) => m === 'exact').length}/${out.matches.length} exact; onsets read into a pause (not compared) ${skipped}`
		);
		figures.push({ levelOk, levelCount: levelErrors.length, loudConsonants, syllables: syllables.length, named, classified, looCorrect, examples: examples.length, gliding, glides: glides.length, laidGliding, idealGliding, plainGliding });
		// Each speaker: no clipping, no gap, on pitch.
		expect(clipped).toBe(0);
		expect(spanGaps).toBe(0);
		expect(silence).toBeLessThan(MAX_SILENCE_SECONDS);
		expect(within / voiced).toBeGreaterThanOrEqual(0.95);
	}, 180_000);

	it('across the speakers: consonants at their spoken level, none far above its vowel, onsets named, diphthongs gliding', () => {
		const sum = (key: keyof SpeakerFigures) => figures.reduce((n, f) => n + f[key], 0);
		const level = sum('levelOk') / sum('levelCount');
		const loud = sum('loudConsonants') / sum('syllables');
		const naming = sum('named') / sum('classified') / (sum('looCorrect') / sum('examples'));
		const gliding = sum('gliding') / sum('glides');
		const laidGliding = sum('laidGliding') / sum('glides');
		const idealGliding = sum('idealGliding') / sum('glides');
		const plainGliding = sum('plainGliding') / sum('glides');
		console.log(
			`all ${figures.length} speakers: obstruent onsets within ±4 dB of the reading ${(100 * level).toFixed(0)} % (issue target 90 %); ` +
				`syllables with a consonant > vowel + 6 dB ${(100 * loud).toFixed(1)} % (target 0); onsets named at ${naming.toFixed(3)} of the reading's leave-one-out accuracy (${sum('named')} of ${sum('classified')} sung against ${sum('looCorrect')} of ${sum('examples')} read; target 0.8); ` +
				`stretched diphthongs with F2 r ≥ 0.8 ${(100 * gliding).toFixed(0)} % (target 100 %); on the envelopes laid out on the notes, against the unit's own, ${(100 * laidGliding).toFixed(0)} % (${sum('laidGliding')}/${sum('glides')}); ` +
				`the measure's ceiling (each spoken glide stretched perfectly, on the note's pitch, clean source, no singing tone) ${(100 * idealGliding).toFixed(0)} % (${sum('idealGliding')}/${sum('glides')}); ` +
				`sung at brightness 0 (no singing tone) ${(100 * plainGliding).toFixed(0)} % (${sum('plainGliding')}/${sum('glides')})`
		);
		expect(figures.length).toBeGreaterThan(0);
		// Where the engine stands today, below the targets (see the log above): a regression guard.
		expect(level).toBeGreaterThanOrEqual(LEVEL_FLOOR);
		expect(loud).toBeLessThanOrEqual(LOUD_CEILING);
		expect(naming).toBeGreaterThanOrEqual(NAMING_FLOOR);
		expect(gliding).toBeGreaterThanOrEqual(GLIDING_FLOOR);
		expect(laidGliding).toBeGreaterThanOrEqual(LAID_GLIDING_FLOOR);
		expect(sum('plainGliding')).toBeGreaterThanOrEqual(sum('idealGliding') - PLAIN_GLIDES_BELOW_IDEAL);
	});
});
