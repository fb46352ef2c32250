/**
 * Table-driven sin/cos and log (errors ~1e-12) for per-bin loops, where Math.sin, Math.cos and
 * Math.log would cost more than the FFTs around them.
 */

const SIN_TABLE_SIZE = 4096;
/** sin(2πi / 4096) for one and a quarter turns, so cosines read a quarter turn further on. */
const SIN_TABLE = new Float64Array(SIN_TABLE_SIZE + SIN_TABLE_SIZE / 4 + 1);
for (let i = 0; i < SIN_TABLE.length; i++) SIN_TABLE[i] = Math.sin((2 * Math.PI * i) / SIN_TABLE_SIZE);
const SIN_TABLE_INDEX_PER_RADIAN = SIN_TABLE_SIZE / (2 * Math.PI);
const SIN_TABLE_STEP_RADIANS = (2 * Math.PI) / SIN_TABLE_SIZE;
const SIN_TABLE_QUARTER = SIN_TABLE_SIZE / 4;
const SIN_TABLE_MASK = SIN_TABLE_SIZE - 1;

/** A complex number. */
export interface Complex {
	re: number;
	im: number;
}

/**
 * magnitude · e^{i·radians}, |radians| < 3e6. Meant for hot loops with the result taken apart at
 * once: V8 inlines the call and keeps the object's fields in registers.
 */
export function fastPolar(magnitude: number, radians: number): Complex {
	const t = radians * SIN_TABLE_INDEX_PER_RADIAN;
	const j = t | 0;
	// Truncating toward zero leaves a remainder within one table step of either sign, which the
	// Taylor terms (cos r ≈ 1 − r²/2 + r⁴/24, sin r ≈ r − r³/6) cover.
	const r = (t - j) * SIN_TABLE_STEP_RADIANS;
	const i = j & SIN_TABLE_MASK;
	const s0 = SIN_TABLE[i];
	const c0 = SIN_TABLE[i + SIN_TABLE_QUARTER];
	const r2 = r * r;
	const cr = 1 - r2 * (0.5 - r2 * (1 / 24));
	const sr = r * (1 - r2 * (1 / 6));
	return { re: magnitude * (c0 * cr - s0 * sr), im: magnitude * (s0 * cr + c0 * sr) };
}

/** 2^e for e in [−1020, 1020], at index e + 1020. */
const POWER_OF_TWO_MIN = -1020;
const POWERS_OF_TWO = Float64Array.from({ length: 2041 }, (_, i) => 2 ** (i + POWER_OF_TWO_MIN));

// Natural log from the float's exponent and a 256-entry table of the mantissa's leading bits
// (positive normal inputs); Math.log on big-endian hosts.
const LITTLE_ENDIAN = new Int32Array(Float64Array.of(1).buffer)[1] === 0x3ff00000;
const LOG_TABLE = new Float64Array(256);
const LOG_INVERSE = new Float64Array(256);
for (let j = 0; j < 256; j++) {
	LOG_TABLE[j] = Math.log(1 + j / 256);
	LOG_INVERSE[j] = 1 / (1 + j / 256);
}

/**
 * ½·ln x into `halfLog` and √x into `root` for positive normal x[0 … n). `words` views x's bytes
 * (new Int32Array(x.buffer)): the logarithm comes from the exponent bits and a table on the
 * mantissa's leading 8 bits (little-endian hosts; Math.log elsewhere). x is only read here: reading
 * the words of a value just stored would stall on store forwarding.
 */
export function halfLogAndRoot(x: Float64Array, words: Int32Array, halfLog: Float64Array, root: Float64Array, n: number): void {
	if (!LITTLE_ENDIAN) {
		for (let k = 0; k < n; k++) {
			halfLog[k] = 0.5 * Math.log(x[k]);
			root[k] = Math.sqrt(x[k]);
		}
		return;
	}
	const powers = POWERS_OF_TWO;
	for (let k = 0; k < n; k++) {
		const v = x[k];
		const hi = words[2 * k + 1];
		const exponent = (hi >> 20) - 1023;
		const j = (hi >> 12) & 255;
		// v / 2^exponent / (1 + j/256) − 1 lies in [0, 1/256): four terms of log(1 + r) leave < 3e-13.
		const r = v * powers[-exponent - POWER_OF_TWO_MIN] * LOG_INVERSE[j] - 1;
		halfLog[k] = 0.5 * (exponent * Math.LN2 + LOG_TABLE[j] + r * (1 - r * (0.5 - r * (1 / 3 - r * 0.25))));
		root[k] = Math.sqrt(v);
	}
}
