/**
 * Sums a mono vocal stem and a backing track into one stereo mix, before mastering.
 *
 * The vocal is placed with the constant-power sine/cosine pan law (left = cos θ, right = sin θ,
 * θ = (pan + 1)·π/4): its power is the same at every position, and at the centre each side gets
 * 1/√2 (−3.01 dB). The backing may be mono (sent equally to both sides, unpanned) or stereo. The
 * mix lasts as long as the longer stem; nothing is limited here (the mastering stage does that).
 */

export interface MixOptions {
	/** Gain of the vocal before panning (dB, −96–+24). Default 0. */
	vocalGainDb?: number;
	/** Gain of the backing (dB, −96–+24). Default 0. */
	backingGainDb?: number;
	/** Vocal position, −1 (left) … 0 (centre) … +1 (right). Default 0. */
	vocalPan?: number;
}

/** Gains a stem may be given (dB). */
export const STEM_GAIN_RANGE_DB = { min: -96, max: 24 } as const;

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

/** Left and right gains of the constant-power pan law for `pan` in [−1, 1]. */
export function panGains(pan: number): [left: number, right: number] {
	checkRange('vocalPan', pan, -1, 1, '');
	const theta = ((pan + 1) * Math.PI) / 4;
	return [Math.cos(theta), Math.sin(theta)];
}

/** Mixes `vocal` (mono) over `backing` (mono or stereo), all at `sampleRate` Hz; returns [left, right]. */
export function mixStems(vocal: Float32Array, backing: readonly Float32Array[], sampleRate: number, options: MixOptions = {}): [Float32Array, Float32Array] {
	const { vocalGainDb = 0, backingGainDb = 0, vocalPan = 0 } = options;
	checkRange('sampleRate', sampleRate, 8000, 384000, 'Hz');
	checkRange('vocalGainDb', vocalGainDb, STEM_GAIN_RANGE_DB.min, STEM_GAIN_RANGE_DB.max, 'dB');
	checkRange('backingGainDb', backingGainDb, STEM_GAIN_RANGE_DB.min, STEM_GAIN_RANGE_DB.max, 'dB');
	if (backing.length < 1 || backing.length > 2) throw new RangeError(`backing must have 1 or 2 channels; got ${backing.length}.`);
	if (backing.length === 2 && backing[0].length !== backing[1].length) {
		throw new RangeError(`backing channels must have equal lengths; got ${backing[0].length} and ${backing[1].length} samples.`);
	}
	const [panLeft, panRight] = panGains(vocalPan);
	const vocalGain = 10 ** (vocalGainDb / 20);
	const backingGain = 10 ** (backingGainDb / 20);
	const length = Math.max(vocal.length, backing[0].length);
	const sides: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
	for (let side = 0; side < 2; side++) {
		const out = sides[side];
		const bed = backing[Math.min(side, backing.length - 1)];
		const vocalSide = vocalGain * (side === 0 ? panLeft : panRight);
		for (let i = 0; i < bed.length; i++) out[i] = backingGain * bed[i];
		for (let i = 0; i < vocal.length; i++) out[i] += vocalSide * vocal[i];
	}
	return sides;
}
