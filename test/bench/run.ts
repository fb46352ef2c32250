/**
 * `npm run bench [-- <name> ...]`: runs the studio's benchmarks and prints one figure per line,
 * `<benchmark>.<figure> <value> <unit>`, so scripts can read them; names are listed with `--list`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyzeBenchmark } from './analyze';
import { classroomBenchmark } from './classroom';
import { editBenchmark } from './edit';
import { limitsBenchmark } from './limits';
import { faultsBenchmark } from './faults';
import { loadBenchmark } from './load';
import { masteringBenchmark } from './mastering';
import { melodyBenchmark } from './melody';
import { songBenchmark } from './song';
import { vocoderBenchmark } from './vocoder';
import { voiceBenchmark } from './voice';

export interface Figure {
	name: string;
	value: number;
	unit: string;
	/** Optional note, e.g. a ratio to a reference, printed in brackets. */
	note?: string;
}

export type Benchmark = (print: (figure: Figure) => void) => Promise<void>;

const BENCHMARKS: Record<string, Benchmark> = {
	analyze: analyzeBenchmark,
	classroom: classroomBenchmark,
	edit: editBenchmark,
	limits: limitsBenchmark,
	faults: faultsBenchmark,
	load: loadBenchmark,
	mastering: masteringBenchmark,
	melody: melodyBenchmark,
	song: songBenchmark,
	vocoder: vocoderBenchmark,
	voice: voiceBenchmark
};

function format(figure: Figure): string {
	const magnitude = Math.abs(figure.value);
	const digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4;
	// Tiny non-zero figures (e.g. a distance of 7e-6 dB) keep their size rather than print as 0.0000.
	const value = magnitude > 0 && magnitude < 0.001 ? figure.value.toExponential(2) : figure.value.toFixed(digits);
	return `${figure.name} ${value} ${figure.unit}${figure.note ? ` (${figure.note})` : ''}`;
}

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--list')) {
	console.log(Object.keys(BENCHMARKS).join('\n'));
	process.exit(0);
}
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
	console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
	process.exit(2);
}
const names = requested.length ? requested : Object.keys(BENCHMARKS);
if (names.length === 1) {
	await BENCHMARKS[names[0]]((figure) => console.log(format(figure)));
} else {
	// One process per benchmark, as the worker runs: a library loaded by one (TensorFlow.js for the
	// comparison) must not slow another's typed-array code (e.g. by detaching an ArrayBuffer, which
	// makes V8 check every typed-array access from then on).
	for (const name of names) {
		const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
		if (child.status !== 0) process.exit(child.status ?? 1);
	}
}
