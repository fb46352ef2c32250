import { describe, expect, it } from 'vitest';
import { LivePitchTracker, type LivePitchPoint } from '../../../src/lib/pitch/live';
import { hzToMidi } from '../../../src/lib/pitch/units';
import { makeHumMelody } from '../../fixtures/hum-melody';

/** Feeds audio in AudioWorklet-sized chunks (128 frames), as the recorder does. */
function track(pcm: Float32Array, sampleRate: number): LivePitchPoint[] {
	const tracker = new LivePitchTracker({ sampleRate });
	const points: LivePitchPoint[] = [];
	for (let i = 0; i < pcm.length; i += 128) points.push(...tracker.push(pcm.subarray(i, i + 128)));
	return points;
}

function sine(hz: number, sampleRate: number, seconds: number, amplitude = 0.3): Float32Array {
	return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate));
}

describe('LivePitchTracker', () => {
	it('reports a steady tone within 5 cents every 20 ms, at 44.1 and 48 kHz', () => {
		for (const sampleRate of [44100, 48000]) {
			for (const hz of [90, 220, 440, 880]) {
				const points = track(sine(hz, sampleRate, 1), sampleRate);
				expect(points.length).toBeGreaterThanOrEqual(46);
				const cents = points.map((p) => 1200 * Math.log2(p.f0Hz / hz));
				expect(Math.max(...cents.map(Math.abs))).toBeLessThan(5);
			}
		}
	});

	it('keeps time: points 20 ms apart, stamped at the end of their frame', () => {
		const points = track(sine(220, 48000, 0.5), 48000);
		for (let i = 1; i < points.length; i++) expect(points[i].timeSeconds - points[i - 1].timeSeconds).toBeCloseTo(0.02, 6);
		expect(points[0].timeSeconds).toBeLessThan(0.05);
	});

	it('says unvoiced for silence and for white noise', () => {
		expect(track(new Float32Array(48000), 48000).every((p) => p.f0Hz === 0)).toBe(true);
		let seed = 1;
		const noise = Float32Array.from({ length: 48000 }, () => {
			seed = (seed * 16807) % 2147483647;
			return 0.3 * (seed / 2147483647 - 0.5);
		});
		const voiced = track(noise, 48000).filter((p) => p.f0Hz > 0).length;
		expect(voiced).toBeLessThan(3);
	});

	it('follows the hummed test melody: ≥ 90% of frames inside notes within 50 cents of the sung pitch', () => {
		const { pcm, sampleRate, truthF0 } = makeHumMelody();
		const points = track(pcm, sampleRate);
		let inside = 0;
		let right = 0;
		for (const p of points) {
			// Compare with the truth at the frame's centre (20 ms before its end).
			const truthHz = truthF0.f0Hz[Math.round((p.timeSeconds - 0.02) / truthF0.hopSeconds)] ?? 0;
			if (truthHz === 0) continue;
			inside++;
			if (p.f0Hz > 0 && Math.abs(hzToMidi(p.f0Hz) - hzToMidi(truthHz)) < 0.5) right++;
		}
		expect(inside).toBeGreaterThan(400);
		expect(right / inside).toBeGreaterThanOrEqual(0.9);
	});

	it('refuses sample rates and pitch ranges it cannot work with', () => {
		expect(() => new LivePitchTracker({ sampleRate: 4000 })).toThrow(RangeError);
		expect(() => new LivePitchTracker({ sampleRate: 48000, minHz: 500, maxHz: 400 })).toThrow(RangeError);
	});
});
