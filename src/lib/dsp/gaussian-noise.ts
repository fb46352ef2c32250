/**
 * Seeded Gaussian noise: Marsaglia's xorshift128 with his polar transform (no trigonometry). The
 * same seed gives the same sequence on every host, so renders can be reproduced.
 */
export class GaussianNoise {
	private x: number;
	private y: number;
	private z: number;
	private w: number;
	/** The second deviate of the last pair, when not yet handed out. */
	private spare = 0;
	private hasSpare = false;

	constructor(seed: number) {
		// Spread the seed over four words with an integer hash so nearby seeds decorrelate.
		let s = (seed | 0) ^ 0x9e3779b9;
		const next = (): number => {
			s = (s + 0x6d2b79f5) | 0;
			let t = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
			t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
			return (t ^ (t >>> 16)) | 0;
		};
		this.x = next();
		this.y = next();
		this.z = next();
		this.w = next();
		if ((this.x | this.y | this.z | this.w) === 0) this.w = 1;
	}

	/** Standard normal deviate. */
	next(): number {
		if (this.hasSpare) {
			this.hasSpare = false;
			return this.spare;
		}
		const first = this.pair();
		this.hasSpare = true;
		return first;
	}

	/** Fills out[0 … n) with standard normal deviates (the same sequence as n calls of next()). */
	fill(out: Float64Array, n: number): void {
		let i = 0;
		if (n > 0 && this.hasSpare) {
			this.hasSpare = false;
			out[i++] = this.spare;
		}
		while (i < n) {
			out[i++] = this.pair();
			if (i < n) out[i++] = this.spare;
			else this.hasSpare = true;
		}
	}

	/** Uniform in (0, 1). */
	private uniform(): number {
		const t = this.x ^ (this.x << 11);
		this.x = this.y;
		this.y = this.z;
		this.z = this.w;
		this.w = this.w ^ (this.w >>> 19) ^ (t ^ (t >>> 8));
		return ((this.w >>> 0) + 0.5) / 4294967296;
	}

	/** Two independent deviates (polar method): returns the first, leaves the second in `spare`. */
	private pair(): number {
		let u: number;
		let v: number;
		let q: number;
		do {
			u = 2 * this.uniform() - 1;
			v = 2 * this.uniform() - 1;
			q = u * u + v * v;
		} while (q >= 1 || q === 0);
		const f = Math.sqrt((-2 * Math.log(q)) / q);
		this.spare = v * f;
		return u * f;
	}
}
