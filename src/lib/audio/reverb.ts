/**
 * Algorithmic reverberator of the Schroeder–Moorer family: a pre-delay, eight parallel feedback
 * comb filters with a one-pole low-pass in each loop, then three series all-pass diffusers.
 *
 *   - Schroeder, "Natural sounding artificial reverberation", JAES 10(3), 1962: parallel combs give
 *     the echo density and decay, series all-passes thicken it without colouring the spectrum;
 *     a comb of delay d samples and loop gain g decays 60 dB in T60 when g = 10^(−3·d / (T60·fs)).
 *   - Moorer, "About this reverberation business", Computer Music Journal 3(2), 1979: a low-pass in
 *     each comb loop makes high frequencies die sooner, as air and walls absorb them.
 *
 * The comb delays (31–47 ms) and all-pass delays (1.7–12 ms) are chosen here, spread over a 1 : 1.5
 * range as Schroeder advises, and rounded up to prime sample counts at the working rate so no two
 * loops share a period (their echoes never pile up on the same samples). The low-pass has unity
 * gain at DC, so every loop's gain is below one at all frequencies: the network is stable for any
 * decay time. The wet path is scaled by 1/√(Σ 1/(1 − g²)), the inverse RMS of the undamped comb
 * bank's impulse response, so `mix` trades roughly equal energies.
 */

export interface ReverbOptions {
	/**
	 * Time for the tail to fall 60 dB (RT60, s, 0.1–10) at low frequencies; the damping shortens it
	 * above `dampingHz` (with the defaults the broadband T30 measures ~1.15 s). Default 1.4.
	 */
	decaySeconds?: number;
	/** Gap between the dry sound and the first reflection (s, 0–0.2). Default 0.02. */
	predelaySeconds?: number;
	/** Corner of the low-pass in each comb loop (Hz, 500–20000, or Infinity for none; skipped at or above fs/2). Default 6000. */
	dampingHz?: number;
	/** Wet share of the output: y = (1 − mix)·dry + mix·wet (0–1). Default 0.15. */
	mix?: number;
}

export interface ReverbDesign {
	predelaySamples: number;
	combDelaySamples: number[];
	/** Loop gain of each comb at DC (< 1). */
	combGains: number[];
	/** Pole of the one-pole low-pass in the comb loops (0 = no damping). */
	dampingPole: number;
	allpassDelaySamples: number[];
	allpassGain: number;
	/** Scale of the wet path (see the file comment). */
	wetScale: number;
}

const COMB_DELAYS_MS = [31.3, 33.7, 35.9, 37.9, 40.1, 42.7, 44.3, 47.1];
const ALLPASS_DELAYS_MS = [12.1, 4.3, 1.7];
/** Schroeder's all-pass gain: dense enough diffusion without audible ringing. */
const ALLPASS_GAIN = 0.6;

function isPrime(n: number): boolean {
	if (n < 2) return false;
	for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
	return true;
}

function nextPrime(n: number): number {
	let p = Math.max(2, Math.ceil(n));
	while (!isPrime(p)) p++;
	return p;
}

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${name} must be in [${min}, ${max}] ${unit}; got ${value}.`);
}

/** Delays and gains of the network for `sampleRate` (Hz). */
export function designReverb(sampleRate: number, options: ReverbOptions = {}): ReverbDesign {
	const { decaySeconds = 1.4, predelaySeconds = 0.02, dampingHz = 6000 } = options;
	checkRange('sampleRate', sampleRate, 8000, 384000, 'Hz');
	checkRange('decaySeconds', decaySeconds, 0.1, 10, 's');
	checkRange('predelaySeconds', predelaySeconds, 0, 0.2, 's');
	if (dampingHz !== Infinity) checkRange('dampingHz', dampingHz, 500, 20000, 'Hz');
	const combDelaySamples = COMB_DELAYS_MS.map((ms) => nextPrime((ms / 1000) * sampleRate));
	const combGains = combDelaySamples.map((d) => 10 ** ((-3 * d) / (decaySeconds * sampleRate)));
	const energy = combGains.reduce((sum, g) => sum + 1 / (1 - g * g), 0);
	return {
		predelaySamples: Math.round(predelaySeconds * sampleRate),
		combDelaySamples,
		combGains,
		dampingPole: dampingHz < sampleRate / 2 ? Math.exp((-2 * Math.PI * dampingHz) / sampleRate) : 0,
		allpassDelaySamples: ALLPASS_DELAYS_MS.map((ms) => nextPrime((ms / 1000) * sampleRate)),
		allpassGain: ALLPASS_GAIN,
		wetScale: 1 / Math.sqrt(energy)
	};
}

/** The wet signal alone (the network's output for input `x`), same length as `x`. */
export function reverbWet(x: Float32Array, sampleRate: number, options: ReverbOptions = {}): Float32Array {
	const design = designReverb(sampleRate, options);
	const n = x.length;
	const wet = new Float64Array(n);
	const start = design.predelaySamples;
	const pole = design.dampingPole;
	// Each comb: v = buffer[n − d]; low = (1 − pole)·v + pole·low; buffer[n] = x[n] + g·low; out += v.
	for (let c = 0; c < design.combDelaySamples.length; c++) {
		const d = design.combDelaySamples[c];
		const g = design.combGains[c];
		const buffer = new Float64Array(d);
		let low = 0;
		let index = 0;
		for (let i = start; i < n; i++) {
			const v = buffer[index];
			wet[i] += v;
			low = (1 - pole) * v + pole * low;
			buffer[index] = x[i - start] + g * low;
			if (++index === d) index = 0;
		}
	}
	// Schroeder all-pass: y[n] = −a·u[n] + u[n − d] + a·y[n − d], as w[n] = u[n] + a·w[n − d], y = w[n − d] − a·w[n].
	for (const d of design.allpassDelaySamples) {
		const a = design.allpassGain;
		const buffer = new Float64Array(d);
		let index = 0;
		for (let i = 0; i < n; i++) {
			const delayed = buffer[index];
			const w = wet[i] + a * delayed;
			buffer[index] = w;
			wet[i] = delayed - a * w;
			if (++index === d) index = 0;
		}
	}
	const out = new Float32Array(n);
	for (let i = 0; i < n; i++) out[i] = wet[i] * design.wetScale;
	return out;
}

/** Dry and wet mixed: y = (1 − mix)·x + mix·wet. Same length as `x` (the tail past its end is cut). */
export function reverberate(x: Float32Array, sampleRate: number, options: ReverbOptions = {}): Float32Array {
	const { mix = 0.15 } = options;
	checkRange('mix', mix, 0, 1, '');
	const wet = reverbWet(x, sampleRate, options);
	const y = new Float32Array(x.length);
	for (let i = 0; i < x.length; i++) y[i] = (1 - mix) * x[i] + mix * wet[i];
	return y;
}
