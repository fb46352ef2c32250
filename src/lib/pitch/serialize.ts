/** MelodyAnalysis ↔ plain JSON (typed arrays become rounded number arrays) for storage. */
import { PitchError } from './errors';
import type { KeyEstimate, MelodyAnalysis, MotifSpan, NoteEvent, TempoEstimate, TuningDrift } from './types';

export interface MelodyAnalysisJson {
	engine: string;
	f0: {
		hopSeconds: number;
		timesSeconds?: number[];
		/** Hz, rounded to 0.01. */
		f0Hz: number[];
		/** Rounded to 0.001. */
		voicedProb: number[];
		/** 0 or 1. */
		voiced: number[];
	};
	notes: NoteEvent[];
	key: KeyEstimate | null;
	tempo: TempoEstimate | null;
	tuningCents: number;
	tuningDrift: TuningDrift | null;
	motif: MotifSpan | null;
	accompanied: boolean | null;
	message: string | null;
}

const round = (v: number, step: number) => Math.round(v / step) * step;
const roundTo = (v: number, digits: number) => Number(v.toFixed(digits));

export function serializeAnalysis(a: MelodyAnalysis): MelodyAnalysisJson {
	return {
		engine: a.engine,
		f0: {
			hopSeconds: a.f0.hopSeconds,
			...(a.f0.timesSeconds ? { timesSeconds: Array.from(a.f0.timesSeconds, (t) => roundTo(t, 6)) } : {}),
			f0Hz: Array.from(a.f0.f0Hz, (v) => roundTo(round(v, 0.01), 2)),
			voicedProb: Array.from(a.f0.voicedProb, (v) => roundTo(v, 3)),
			voiced: Array.from(a.f0.voiced, (v) => (v ? 1 : 0))
		},
		notes: a.notes.map((n) => ({ ...n, ...(n.bendCents ? { bendCents: [...n.bendCents] } : {}) })),
		key: a.key ? { ...a.key } : null,
		tempo: a.tempo ? { ...a.tempo, beatTimesSeconds: [...a.tempo.beatTimesSeconds] } : null,
		tuningCents: a.tuningCents,
		tuningDrift: a.tuningDrift ? { centsPerMinute: a.tuningDrift.centsPerMinute, points: a.tuningDrift.points.map((p) => ({ ...p })) } : null,
		motif: a.motif ? { ...a.motif, occurrences: [...a.motif.occurrences] } : null,
		accompanied: a.accompanied,
		message: a.message
	};
}

function fail(what: string): never {
	throw new PitchError('invalid_analysis_json', `Stored melody analysis is malformed: ${what}. Re-run the analysis.`);
}

function numberArray(v: unknown, what: string): number[] {
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) fail(`${what} must be an array of numbers`);
	return v as number[];
}

export function parseAnalysis(json: unknown): MelodyAnalysis {
	if (typeof json !== 'object' || json === null) fail('not an object');
	const j = json as Partial<MelodyAnalysisJson>;
	if (typeof j.engine !== 'string') fail('engine must be a string');
	const f0 = j.f0;
	if (typeof f0 !== 'object' || f0 === null || !(typeof f0.hopSeconds === 'number' && f0.hopSeconds > 0)) fail('f0.hopSeconds must be a positive number');
	const f0Hz = numberArray(f0.f0Hz, 'f0.f0Hz');
	const voicedProb = numberArray(f0.voicedProb, 'f0.voicedProb');
	const voiced = numberArray(f0.voiced, 'f0.voiced');
	if (voicedProb.length !== f0Hz.length || voiced.length !== f0Hz.length) fail('f0 arrays differ in length');
	if (!Array.isArray(j.notes)) fail('notes must be an array');
	for (const n of j.notes) {
		if (!n || typeof n.onsetSeconds !== 'number' || typeof n.offsetSeconds !== 'number' || typeof n.midiPitch !== 'number' || typeof n.confidence !== 'number') {
			fail('every note needs onsetSeconds, offsetSeconds, midiPitch and confidence');
		}
		if (n.bendCents !== undefined) numberArray(n.bendCents, 'a note\'s bendCents');
	}
	if (typeof j.tuningCents !== 'number') fail('tuningCents must be a number');
	const drift = j.tuningDrift;
	if (drift != null && (typeof drift.centsPerMinute !== 'number' || !Array.isArray(drift.points))) fail('tuningDrift needs centsPerMinute and points');
	return {
		engine: j.engine,
		f0: {
			hopSeconds: f0.hopSeconds,
			...(f0.timesSeconds ? { timesSeconds: Float64Array.from(numberArray(f0.timesSeconds, 'f0.timesSeconds')) } : {}),
			f0Hz: Float32Array.from(f0Hz),
			voicedProb: Float32Array.from(voicedProb),
			voiced: Uint8Array.from(voiced, (v) => (v ? 1 : 0))
		},
		notes: j.notes.map((n) => ({ ...n, ...(n.bendCents ? { bendCents: [...n.bendCents] } : {}) })),
		key: j.key ? { ...j.key } : null,
		tempo: j.tempo ? { ...j.tempo, beatTimesSeconds: [...j.tempo.beatTimesSeconds] } : null,
		tuningCents: j.tuningCents,
		tuningDrift: j.tuningDrift ? { centsPerMinute: j.tuningDrift.centsPerMinute, points: j.tuningDrift.points.map((p) => ({ ...p })) } : null,
		motif: j.motif ? { ...j.motif, occurrences: [...j.motif.occurrences] } : null,
		accompanied: typeof j.accompanied === 'boolean' ? j.accompanied : null,
		message: j.message ?? null
	};
}
