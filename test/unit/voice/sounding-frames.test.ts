/**
 * Where a reading sounds: the frame runs a voice build analyses before the alignment is known.
 */
import { describe, expect, it } from 'vitest';
import { soundingFrameRuns } from '../../../src/lib/voice/sounding-frames';

const FS = 16000;
const FP = 0.005;

/** A tone over [from, to) s at `amplitude`, in `seconds` of silence. */
function tones(seconds: number, spans: Array<[number, number, number]>): Float32Array {
	const x = new Float32Array(seconds * FS);
	for (const [from, to, amplitude] of spans) for (let n = Math.round(from * FS); n < to * FS; n++) x[n] = amplitude * Math.sin((2 * Math.PI * 200 * n) / FS);
	return x;
}

describe('soundingFrameRuns', () => {
	it('gives each sound a run widened by 0.1 s either side, joins runs under 0.1 s apart and leaves long silences and sound 50 dB down out', () => {
		// Sounds at 0.5–1.0 s and 1.25–1.5 s (their widened edges 0.05 s apart: one run), 3.0–3.5 s alone, and 4.0–4.5 s 60 dB down.
		const x = tones(5, [
			[0.5, 1.0, 0.5],
			[1.25, 1.5, 0.5],
			[3.0, 3.5, 0.3],
			[4.0, 4.5, 0.0005]
		]);
		const runs = soundingFrameRuns(x, FS, FP, 1000);
		expect(runs).toHaveLength(2);
		expect(runs[0].from).toBeGreaterThanOrEqual(78);
		expect(runs[0].from).toBeLessThanOrEqual(80);
		expect(runs[0].to).toBeGreaterThanOrEqual(320);
		expect(runs[0].to).toBeLessThanOrEqual(322);
		expect(runs[1].from).toBeGreaterThanOrEqual(578);
		expect(runs[1].to).toBeLessThanOrEqual(722);
	});

	it('gives no run for digital silence', () => {
		expect(soundingFrameRuns(new Float32Array(FS), FS, FP, 200)).toEqual([]);
	});
});
