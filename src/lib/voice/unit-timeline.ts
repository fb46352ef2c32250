/**
 * Laying recorded units out on a timeline of syllables: each syllable's onset consonants run up to
 * its vowel start at their spoken length, taking the time from the end of the previous vowel as a
 * singer does (shortened only when that note is too short), its vowel is stretched (or shortened)
 * to fill its span, and its coda closes it; quiet a unit's recording ran into (a pause the aligner
 * took in) is left out. The frames are then decoded from the units' mel-cepstra, levelled per unit
 * (a consonant keeps its spoken level against its own vowel) and smoothed across vowel joins only.
 * Used for singing (placements from the score) and for speaking a sentence with given timing (the
 * voice-likeness benchmark).
 */
import { phonemeInfo } from '../lyrics/phoneme-inventory';
import type { LyricSyllable } from '../lyrics/types';
import type { SpectralFrames, WorldParameters } from '../vocoder/types';
import type { VoiceProfile } from './profile';
import { medianVowelGain, selectUnit, type UnitMatch } from './unit-selection';
import { decodeAperiodicity, decodeEnvelope, UNIT_AP_BAND_HZ, UNIT_MEL_CEPSTRUM_ORDER, unitVowelGain, type VoiceUnit } from './voice-units';

export interface SyllablePlacement {
	syllable: LyricSyllable;
	/** Where the vowel starts (the note's onset when singing), s. */
	vowelStartSeconds: number;
	/** Where the syllable ends, s. */
	endSeconds: number;
}

/** Where a laid-out syllable's parts lie, s (the timeline's own clock: score time when singing). */
export interface SyllableSpan {
	/** Where its onset consonants start (equal to vowelStartSeconds when none sound). */
	onsetStartSeconds: number;
	vowelStartSeconds: number;
	/** Where its coda starts (equal to endSeconds when it has none; for a glide coda, where the glide's frames begin inside the stretched vowel). */
	codaStartSeconds: number;
	endSeconds: number;
}

export interface UnitTimeline {
	/** Frames from startSeconds on; f0 is left 0 for the caller to fill. */
	params: WorldParameters;
	/** 1 where the frame should be voiced: vowels always, consonants where their recording was. */
	voiced: Uint8Array;
	matches: UnitMatch[];
	/** One per placement laid out (placements starting after the timeline's end are left out). */
	spans: SyllableSpan[];
	/** Each frame's syllable (index into spans, −1 for none) and whether it is a vowel frame. */
	roles: FrameRoles;
	/** Each laid-out syllable's onset unit (null for none), whose frames before its vowel start give the onset. */
	onsetUnits: Array<VoiceUnit | null>;
}

export interface FrameRoles {
	syllable: Int32Array;
	vowel: Uint8Array;
	/** 1 for a vowel frame taken from a glide coda's frames (the j/w of ai, ou, eoi); absent: none. */
	glide?: Uint8Array;
}

/** Where an output frame's parameters come from. */
interface FrameSource {
	unit: VoiceUnit | null;
	frame: number;
	/** Vowel frames are always voiced (the melody sings through them). */
	vowel: boolean;
	/** The placement the frame belongs to (−1 for none). */
	syllable: number;
	/** A vowel frame from the unit's glide coda. */
	glide?: boolean;
}

/**
 * Most of a coda taken at the end of a vowel, frames (its recording may run into a pause): 150 ms
 * holds an English cluster as read ("nd", "sts").
 */
const MAX_CODA_FRAMES = 30;
/** Codas that are a vowel's offglide (Mandarin and Cantonese finals ai, ao, ou, eoi), laid out as part of the vowel. */
const GLIDE_CODAS = new Set(['j', 'w', 'ɥ']);
/** Longest quiet run inside an onset, frames (100 ms: a stop's closure, not a pause the aligner took in). */
const MAX_CLOSURE_FRAMES = 20;
/** Quiet frames kept before an onset's first audible one, frames (a legato singer's short closure). */
const MAX_LEADING_CLOSURE_FRAMES = 6;
/** Longest onset placed, frames (250 ms: an English "str" as read). */
const MAX_ONSET_FRAMES = 50;
/** Frames more than this below a unit's loudest vowel frame are a pause, not speech, dB. */
const AUDIBLE_DB = 40;
/**
 * A singer puts the consonants before the beat, taking the time from the end of the previous
 * vowel, which keeps at least this share of its note (a short note at least KEPT_VOWEL_SECONDS).
 */
const KEPT_VOWEL_SHARE = 0.6;
const KEPT_VOWEL_SECONDS = 0.06;
/** Loudest a consonant frame may be above its syllable's loudest vowel frame, dB. */
const CONSONANT_HEADROOM_DB = 0;
/**
 * Loudest a glide coda's frame may be above its syllable's loudest frame before the glide, dB. A
 * spoken offglide is narrower than its vowel and quieter; one read louder is a vowel the aligner
 * cut short (a Cantonese zoi6 read with 55 ms of ɔ and 270 ms of "j" sang its glide 7.7 dB above
 * the vowel), and levelled by that short vowel it would stand out of the line.
 */
const GLIDE_HEADROOM_DB = 3;

/**
 * Which of a unit's frames are sound and which a pause, judged by each frame's power (decoded
 * envelope, dB, computed once a frame) against the unit's loudest vowel frame. Power, not c̃₀: an
 * "s" has its energy above 4 kHz, where c̃₀ (a mean over the mel scale) puts it 20 dB lower than it is.
 */
class Audibility {
	private readonly levels = new Map<VoiceUnit, Float64Array>();
	private readonly peaks = new Map<VoiceUnit, number>();
	constructor(private readonly fs: number, private readonly fftSize: number) {}

	levelDb(unit: VoiceUnit, frame: number): number {
		let row = this.levels.get(unit);
		if (!row) this.levels.set(unit, (row = new Float64Array(unit.f0Hz.length).fill(NaN)));
		if (Number.isNaN(row[frame])) {
			const stride = UNIT_MEL_CEPSTRUM_ORDER + 1;
			const power = decodeEnvelope(unit.melCepstra.subarray(frame * stride, (frame + 1) * stride), this.fs, this.fftSize);
			let sum = 0;
			for (let k = 0; k < power.length; k++) sum += power[k];
			row[frame] = 10 * Math.log10(sum + 1e-30);
		}
		return row[frame];
	}

	audible(unit: VoiceUnit, frame: number): boolean {
		let peak = this.peaks.get(unit);
		if (peak === undefined) {
			peak = -Infinity;
			const end = Math.max(unit.nucleusStartFrame + 1, Math.min(unit.f0Hz.length, unit.codaStartFrame));
			for (let i = unit.nucleusStartFrame; i < end; i++) peak = Math.max(peak, this.levelDb(unit, i));
			this.peaks.set(unit, peak);
		}
		return this.levelDb(unit, frame) >= peak - AUDIBLE_DB;
	}

	/** One past the unit's last audible frame (a final fricative is quieter than the vowel, a pause far quieter). */
	end(unit: VoiceUnit): number {
		let end = unit.f0Hz.length;
		while (end > unit.nucleusStartFrame + 2 && !this.audible(unit, end - 1)) end--;
		return end;
	}

	/**
	 * The onset's first frame worth placing: walking back from the vowel, the consonants run on
	 * through quiet frames as long as a stop's closure ("s p" of "spoons"); a longer quiet run is a
	 * pause (or the previous word) the aligner took in, and of leading quiet only a closure's worth
	 * is kept. At most MAX_ONSET_FRAMES.
	 */
	onsetStart(unit: VoiceUnit): number {
		const nucleus = unit.nucleusStartFrame;
		let first = nucleus;
		let quietRun = 0;
		while (first > 0 && nucleus - first < MAX_ONSET_FRAMES) {
			quietRun = this.audible(unit, first - 1) ? 0 : quietRun + 1;
			if (quietRun > MAX_CLOSURE_FRAMES) break;
			first--;
		}
		let leading = 0;
		while (first + leading < nucleus && !this.audible(unit, first + leading)) leading++;
		return first + Math.max(0, leading - MAX_LEADING_CLOSURE_FRAMES);
	}

	/** The audible run of the unit's vowel frames in [from, to) (a vowel aligned partly into a pause keeps only its sound). */
	vowel(unit: VoiceUnit, from: number, to: number): [number, number] {
		let a = from;
		let b = to;
		while (a < b - 1 && !this.audible(unit, a)) a++;
		while (b > a + 1 && !this.audible(unit, b - 1)) b--;
		return [a, b];
	}
}

export function layoutUnits(profile: VoiceProfile, placements: SyllablePlacement[], startSeconds: number, endSeconds: number): UnitTimeline {
	const fp = profile.framePeriodSeconds;
	const frameCount = Math.ceil((endSeconds - startSeconds) / fp) + 1;
	const frameAt = (seconds: number) => Math.max(0, Math.min(frameCount, Math.round((seconds - startSeconds) / fp)));
	const secondsAt = (frame: number) => startSeconds + frame * fp;
	const audibility = new Audibility(profile.fs, profile.fftSize);
	const sources: FrameSource[] = Array.from({ length: frameCount }, () => ({ unit: null, frame: 0, vowel: false, syllable: -1 }));
	// Each syllable's onset start (taken from the previous vowel's end in legato), vowel start and end.
	const laid: Array<{ choice: ReturnType<typeof selectUnit>; onsetStart: number; vowelStart: number; end: number }> = [];
	for (const g of placements) {
		const vowelStart = frameAt(g.vowelStartSeconds);
		if (vowelStart >= frameCount) break;
		const choice = selectUnit(profile, g.syllable);
		const end = Math.max(vowelStart + 1, frameAt(g.endSeconds));
		const previous = laid[laid.length - 1];
		// Earliest the consonants may start: after a rest, the rest's start; in legato, where the
		// previous vowel has kept its share of its note.
		let floor = 0;
		if (previous) {
			const note = previous.end - previous.vowelStart;
			const kept = Math.max(Math.round(KEPT_VOWEL_SHARE * note), Math.min(note, Math.round(KEPT_VOWEL_SECONDS / fp)));
			floor = Math.min(vowelStart, Math.max(previous.vowelStart + 1, previous.vowelStart + kept));
		}
		// Spoken duration kept; a note too short for it keeps the consonant's end (burst, transition into the vowel).
		const onsetStart = choice.onsetUnit ? Math.max(floor, vowelStart - (choice.onsetUnit.nucleusStartFrame - audibility.onsetStart(choice.onsetUnit))) : vowelStart;
		if (previous) previous.end = Math.max(previous.vowelStart + 1, Math.min(previous.end, onsetStart));
		laid.push({ choice, onsetStart, vowelStart, end: Math.min(frameCount, end) });
	}
	const spans: SyllableSpan[] = [];
	laid.forEach(({ choice, onsetStart, vowelStart, end: groupEnd }, k) => {
		if (choice.onsetUnit) {
			const nucleus = choice.onsetUnit.nucleusStartFrame;
			for (let t = onsetStart; t < vowelStart; t++) sources[t] = { unit: choice.onsetUnit, frame: nucleus - (vowelStart - t), vowel: false, syllable: k };
		}
		// Rhyme: the vowel's attack and release at their own pace, its middle stretched over the rest
		// of the span, the coda at the end. Trailing quiet frames (a pause after the syllable) are
		// left out. A coda of glides only (ai, ao, ou, eoi) is the vowel's own movement, not a
		// consonant closing it: vowel and glide are stretched together, so the formant trajectory
		// keeps its shape over the note (as a diphthong nucleus's does) instead of the vowel's start
		// being held and the glide squeezed into the note's last frames. A gliding rhyme (a diphthong
		// nucleus or a glide coda) is stretched evenly over the whole span, its attack and its end
		// included: the reading's time course scaled to the note. Kept at spoken pace, a 20 ms attack
		// (the m→e of mei6, the f→e of fei4) filled a fifth of a short read vowel and a twentieth of
		// the note, and the glide's end (its second target) was squeezed into the note's last 20 ms.
		const unit = choice.rhymeUnit;
		const end = audibility.end(unit);
		const glidesOnly = unit.coda.length > 0 && unit.coda.every((c) => GLIDE_CODAS.has(c));
		const codaStart = glidesOnly ? end : Math.max(unit.nucleusStartFrame + 1, Math.min(end, unit.codaStartFrame));
		const codaFrames = unit.coda.length > 0 ? Math.min(MAX_CODA_FRAMES, end - codaStart) : 0;
		const [vowelFrom, vowelTo] = audibility.vowel(unit, unit.nucleusStartFrame, codaStart);
		const vowelFrames = vowelTo - vowelFrom;
		const span = groupEnd - vowelStart;
		const codaOut = Math.min(codaFrames, Math.floor(span / 3));
		const vowelOut = span - codaOut;
		// A plain vowel keeps its attack and release (the transitions from and into its consonants) at
		// their own pace; a gliding rhyme is stretched evenly from its first frame to the glide's end.
		const edge = Math.min(4, Math.floor(vowelFrames / 5), Math.floor(vowelOut / 3));
		const gliding = glidesOnly || phonemeInfo(unit.nucleus[0]).class === 'diphthong';
		const attack = gliding ? 0 : edge;
		const release = gliding ? 0 : edge;
		const steadyIn = vowelFrames - attack - release;
		const steadyOut = vowelOut - attack - release;
		// Where the glide's own frames begin in the note (a glide rhyme's coda start).
		let glideOut = vowelOut;
		for (let j = 0; j < vowelOut; j++) {
			let frame: number;
			if (j < attack) frame = j;
			else if (j >= vowelOut - release) frame = vowelFrames - (vowelOut - j);
			else frame = attack + (steadyOut <= 1 ? 0 : Math.round(((j - attack) / (steadyOut - 1)) * (steadyIn - 1)));
			const glide = glidesOnly && vowelFrom + frame >= unit.codaStartFrame;
			sources[vowelStart + j] = { unit, frame: vowelFrom + frame, vowel: true, syllable: k, glide };
			if (glide && glideOut === vowelOut) glideOut = j;
		}
		for (let j = 0; j < codaOut; j++) sources[vowelStart + vowelOut + j] = { unit, frame: codaStart + (codaFrames - codaOut) + j, vowel: false, syllable: k };
		spans.push({ onsetStartSeconds: secondsAt(onsetStart), vowelStartSeconds: secondsAt(vowelStart), codaStartSeconds: secondsAt(vowelStart + glideOut), endSeconds: secondsAt(groupEnd) });
	});
	const params = renderFrames(profile, sources);
	const voiced = Uint8Array.from(sources, (s) => (s.unit !== null && (s.vowel || s.unit.f0Hz[s.frame] > 0) ? 1 : 0));
	const roles: FrameRoles = {
		syllable: Int32Array.from(sources, (s) => (s.unit ? s.syllable : -1)),
		vowel: Uint8Array.from(sources, (s) => (s.unit && s.vowel ? 1 : 0)),
		glide: Uint8Array.from(sources, (s) => (s.unit && s.glide ? 1 : 0))
	};
	capConsonantsToVowels(params.sp, roles);
	return { params, voiced, matches: laid.map((l) => l.choice.match), spans, roles, onsetUnits: laid.map((l) => l.choice.onsetUnit) };
}

/**
 * Decoded frames: every frame levelled by its own unit's gain (a consonant keeps its spoken level
 * relative to the vowel it was read with, and that vowel is moved to the voice's median level),
 * vowel-to-vowel joins smoothed over ±2 frames (consonant frames are never averaged into a vowel),
 * and no consonant frame above its syllable's loudest vowel frame by more than CONSONANT_HEADROOM_DB.
 */
/**
 * A consonant from a unit whose vowel was misread (aligned into a pause) would be boosted with it,
 * and a later reshaping of the spectrum may lift it too: no consonant frame may stand above its own
 * sung vowel's loudest frame (envelope power) by more than the headroom, and no glide coda frame
 * above the loudest frame of the vowel before it by more than GLIDE_HEADROOM_DB. In place.
 */
export function capConsonantsToVowels(sp: SpectralFrames, roles: FrameRoles, headroomDb = CONSONANT_HEADROOM_DB): void {
	const bins = sp.fftSize / 2 + 1;
	const power = new Float64Array(sp.frames);
	let syllables = 0;
	for (let t = 0; t < sp.frames; t++) {
		for (let k = 0; k < bins; k++) power[t] += sp.data[t * bins + k];
		syllables = Math.max(syllables, roles.syllable[t] + 1);
	}
	const vowelPeak = new Float64Array(syllables);
	for (let t = 0; t < sp.frames; t++) if (roles.vowel[t] && roles.syllable[t] >= 0) vowelPeak[roles.syllable[t]] = Math.max(vowelPeak[roles.syllable[t]], power[t]);
	// The vowel before its glide: the glide's frames are held to it.
	const glide = roles.glide;
	const beforeGlidePeak = new Float64Array(syllables);
	if (glide) for (let t = 0; t < sp.frames; t++) if (roles.vowel[t] && !glide[t] && roles.syllable[t] >= 0) beforeGlidePeak[roles.syllable[t]] = Math.max(beforeGlidePeak[roles.syllable[t]], power[t]);
	const ceiling = 10 ** (headroomDb / 10);
	const glideCeiling = 10 ** (GLIDE_HEADROOM_DB / 10);
	for (let t = 0; t < sp.frames; t++) {
		const s = roles.syllable[t];
		if (s < 0) continue;
		let limit: number;
		if (!roles.vowel[t]) limit = ceiling * vowelPeak[s];
		else if (glide?.[t]) limit = glideCeiling * beforeGlidePeak[s];
		else continue;
		if (!(limit > 0) || power[t] <= limit) continue;
		const scale = limit / power[t];
		for (let k = 0; k < bins; k++) sp.data[t * bins + k] *= scale;
	}
}

function renderFrames(profile: VoiceProfile, sources: FrameSource[]): WorldParameters {
	const order = UNIT_MEL_CEPSTRUM_ORDER;
	const stride = order + 1;
	const bands = UNIT_AP_BAND_HZ.length;
	const { fs, fftSize } = profile;
	const bins = fftSize / 2 + 1;
	const count = sources.length;
	// Level: each unit's vowel gain (c̃₀) moved to the profile's median vowel gain.
	const gains = new Map<VoiceUnit, number>();
	const target = medianVowelGain(profile);
	const mc = new Float64Array(count * stride);
	const silence = -12; // c̃₀ of a rest: about −100 dB
	for (let t = 0; t < count; t++) {
		const s = sources[t];
		if (!s.unit) {
			mc[t * stride] = silence;
			continue;
		}
		if (!gains.has(s.unit)) gains.set(s.unit, target - unitVowelGain(s.unit));
		for (let q = 0; q <= order; q++) mc[t * stride + q] = s.unit.melCepstra[s.frame * stride + q];
		mc[t * stride] += gains.get(s.unit)!;
	}
	// Joins between two vowels of different units: a 5-frame moving average of their mel-cepstra
	// (log-spectral smoothing), over vowel frames only.
	const smoothed = Float64Array.from(mc);
	const isVowel = (t: number) => t >= 0 && t < count && sources[t].vowel;
	for (let t = 1; t < count; t++) {
		if (!isVowel(t) || !isVowel(t - 1) || sources[t].unit === sources[t - 1].unit) continue;
		for (let c = Math.max(0, t - 2); c <= Math.min(count - 1, t + 1); c++) {
			if (!isVowel(c)) continue;
			for (let q = 0; q <= order; q++) {
				let sum = 0;
				let n = 0;
				for (let d = -2; d <= 2; d++) {
					if (!isVowel(c + d)) continue;
					sum += mc[(c + d) * stride + q];
					n++;
				}
				smoothed[c * stride + q] = sum / n;
			}
		}
	}
	const sp = new Float64Array(count * bins);
	const ap = new Float64Array(count * bins);
	const apRow = new Float64Array(bins);
	for (let t = 0; t < count; t++) {
		const row = decodeEnvelope(smoothed.subarray(t * stride, (t + 1) * stride), fs, fftSize);
		sp.set(row, t * bins);
		const s = sources[t];
		if (!s.unit) apRow.fill(1);
		// A vowel frame the analysis found unvoiced has all-noise aperiodicity: use the voice's mean breathiness.
		else if (s.vowel && !(s.unit.f0Hz[s.frame] > 0)) decodeAperiodicity(profile.timbre.meanApBands, fs, fftSize, apRow);
		else decodeAperiodicity(s.unit.apBands.subarray(s.frame * bands, (s.frame + 1) * bands), fs, fftSize, apRow);
		ap.set(apRow, t * bins);
	}
	return { fs, framePeriodSeconds: profile.framePeriodSeconds, f0Hz: new Float64Array(count), sp: { frames: count, fftSize, data: sp }, ap: { frames: count, fftSize, data: ap } };
}
