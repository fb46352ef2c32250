/**
 * The pYIN hidden Markov model (Mauch & Dixon, 2014, section 2.2): states are
 * voiced pitch bins plus — simpler than pYIN's unvoiced copy of every bin — one unvoiced
 * state, entered from any bin and left to any bin uniformly. Transitions: stay
 * voiced/unvoiced with 1 − `voicingSwitchProb`.
 * Pitch transitions differ from pYIN's triangular band in two ways that make Viterbi
 * O(frames · bins) instead of O(frames · bins · band):
 * - a Laplacian kernel p(Δ) ∝ exp(−|Δ| / stepBins) over bin moves Δ, whose max-product
 *   with the previous scores is a two-pass distance transform (Felzenszwalb &
 *   Huttenlocher, 2012, "Distance transforms of sampled functions", section 2 for the L1 case);
 * - a small uniform `jumpProb` to any bin, so that a sung leap lands in one hop instead of
 *   sliding; its max over all sources is one number per frame.
 */

export interface PitchCandidates {
	frames: number;
	/** Slots per frame in the flat arrays below. */
	maxCandidates: number;
	/** frames × maxCandidates, Hz; unused slots hold 0. */
	candidateHz: Float32Array;
	/** frames × maxCandidates, probability of each candidate; a frame's sum is its voicing probability. */
	candidateProb: Float32Array;
	count: Uint8Array;
	voicedProb: Float32Array;
}

export interface PitchHmmOptions {
	/** Lowest bin centre, Hz. */
	minHz: number;
	/** Highest pitch covered, Hz. */
	maxHz: number;
	/** Bin width in cents (default 20). */
	binCents?: number;
	/** Scale of the Laplacian pitch-move kernel: mean |move| per hop, cents (default 25). */
	stepCents?: number;
	/** Probability of a jump to an arbitrary bin per hop (default 0.001). */
	jumpProb?: number;
	/** Probability of switching voiced ↔ unvoiced per hop (default 0.01, as in pYIN). */
	voicingSwitchProb?: number;
	/**
	 * Voicing probability at which a steady frame is as likely voiced as unvoiced
	 * (default 0.15, tuned on vocadito). It replaces pYIN's "yinTrust" weighting, which only makes sense with
	 * one unvoiced state per bin; lower values voice more frames.
	 */
	voicingThreshold?: number;
}

export interface PitchHmmPath {
	/** Decoded pitch bin per frame. */
	bin: Uint16Array;
	voiced: Uint8Array;
	/** Centre frequency of each bin, Hz. */
	binHz: Float64Array;
}

const LOG_FLOOR = -1e9;

export function pitchBinCount(minHz: number, maxHz: number, binCents: number): number {
	return Math.floor((1200 * Math.log2(maxHz / minHz)) / binCents) + 1;
}

export function decodePitchHmm(c: PitchCandidates, opts: PitchHmmOptions): PitchHmmPath {
	const binCents = opts.binCents ?? 20;
	const stepBins = Math.max(0.1, (opts.stepCents ?? 25) / binCents);
	const jumpProb = opts.jumpProb ?? 0.001;
	const ps = opts.voicingSwitchProb ?? 0.01;
	const theta = opts.voicingThreshold ?? 0.15;
	const unvoicedOdds = Math.log(theta / (1 - theta));
	const nBins = pitchBinCount(opts.minHz, opts.maxHz, binCents);
	const frames = c.frames;
	const binHz = new Float64Array(nBins);
	for (let j = 0; j < nBins; j++) binHz[j] = opts.minHz * Math.pow(2, (j * binCents) / 1200);
	const bin = new Uint16Array(frames);
	const voiced = new Uint8Array(frames);
	if (frames === 0) return { bin, voiced, binHz };

	const lStay = Math.log(1 - ps);
	const lSwitch = Math.log(ps);
	// p(Δ) = (1 − jump) · exp(−λ|Δ|) / Z, with Z = Σ_Δ exp(−λ|Δ|) = (1 + e^−λ) / (1 − e^−λ).
	const lambda = 1 / stepBins;
	const lKernel0 = Math.log((1 - jumpProb) * ((1 - Math.exp(-lambda)) / (1 + Math.exp(-lambda))));
	const lJump = Math.log(jumpProb / nBins);

	// State s < nBins: voiced at bin s; state nBins: unvoiced.
	const nStates = nBins + 1;
	const back = new Uint16Array(frames * nStates);
	const score = new Float64Array(nBins);
	const from = new Uint16Array(nBins);
	const obsV = new Float64Array(nBins);
	const lEnter = lSwitch - Math.log(nBins);
	const maxPass = (score: Float64Array, from: Uint16Array, step: number) => {
		for (let j = 1; j < nBins; j++) {
			const moved = score[j - 1] - step;
			if (moved > score[j]) {
				score[j] = moved;
				from[j] = from[j - 1];
			}
		}
		for (let j = nBins - 2; j >= 0; j--) {
			const moved = score[j + 1] - step;
			if (moved > score[j]) {
				score[j] = moved;
				from[j] = from[j + 1];
			}
		}
	};
	const binPos = (hz: number) => (1200 * Math.log2(hz / opts.minHz)) / binCents;
	// obsV holds log-observation probabilities of the voiced states. Only bins a candidate
	// lands in differ from the floor, so only those are written and later reset.
	const lFloor = Math.log(1e-12);
	obsV.fill(lFloor);
	const mass = new Float64Array(nBins);
	const touched = new Int32Array(2 * c.maxCandidates);
	let nTouched = 0;
	const fillObservation = (t: number): number => {
		for (let k = 0; k < nTouched; k++) {
			obsV[touched[k]] = lFloor;
			mass[touched[k]] = 0;
		}
		nTouched = 0;
		const base = t * c.maxCandidates;
		let total = 0;
		for (let k = 0; k < c.count[t]; k++) {
			const hz = c.candidateHz[base + k];
			const p = c.candidateProb[base + k];
			if (!(hz > 0) || !(p > 0)) continue;
			const pos = binPos(hz);
			if (pos < -0.5 || pos > nBins - 0.5) continue;
			const clamped = Math.min(Math.max(pos, 0), nBins - 1);
			const lo = Math.floor(clamped);
			const frac = clamped - lo;
			mass[lo] += p * (1 - frac);
			touched[nTouched++] = lo;
			if (lo + 1 < nBins) {
				mass[lo + 1] += p * frac;
				touched[nTouched++] = lo + 1;
			}
			total += p;
		}
		// Voiced bins get the candidate mass that landed in them, the unvoiced state the rest
		// scaled by the threshold odds (cf. Mauch & Dixon 2014, eq. 5); the floor keeps every
		// state reachable.
		for (let k = 0; k < nTouched; k++) {
			const j = touched[k];
			obsV[j] = Math.log(mass[j] + 1e-12);
		}
		return unvoicedOdds + Math.log(1 - Math.min(total, 1) + 1e-12);
	};

	let lU = fillObservation(0);
	for (let j = 0; j < nBins; j++) score[j] = obsV[j] - Math.log(nBins);
	let unvoicedScore = lU;
	for (let t = 1; t < frames; t++) {
		const row = t * nStates;
		// Unvoiced: stay, or leave the best voiced state.
		let bestV = LOG_FLOOR;
		let bestVAt = 0;
		for (let i = 0; i < nBins; i++) {
			if (score[i] > bestV) {
				bestV = score[i];
				bestVAt = i;
			}
			from[i] = i;
		}
		let nextU = unvoicedScore + lStay;
		let nextUFrom = nBins;
		if (bestV + lSwitch > nextU) {
			nextU = bestV + lSwitch;
			nextUFrom = bestVAt;
		}
		// Voiced: Laplacian pitch move (distance transform), a leap from the best bin, or an entry from unvoiced.
		maxPass(score, from, lambda);
		const leap = bestV + lStay + lJump;
		const enter = unvoicedScore + lEnter;
		lU = fillObservation(t);
		let best = nextU + lU;
		const moveBase = lStay + lKernel0;
		for (let j = 0; j < nBins; j++) {
			let v = score[j] + moveBase;
			let src = from[j];
			if (leap > v) {
				v = leap;
				src = bestVAt;
			}
			if (enter > v) {
				v = enter;
				src = nBins;
			}
			v += obsV[j];
			score[j] = v;
			back[row + j] = src;
			if (v > best) best = v;
		}
		back[row + nBins] = nextUFrom;
		unvoicedScore = nextU + lU;
		// Renormalise so log scores stay near 0 over long inputs.
		for (let j = 0; j < nBins; j++) score[j] -= best;
		unvoicedScore -= best;
	}
	let state = nBins;
	let bestFinal = unvoicedScore;
	for (let j = 0; j < nBins; j++) {
		if (score[j] > bestFinal) {
			bestFinal = score[j];
			state = j;
		}
	}
	let lastBin = 0;
	for (let t = frames - 1; t >= 0; t--) {
		voiced[t] = state < nBins ? 1 : 0;
		if (state < nBins) lastBin = state;
		bin[t] = lastBin;
		if (t > 0) state = back[t * nStates + state];
	}
	return { bin, voiced, binHz };
}
