/**
 * A vocalise voice from the hum alone, for takes without a usable reading: each hummed note's
 * steady middle becomes a unit sung on the hum's own sound (an "m" or "oo"), so any lyric is sung
 * on that sound in the user's voice. Unit selection falls back to these units for every syllable.
 */
import type { Language } from '../take/types';
import { analyzeWorld } from '../vocoder/analysis';
import { assembleProfile, type VoiceProfile } from './profile';
import { encodeFrames, type VoiceUnit } from './voice-units';

export interface HummedNote {
	onsetSeconds: number;
	offsetSeconds: number;
	midiPitch: number;
}

export function buildVocaliseProfile(hum: Float32Array, sampleRate: number, language: Language, notes: HummedNote[]): VoiceProfile {
	const params = analyzeWorld(hum, sampleRate, { f0Method: 'harvest' });
	const fp = params.framePeriodSeconds;
	const units: VoiceUnit[] = [];
	for (const note of notes) {
		// The middle 80 % of notes of at least 150 ms: no attack, no release.
		const length = note.offsetSeconds - note.onsetSeconds;
		if (length < 0.15) continue;
		const from = Math.max(0, Math.round((note.onsetSeconds + 0.1 * length) / fp));
		const to = Math.min(params.f0Hz.length, Math.round((note.offsetSeconds - 0.1 * length) / fp));
		if (to - from < 6) continue;
		units.push({ language, reading: 'u', onset: [], nucleus: ['u'], coda: [], nucleusStartFrame: 0, codaStartFrame: to - from, ...encodeFrames(params, from, to) });
	}
	if (units.length === 0) throw new RangeError('The hum holds no note long enough to learn a voice from (150 ms or more).');
	return assembleProfile({ language, fs: sampleRate, framePeriodSeconds: fp, fftSize: params.sp.fftSize, units, kind: 'vocalise', hummedMidi: notes.map((n) => n.midiPitch) });
}
