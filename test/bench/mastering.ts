/**
 * Mastering speed and result on 30 s of 44.1 kHz stereo: BS.1770-4 loudness measurement, the
 * Annex 2 true-peak meter, and masterToLoudness (−14 LUFS, −1 dBTP) on two synthetic programmes:
 * "dense" (drums, bass and pads needing heavy limiting) and "song" (the vocal chain over a
 * pink-noise backing, mixed by mixStems). Signals are generated here (test/unit/audio/mastering-signals).
 */
import { measureLoudness } from '../../src/lib/audio/loudness';
import { masterToLoudness } from '../../src/lib/audio/master';
import { measureTruePeak } from '../../src/lib/audio/true-peak';
import { denseMix, vocalOverBacking } from '../unit/audio/mastering-signals';
import type { Benchmark } from './run';
import { timed } from './timed';

const SECONDS = 30;
const SAMPLE_RATE = 44100;
const RUNS = 3;

export const masteringBenchmark: Benchmark = async (print) => {
	const programmes: [name: string, channels: Float32Array[]][] = [
		['dense', denseMix(SAMPLE_RATE, SECONDS)],
		['song', vocalOverBacking(SAMPLE_RATE, SECONDS)]
	];
	const realTime = (s: number) => `${(SECONDS / s).toFixed(0)}x real time; median of ${RUNS}`;
	for (const [name, x] of programmes) {
		const tag = `${name}_30s_stereo_44k1`;
		const loudness = timed(RUNS, () => measureLoudness(x, SAMPLE_RATE));
		print({ name: `mastering.loudness_seconds.${tag}`, value: loudness.seconds, unit: 's', note: realTime(loudness.seconds) });
		const truePeak = timed(RUNS, () => measureTruePeak(x, SAMPLE_RATE));
		print({ name: `mastering.true_peak_seconds.${tag}`, value: truePeak.seconds, unit: 's', note: realTime(truePeak.seconds) });
		print({ name: `mastering.input_lufs.${tag}`, value: loudness.result.integratedLufs, unit: 'LUFS' });
		print({ name: `mastering.input_dbtp.${tag}`, value: truePeak.result.truePeakDbtp, unit: 'dBTP' });

		const master = timed(RUNS, () => masterToLoudness(x, SAMPLE_RATE));
		const { report } = master.result;
		print({ name: `mastering.master_seconds.${tag}`, value: master.seconds, unit: 's', note: `${realTime(master.seconds)}; ${report.iterations} loudness evaluations` });
		print({ name: `mastering.master_realtime_factor.${tag}`, value: SECONDS / master.seconds, unit: 'x' });
		// Independent re-measurement of the output (plain Annex 2 meter, no refinement).
		const outputLufs = measureLoudness(master.result.channels, SAMPLE_RATE).integratedLufs;
		const outputDbtp = measureTruePeak(master.result.channels, SAMPLE_RATE).truePeakDbtp;
		print({ name: `mastering.output_lufs.${tag}`, value: outputLufs, unit: 'LUFS', note: 'target −14 ± 0.05' });
		print({ name: `mastering.output_dbtp.${tag}`, value: outputDbtp, unit: 'dBTP', note: `ceiling −1; limiter detector (refined) read ${report.truePeakDbtp.toFixed(3)}` });
		print({ name: `mastering.gain_db.${tag}`, value: report.gainDb, unit: 'dB' });
		print({ name: `mastering.max_reduction_db.${tag}`, value: report.maxReductionDb, unit: 'dB' });
	}
};
