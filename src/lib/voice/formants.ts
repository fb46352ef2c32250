/**
 * The first formants of a smooth power envelope (a vowel's mean CheapTrick envelope, decoded from
 * its mel-cepstrum): its first peaks between 200 and 4500 Hz that rise at least 2 dB above the
 * valley before them and lie within 40 dB of the strongest (ripples, and ripples at the bottom of a
 * deep valley between two narrow formants, are passed over), each refined by a parabola through its bin and
 * neighbours (in dB). Peak picking on the envelope, not LPC root solving: on a low voice a bump
 * from the glottal source below F1 can be reported as the first formant.
 */
const MIN_RISE_DB = 2;
const MAX_DEPTH_DB = 40;

export function formantsOf(power: ArrayLike<number>, fs: number, count = 2): number[] {
	const bins = power.length;
	const hzPerBin = fs / 2 / (bins - 1);
	const db = Float64Array.from({ length: bins }, (_, k) => 10 * Math.log10(power[k] + 1e-30));
	const lo = Math.max(1, Math.ceil(200 / hzPerBin));
	const hi = Math.min(bins - 2, Math.floor(4500 / hzPerBin));
	let strongest = -Infinity;
	for (let k = lo; k <= hi; k++) strongest = Math.max(strongest, db[k]);
	const found: number[] = [];
	let valley = db[lo - 1];
	for (let k = lo; k <= hi && found.length < count; k++) {
		valley = Math.min(valley, db[k]);
		if (!(db[k] > db[k - 1] && db[k] >= db[k + 1]) || db[k] - valley < MIN_RISE_DB || db[k] < strongest - MAX_DEPTH_DB) continue;
		const denom = db[k - 1] - 2 * db[k] + db[k + 1];
		const offset = denom !== 0 ? (0.5 * (db[k - 1] - db[k + 1])) / denom : 0;
		found.push((k + offset) * hzPerBin);
		valley = db[k];
	}
	return found;
}
