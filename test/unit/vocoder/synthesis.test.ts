/**
 * WORLD-style synthesis: known answers on generated parameters (pitch, noise, voicing changes, other
 * output rates), streaming equal to one-shot, and copy synthesis from the C++ WORLD reference
 * analyses compared with WORLD's own resynthesis (skipped when ../shared/data is absent).
 */
import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../src/lib/dsp/fft';
import { estimateF0 } from '../../../src/lib/pitch/pyin';
import { concatenateParameters } from '../../../src/lib/vocoder/manipulate';
import { melCepstralDistortion, melCepstrumFromPowerEnvelope } from '../../../src/lib/vocoder/mel-cepstrum';
import { StreamingSynthesizer, synthesizeInChunks } from '../../../src/lib/vocoder/streaming-synthesis';
import { synthesisLengthSamples, synthesize } from '../../../src/lib/vocoder/synthesis';
import type { WorldParameters } from '../../../src/lib/vocoder/types';
import { hannPowerSpectrum } from '../../helpers/vocoder-signals';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../../helpers/world-reference';
import { maxAbsDiff } from '../../helpers/arrays';

const PERIOD = 0.005;
const cents = (a: number, b: number) => 1200 * Math.log2(a / b);

/** Parameters with per-frame f0 and aperiodicity and a per-bin envelope (power at hz). */
function generated(frames: number, fs: number, fftSize: number, f0: (i: number) => number, ap: (i: number) => number, sp: (hz: number) => number = () => 1e-4): WorldParameters {
	const bins = fftSize / 2 + 1;
	const row = Float64Array.from({ length: bins }, (_, k) => sp((k * fs) / fftSize));
	const spData = new Float64Array(frames * bins);
	const apData = new Float64Array(frames * bins);
	const f0Hz = new Float64Array(frames);
	for (let i = 0; i < frames; i++) {
		f0Hz[i] = f0(i);
		spData.set(row, i * bins);
		apData.fill(ap(i), i * bins, (i + 1) * bins);
	}
	return { fs, framePeriodSeconds: PERIOD, f0Hz, sp: { frames, fftSize, data: spData }, ap: { frames, fftSize, data: apData } };
}

/** A sung-vowel-like stream: vibrato and a glide, three formants, aperiodicity rising with frequency. */
function vowelStream(frames: number, fs: number, fftSize: number, unvoicedEvery = 0): WorldParameters {
	const bins = fftSize / 2 + 1;
	const p = generated(frames, fs, fftSize, () => 0, () => 0);
	for (let i = 0; i < frames; i++) {
		const t = i * PERIOD;
		p.f0Hz[i] = unvoicedEvery && i % unvoicedEvery < unvoicedEvery / 5 ? 0 : 190 * 2 ** ((30 * Math.sin(2 * Math.PI * 5.5 * t) + 150 * Math.sin(2 * Math.PI * 0.7 * t)) / 1200);
		const f1 = 600 + 150 * Math.sin(3 * t);
		for (let k = 0; k < bins; k++) {
			const hz = (k * fs) / fftSize;
			const res = (fc: number, bw: number) => 1 / (1 + ((hz - fc) / bw) ** 2);
			p.sp.data[i * bins + k] = 1e-4 * (res(f1, 70) + 0.5 * res(1700, 100) + 0.2 * res(2700, 150) + 0.002);
			p.ap.data[i * bins + k] = Math.min(0.99, 0.001 + (hz / (fs / 2)) ** 1.5);
		}
	}
	return p;
}

function rms(y: Float32Array, from = 0, to = y.length): number {
	let e = 0;
	for (let i = from; i < to; i++) e += y[i] * y[i];
	return Math.sqrt(e / (to - from));
}

function concat(parts: Float32Array[]): Float32Array {
	const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

describe('synthesize: generated parameters with known answers', () => {
	it('a constant 200 Hz with a flat envelope measures 200 Hz within 5 cents, at the level the envelope implies', () => {
		const p = generated(201, 16000, 1024, () => 200, () => 0.001);
		const y = synthesize(p);
		expect(y.length).toBe(synthesisLengthSamples(201, PERIOD, 16000));
		expect(y.length).toBe(16001);
		const track = estimateF0(y, 16000);
		const errors: number[] = [];
		for (let i = 10; i < track.f0Hz.length - 10; i++) {
			expect(track.voiced[i]).toBe(1);
			errors.push(Math.abs(cents(track.f0Hz[i], 200)));
		}
		const worst = Math.max(...errors);
		console.log(`synthesis 200 Hz: worst measured f0 error ${worst.toFixed(4)} cents over ${errors.length} frames`);
		expect(worst).toBeLessThan(5);
		// Power per sample = mean of sp over the FFT bins (WORLD's convention).
		expect(rms(y, 2000, 14000)).toBeCloseTo(Math.sqrt(1e-4), 3);
	});

	it('unvoiced frames with ap = 1 give noise without periodicity', () => {
		const p = generated(201, 16000, 1024, () => 0, () => 1);
		const y = synthesize(p);
		const track = estimateF0(y, 16000);
		expect(track.voiced.reduce((a, b) => a + b, 0)).toBe(0);
		// Normalised autocorrelation over lags 2.5–20 ms stays near zero.
		let energy = 0;
		for (let i = 2000; i < 14000; i++) energy += y[i] * y[i];
		let worst = 0;
		for (let lag = 40; lag <= 320; lag++) {
			let s = 0;
			for (let i = 2000; i < 14000; i++) s += y[i] * y[i + lag];
			worst = Math.max(worst, Math.abs(s / energy));
		}
		console.log(`synthesis noise: max |autocorrelation| 2.5–20 ms ${worst.toFixed(3)}, rms ${rms(y, 2000, 14000).toFixed(5)} (expected 0.01)`);
		expect(worst).toBeLessThan(0.1);
		expect(rms(y, 2000, 14000)).toBeCloseTo(0.01, 3);
	});

	it('voicing changes do not click: the largest sample step near the switch is no larger than elsewhere', () => {
		const boundary = 100 * PERIOD * 16000;
		for (const voicedFirst of [true, false]) {
			const voiced = (i: number) => (i < 100) === voicedFirst;
			const p = generated(201, 16000, 1024, (i) => (voiced(i) ? 200 : 0), (i) => (voiced(i) ? 0.001 : 1));
			const y = synthesize(p);
			let near = 0;
			let elsewhere = 0;
			for (let i = 1; i < y.length; i++) {
				const step = Math.abs(y[i] - y[i - 1]);
				if (Math.abs(i - boundary) < 160) near = Math.max(near, step);
				else elsewhere = Math.max(elsewhere, step);
			}
			console.log(`synthesis ${voicedFirst ? 'voiced→unvoiced' : 'unvoiced→voiced'}: max step within 10 ms of the switch ${near.toFixed(4)}, elsewhere ${elsewhere.toFixed(4)}`);
			expect(near).toBeLessThanOrEqual(elsewhere * 1.001);
		}
	});

	it('renders 16 kHz parameters at 44.1 kHz with the same pitch and level and nothing above 8 kHz', () => {
		const p = generated(201, 16000, 1024, () => 200, () => 0.001);
		const y = synthesize(p, { fs: 44100 });
		expect(y.length).toBe(synthesisLengthSamples(201, PERIOD, 44100));
		const track = estimateF0(y, 44100);
		let worst = 0;
		for (let i = 10; i < track.f0Hz.length - 10; i++) {
			expect(track.voiced[i]).toBe(1);
			worst = Math.max(worst, Math.abs(cents(track.f0Hz[i], 200)));
		}
		const n = 32768;
		const power = hannPowerSpectrum(y, 4000, n);
		let total = 0;
		let above = 0;
		for (let k = 0; k <= n / 2; k++) {
			total += power[k];
			if ((k * 44100) / n > 8000) above += power[k];
		}
		const aboveDb = 10 * Math.log10(above / total);
		const level = rms(y, 5000, 40000) / rms(synthesize(p), 2000, 14000);
		console.log(`synthesis 16 kHz → 44.1 kHz: worst f0 error ${worst.toFixed(2)} cents, energy above 8 kHz ${aboveDb.toFixed(1)} dB, level ratio ${level.toFixed(3)}`);
		expect(worst).toBeLessThan(5);
		expect(aboveDb).toBeLessThan(-60);
		expect(level).toBeGreaterThan(0.95);
		expect(level).toBeLessThan(1.02);
	});

	it('is deterministic for a seed; another seed changes only the noise', () => {
		const p = vowelStream(120, 16000, 1024, 40);
		const a = synthesize(p, { seed: 5 });
		expect(maxAbsDiff(a, synthesize(p, { seed: 5 }))).toBe(0);
		const b = synthesize(p, { seed: 6 });
		expect(maxAbsDiff(a, b)).toBeGreaterThan(0);
		expect(Math.abs(rms(a) / rms(b) - 1)).toBeLessThan(0.05);
	});

	it('refuses inconsistent parameters with RangeError', () => {
		const p = generated(10, 16000, 1024, () => 200, () => 0.1);
		expect(() => synthesize({ ...p, f0Hz: new Float64Array(9) })).toThrow(RangeError);
		expect(() => synthesize({ ...p, f0Hz: Float64Array.from(p.f0Hz, () => -1) })).toThrow(/f0Hz\[0\]/);
		expect(() => synthesize({ ...p, f0Hz: Float64Array.from(p.f0Hz, () => 9000) })).toThrow(RangeError);
		expect(() => synthesize({ ...p, sp: { ...p.sp, fftSize: 1000 } })).toThrow(/fftSize/);
		expect(() => synthesize(p, { fs: 0 })).toThrow(RangeError);
		expect(() => synthesize({ ...p, framePeriodSeconds: 0 })).toThrow(/framePeriodSeconds/);
	});
});

describe('StreamingSynthesizer', () => {
	it('gives exactly the one-shot output in chunks, with a phrase appended mid-stream, and starts early', () => {
		const first = vowelStream(200, 16000, 1024, 45);
		const second = vowelStream(140, 16000, 1024, 35);
		const oneShot = synthesize(concatenateParameters([first, second]), { seed: 9 });
		for (const framesPerChunk of [3, 16, 37]) {
			const stream = StreamingSynthesizer.like(first, { seed: 9 });
			stream.append(first);
			const parts: Float32Array[] = [];
			let earlySamples = 0;
			// Part of the first phrase only: audio is already coming out.
			for (let k = 0; k < 6; k++) parts.push(stream.render(framesPerChunk));
			earlySamples = stream.samplesRendered;
			// The rest of the first phrase: output stops short of its end until more frames arrive.
			for (let k = 6 * framesPerChunk; k < 200 + 2 * framesPerChunk; k += framesPerChunk) parts.push(stream.render(framesPerChunk));
			expect(stream.samplesRendered).toBeLessThan(200 * PERIOD * 16000);
			stream.append(second);
			stream.end();
			while (!stream.done) parts.push(stream.render(framesPerChunk));
			const y = concat(parts);
			expect(y.length).toBe(oneShot.length);
			const difference = maxAbsDiff(y, oneShot);
			console.log(`streaming, ${framesPerChunk} frames a chunk: first ${earlySamples} samples out after ${6 * framesPerChunk} frames, max |difference| vs one-shot ${difference}`);
			expect(difference).toBeLessThan(1e-6);
			expect(earlySamples).toBeGreaterThan(0);
		}
	});

	it('synthesizeInChunks concatenates to synthesize, also at another output rate', () => {
		const p = vowelStream(150, 16000, 1024, 30);
		for (const fs of [16000, 22050]) {
			const chunks = [...synthesizeInChunks(p, 11, { fs, seed: 3 })];
			expect(chunks.length).toBeGreaterThan(5);
			expect(maxAbsDiff(concat(chunks), synthesize(p, { fs, seed: 3 }))).toBeLessThan(1e-6);
		}
	});

	it('refuses phrases of another format', () => {
		const p = vowelStream(20, 16000, 1024);
		const stream = StreamingSynthesizer.like(p);
		expect(() => stream.append(vowelStream(20, 22050, 1024))).toThrow(/fs/);
		expect(() => stream.append(vowelStream(20, 16000, 2048))).toThrow(/fftSize/);
		stream.end();
		expect(() => stream.append(p)).toThrow(RangeError);
	});
});

/** Mel-cepstra (order 24) of a smoothed STFT power envelope: 25 ms Hann, ±200 Hz triangular smoothing over frequency. */
function stftMelCepstra(x: Float32Array, fs: number, frames: number): { mc: Float64Array[]; energy: number[] } {
	const win = Math.round(0.025 * fs);
	let n = 16;
	while (n < win) n *= 2;
	const fft = new RealFft(n);
	const buf = new Float64Array(n);
	const re = new Float64Array(n / 2 + 1);
	const im = new Float64Array(n / 2 + 1);
	const power = new Float64Array(n / 2 + 1);
	const smooth = new Float64Array(n / 2 + 1);
	const half = Math.max(1, Math.round((200 * n) / fs));
	const mc: Float64Array[] = [];
	const energy: number[] = [];
	for (let i = 0; i < frames; i++) {
		const centre = Math.round(i * PERIOD * fs);
		let e = 0;
		for (let j = 0; j < win; j++) {
			const t = centre - (win >> 1) + j;
			const v = t >= 0 && t < x.length ? x[t] : 0;
			buf[j] = v * (0.5 - 0.5 * Math.cos((2 * Math.PI * (j + 0.5)) / win));
			e += v * v;
		}
		fft.forward(buf, re, im);
		for (let k = 0; k <= n / 2; k++) power[k] = re[k] ** 2 + im[k] ** 2;
		for (let k = 0; k <= n / 2; k++) {
			let acc = 0;
			let weights = 0;
			for (let d = -half; d <= half; d++) {
				let q = Math.abs(k + d);
				if (q > n / 2) q = n - q;
				const w = half + 1 - Math.abs(d);
				acc += w * power[q];
				weights += w;
			}
			smooth[k] = acc / weights + 1e-14;
		}
		mc.push(melCepstrumFromPowerEnvelope(smooth, fs));
		energy.push(e / win);
	}
	return { mc, energy };
}

function referenceParameters(name: WorldReferenceName): { params: WorldParameters; ref: ReturnType<typeof loadWorldReference> } {
	const ref = loadWorldReference(name);
	const params: WorldParameters = {
		fs: ref.fs,
		framePeriodSeconds: ref.framePeriodSeconds,
		f0Hz: Float64Array.from(ref.f0Hz),
		sp: { frames: ref.frames, fftSize: ref.fftSize, data: Float64Array.from(ref.sp) },
		ap: { frames: ref.frames, fftSize: ref.fftSize, data: Float64Array.from(ref.ap) }
	};
	return { params, ref };
}

describe.skipIf(!HAS_WORLD_REFERENCE)('synthesize from the C++ WORLD reference parameters', () => {
	for (const name of ['vaiueo2d', 'p225_003'] as const) {
		it(`${name}: WORLD's length and level, WORLD's pitch, and an envelope as close to the speech as WORLD's`, () => {
			const { params, ref } = referenceParameters(name);
			const y = synthesize(params);
			expect(y.length).toBe(ref.resynth.length);
			const levelRatio = rms(y) / rms(ref.resynth);
			expect(Math.abs(levelRatio - 1)).toBeLessThan(0.05);

			// Pitch, measured the same way (pYIN) on ours and on WORLD's resynthesis.
			const ours = estimateF0(y, ref.fs);
			const world = estimateF0(ref.resynth, ref.fs);
			let both = 0;
			let agree = 0;
			let oursVsRef = 0;
			let worldVsRef = 0;
			let refBoth = 0;
			let worldRefBoth = 0;
			let stable = 0;
			let stableAgree = 0;
			for (let i = 0; i < ref.frames; i++) {
				if (ours.voiced[i] && world.voiced[i]) {
					both++;
					if (Math.abs(cents(ours.f0Hz[i], world.f0Hz[i])) < 10) agree++;
				}
				if (ref.f0Hz[i] > 0 && ours.voiced[i]) {
					refBoth++;
					if (Math.abs(cents(ours.f0Hz[i], ref.f0Hz[i])) < 10) oursVsRef++;
				}
				if (ref.f0Hz[i] > 0 && world.voiced[i]) {
					worldRefBoth++;
					if (Math.abs(cents(world.f0Hz[i], ref.f0Hz[i])) < 10) worldVsRef++;
				}
				// Where the reference contour holds still for ±15 ms, pYIN's window sees one pitch.
				let steady = i >= 3 && i < ref.frames - 3 && ours.voiced[i] === 1;
				for (let d = -3; steady && d <= 3; d++) steady = ref.f0Hz[i + d] > 0 && Math.abs(cents(ref.f0Hz[i + d], ref.f0Hz[i])) < 15;
				if (steady) {
					stable++;
					if (Math.abs(cents(ours.f0Hz[i], ref.f0Hz[i])) < 10) stableAgree++;
				}
			}
			const pct = (a: number, b: number) => ((100 * a) / b).toFixed(1);
			console.log(
				`${name} f0: ours vs WORLD resynth (pYIN both) within 10 cents on ${pct(agree, both)} % of ${both} frames; ` +
					`vs the reference contour: ours ${pct(oursVsRef, refBoth)} %, WORLD's ${pct(worldVsRef, worldRefBoth)} % (pYIN smooths DIO's jitter and glides); ` +
					`steady frames ${pct(stableAgree, stable)} % of ${stable}`
			);
			expect(agree / both).toBeGreaterThanOrEqual(0.95);
			expect(stableAgree / stable).toBeGreaterThanOrEqual(0.95);
			// Ours follows the reference about as well as WORLD's own synthesis does (50 frames in vaiueo2d: 2 % a frame).
			expect(oursVsRef / refBoth).toBeGreaterThanOrEqual(worldVsRef / worldRefBoth - 0.05);

			// Envelope: mel-cepstral distortion against the original speech, measured alike.
			const X = stftMelCepstra(ref.x, ref.fs, ref.frames);
			const O = stftMelCepstra(y, ref.fs, ref.frames);
			const W = stftMelCepstra(ref.resynth, ref.fs, ref.frames);
			const loudest = Math.max(...X.energy);
			const keep = X.energy.map((e) => e > loudest * 1e-4);
			const pick = (m: Float64Array[]) => m.filter((_, i) => keep[i]);
			const oursMcd = melCepstralDistortion(pick(O.mc), pick(X.mc));
			const worldMcd = melCepstralDistortion(pick(W.mc), pick(X.mc));
			const betweenMcd = melCepstralDistortion(pick(O.mc), pick(W.mc));
			console.log(
				`${name} MCD vs the original (${pick(X.mc).length} frames within 40 dB of the loudest): ours ${oursMcd.toFixed(3)} dB, WORLD's ${worldMcd.toFixed(3)} dB; ours vs WORLD's ${betweenMcd.toFixed(3)} dB; level ratio ${levelRatio.toFixed(3)}`
			);
			expect(oursMcd).toBeLessThanOrEqual(worldMcd + 0.2);
		});
	}
});
