/**
 * The vocoder against the C++ WORLD: speed on vocadito_1 (33.2 s of 44.1 kHz singing, one thread)
 * per step with the real-time factor and the ratio to the C++ times measured on this machine, then
 * accuracy on the reference analyses in ../shared/data/world-reference and Harvest on vocadito_1's
 * annotated f0. Needs ../shared/data; prints a skip line without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cheapTrick } from '../../src/lib/vocoder/cheaptrick';
import { d4c } from '../../src/lib/vocoder/d4c';
import { dio } from '../../src/lib/vocoder/dio';
import { harvest } from '../../src/lib/vocoder/harvest';
import { stoneMask } from '../../src/lib/vocoder/stonemask';
import { synthesize } from '../../src/lib/vocoder/synthesis';
import type { WorldParameters } from '../../src/lib/vocoder/types';
import { SHARED_DATA } from '../helpers/paths';
import { contourRawPitchAccuracy, copySynthesisMcd, envelopeLsdDb, f0Agreement, meanAbsDiff, referenceF0, type CopySynthesisMcd } from '../helpers/world-metrics';
import { HAS_WORLD_REFERENCE, loadWorldReference, type WorldReferenceName } from '../helpers/world-reference';
import { readCsv, readWav16 } from '../unit/pitch/real-data';
import { median } from './analyze';
import type { Benchmark } from './run';

/** C++ WORLD (-O3) on vocadito_1.wav on this machine, seconds (../shared/NOTES.md). */
const CPP_SECONDS = { dio: 0.83, stoneMask: 0.2, cheapTrick: 0.57, d4c: 3.05, analysis: 4.65, synthesis: 0.73, harvest: 7.7 };
const RUNS = 5;

/** Median time of `runs` calls after one untimed warm-up call (a worker runs these steps many times: JIT-compiled). */
function timed<T>(runs: number, f: () => T): { seconds: number; result: T } {
	const times: number[] = [];
	let result: T = f();
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		result = f();
		times.push(performance.now() - t0);
	}
	return { seconds: median(times) / 1000, result };
}

export const vocoderBenchmark: Benchmark = async (print) => {
	const vocaditoWav = path.join(SHARED_DATA, 'vocadito/vocadito_1.wav');
	if (!existsSync(vocaditoWav) || !HAS_WORLD_REFERENCE) {
		print({ name: 'vocoder.skipped', value: 1, unit: 'flag', note: '../shared/data is absent' });
		return;
	}
	const { pcm: x, sampleRate: fs } = readWav16(vocaditoWav);
	const seconds = x.length / fs;
	const rt = (s: number) => seconds / s;

	const dioStep = timed(RUNS, () => dio(x, fs));
	const maskStep = timed(RUNS, () => stoneMask(x, fs, dioStep.result));
	const f0 = maskStep.result;
	// The studio's configuration (analyzeWorld): 'spectral' liftering, within 0.05 dB of WORLD.
	const spStep = timed(RUNS, () => cheapTrick(x, fs, f0, { liftering: 'spectral' }));
	const spExactStep = timed(RUNS, () => cheapTrick(x, fs, f0, { liftering: 'cepstral' }));
	const apStep = timed(RUNS, () => d4c(x, fs, f0, { fftSize: spStep.result.fftSize }));
	const params: WorldParameters = { fs, framePeriodSeconds: f0.framePeriodSeconds, f0Hz: f0.f0Hz, sp: spStep.result, ap: apStep.result };
	const synthStep = timed(RUNS, () => synthesize(params));
	const harvestStep = timed(1, () => harvest(x, fs));
	const analysisSeconds = dioStep.seconds + maskStep.seconds + spStep.seconds + apStep.seconds;

	const step = (name: string, s: number, cpp: number) =>
		print({ name: `vocoder.${name}_seconds.vocadito_1`, value: s, unit: 's', note: `${rt(s).toFixed(1)}x real time; C++ WORLD ${cpp} s, ${(cpp / s).toFixed(2)}x its speed` });
	step('dio', dioStep.seconds, CPP_SECONDS.dio);
	step('stonemask', maskStep.seconds, CPP_SECONDS.stoneMask);
	step('cheaptrick', spStep.seconds, CPP_SECONDS.cheapTrick);
	step('cheaptrick_cepstral', spExactStep.seconds, CPP_SECONDS.cheapTrick);
	step('d4c', apStep.seconds, CPP_SECONDS.d4c);
	step('analysis', analysisSeconds, CPP_SECONDS.analysis);
	print({ name: 'vocoder.analysis_realtime_factor.vocadito_1', value: rt(analysisSeconds), unit: 'x', note: 'DIO + StoneMask + CheapTrick + D4C, one thread; target ≥ 15x' });
	step('synthesis', synthStep.seconds, CPP_SECONDS.synthesis);
	print({ name: 'vocoder.synthesis_realtime_factor.vocadito_1', value: rt(synthStep.seconds), unit: 'x', note: 'target ≥ 50x' });
	step('harvest', harvestStep.seconds, CPP_SECONDS.harvest);

	// Harvest on singing against the annotated f0.
	const rows = readCsv(path.join(SHARED_DATA, 'vocadito/vocadito_1_f0.csv'));
	const rpa = contourRawPitchAccuracy(harvestStep.result, rows);
	print({ name: 'vocoder.harvest_raw_pitch_accuracy.vocadito_1', value: rpa, unit: 'ratio', note: '±50 cents on annotated voiced frames; target ≥ 0.95' });

	for (const name of ['vaiueo2d', 'p225_003'] as WorldReferenceName[]) {
		const ref = loadWorldReference(name);
		const ours = stoneMask(ref.x, ref.fs, dio(ref.x, ref.fs));
		const agreement = f0Agreement(ours.f0Hz, ref.f0Hz);
		print({ name: `vocoder.f0_voicing_agreement.${name}`, value: agreement.voicingAgreement, unit: 'ratio', note: 'DIO + StoneMask vs C++ WORLD; target ≥ 0.97' });
		print({ name: `vocoder.f0_within_1pct.${name}`, value: agreement.within1Percent, unit: 'ratio', note: 'frames voiced in both; target ≥ 0.97' });
		const f0 = referenceF0(ref);
		for (const liftering of ['spectral', 'cepstral'] as const) {
			const sp = cheapTrick(ref.x, ref.fs, f0, { fftSize: ref.fftSize, liftering });
			const figure = liftering === 'spectral' ? 'envelope_lsd_db' : 'envelope_lsd_db_cepstral';
			print({ name: `vocoder.${figure}.${name}`, value: envelopeLsdDb(sp, ref.sp, ref.f0Hz), unit: 'dB', note: `CheapTrick (${liftering} liftering) vs C++ on voiced frames, reference f0; target ≤ 1 dB` });
		}
		const ap = d4c(ref.x, ref.fs, f0, { fftSize: ref.fftSize });
		print({ name: `vocoder.aperiodicity_mad.${name}`, value: meanAbsDiff(ap.data, ref.ap), unit: 'abs', note: 'D4C vs C++, all frames and bins; target ≤ 0.05' });
		const mcd: CopySynthesisMcd = copySynthesisMcd(ref);
		print({
			name: `vocoder.copy_synthesis_mcd_db.${name}`,
			value: mcd.oursDb,
			unit: 'dB',
			note: `analyse + synthesise vs the original; C++ WORLD's resynthesis ${mcd.worldDb.toFixed(3)} dB; ours − WORLD's ${(mcd.oursDb - mcd.worldDb).toFixed(3)} dB (target ≤ 0.2)`
		});
	}
};
