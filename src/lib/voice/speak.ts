/**
 * Speaking a sentence in a profile's voice with given timing and pitch: the units of its syllables
 * laid out at the aligned times (vowels from their nucleus onsets), the f0 taken from a contour
 * (filled across short unvoiced gaps inside vowels). The voice-likeness benchmark re-speaks held-out
 * sentences this way, at their own timing and f0, from units of the other sentences only.
 */
import type { F0Contour } from '../vocoder/types';
import { synthesize } from '../vocoder/synthesis';
import type { VoiceProfile } from './profile';
import type { AlignedSyllable } from './syllable-alignment';
import { layoutUnits } from './unit-timeline';

export function speakAligned(profile: VoiceProfile, aligned: AlignedSyllable[], f0: F0Contour, durationSeconds: number, seed = 1): Float32Array {
	const placements = aligned.map((a) => ({ syllable: a.syllable, vowelStartSeconds: a.nucleusStartSeconds, endSeconds: a.endSeconds }));
	const { params, voiced } = layoutUnits(profile, placements, 0, durationSeconds);
	const fp = profile.framePeriodSeconds;
	let lastVoiced = 0;
	for (let t = 0; t < params.f0Hz.length; t++) {
		const k = Math.min(f0.f0Hz.length - 1, Math.round((t * fp) / f0.framePeriodSeconds));
		const hz = f0.f0Hz[k];
		if (hz > 0) lastVoiced = hz;
		params.f0Hz[t] = voiced[t] ? hz > 0 ? hz : lastVoiced || profile.speakingF0Hz : 0;
	}
	return synthesize(params, { fs: profile.fs, seed });
}
