/**
 * The backing renderer in Node (node-web-audio-api under Tone.js): a four-bar score with all four
 * instruments renders to stereo 44.1 kHz of the right length, finite, audible and below full
 * scale, with each note sounding at its time and the bass at its pitch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBacking } from '../../../worker/render-backing';
import { arrange } from '../../../src/lib/compose/arrangement';
import { ARRANGEMENT_STYLES } from '../../../src/lib/compose/styles';
import type { StyleName } from '../../../src/lib/song/types';
import { BACKING_PATCHES, DEFAULT_PATCH_BY_INSTRUMENT, drumSoundForKey, resolvePatch } from '../../../src/lib/audio/backing-patches';
import { BACKING_INSTRUMENTS, type BackingInstrument, type BackingScore } from '../../../src/lib/song/backing-types';
import { RealFft } from '../../../src/lib/dsp/fft';
import { HELD_BASS, LEAD_IN_SECONDS, PATCH_SETS, makeBackingScore } from '../../fixtures/backing-score';
import { logMelDistance } from '../../helpers/log-mel-distance';

const SAMPLE_RATE = 44100;
/** Two renderings with different noise seeds sound alike: mean |Δ log-mel| at most this, dB. */
const RESEEDED_DISTANCE_MAX_DB = 1;
/** How far the held bass note's spectral peak may sit from its MIDI pitch, cents. */
const PITCH_TOLERANCE_CENTS = 15;

const soloOf = (score: BackingScore, instrument: BackingInstrument): BackingScore => ({
	...score,
	tracks: score.tracks.filter((track) => track.instrument === instrument)
});

const mono = (channels: Float32Array[]): Float32Array => channels[0].map((v, i) => 0.5 * (v + channels[1][i]));

function rms(x: Float32Array, fromSeconds: number, toSeconds: number): number {
	const from = Math.max(0, Math.round(fromSeconds * SAMPLE_RATE));
	const to = Math.min(x.length, Math.round(toSeconds * SAMPLE_RATE));
	let sum = 0;
	for (let i = from; i < to; i++) sum += x[i] * x[i];
	return Math.sqrt(sum / Math.max(1, to - from));
}

function peakOf(x: Float32Array): number {
	let peak = 0;
	for (const v of x) peak = Math.max(peak, Math.abs(v));
	return peak;
}

/** Seconds of the first sample louder than `fraction` of the signal's peak. */
function firstSoundSeconds(x: Float32Array, fraction = 1e-3): number {
	const threshold = fraction * peakOf(x);
	const i = x.findIndex((v) => Math.abs(v) > threshold);
	return i / SAMPLE_RATE;
}

/** Frequency of the strongest spectral peak in [loHz, hiHz] over a Hann-windowed span, parabolic-interpolated on log magnitude. */
function spectralPeakHz(x: Float32Array, fromSeconds: number, seconds: number, loHz: number, hiHz: number): number {
	const size = 65536;
	const start = Math.round(fromSeconds * SAMPLE_RATE);
	const n = Math.round(seconds * SAMPLE_RATE);
	const frame = new Float64Array(size);
	for (let i = 0; i < n; i++) frame[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
	const re = new Float64Array(size / 2 + 1);
	const im = new Float64Array(size / 2 + 1);
	new RealFft(size).forward(frame, re, im);
	const binHz = SAMPLE_RATE / size;
	const logMag = (k: number) => 0.5 * Math.log(re[k] * re[k] + im[k] * im[k] + 1e-30);
	let best = Math.ceil(loHz / binHz);
	for (let k = best; k <= Math.floor(hiHz / binHz); k++) if (logMag(k) > logMag(best)) best = k;
	const [a, b, c] = [logMag(best - 1), logMag(best), logMag(best + 1)];
	return (best + (0.5 * (a - c)) / (a - 2 * b + c)) * binHz;
}

describe('backing render in Node (node-web-audio-api)', () => {
	const score = makeBackingScore(PATCH_SETS[0]);
	let full: Float32Array[];
	const solo = new Map<BackingInstrument, Float32Array>();

	beforeAll(async () => {
		full = await renderBacking(score, { sampleRate: SAMPLE_RATE });
		for (const instrument of BACKING_INSTRUMENTS) solo.set(instrument, mono(await renderBacking(soloOf(score, instrument))));
	});

	it('renders stereo at 44.1 kHz, the score plus the longest release tail long', () => {
		const tailSeconds = Math.max(...score.tracks.map((track) => BACKING_PATCHES[track.patch].tailSeconds));
		expect(full).toHaveLength(2);
		for (const channel of full) expect(channel.length).toBe(Math.round((score.durationSeconds + tailSeconds) * SAMPLE_RATE));
		// Panned instruments: the two channels are not copies.
		let differing = 0;
		for (let i = 0; i < full[0].length; i++) if (Math.abs(full[0][i] - full[1][i]) > 1e-4) differing++;
		expect(differing).toBeGreaterThan(SAMPLE_RATE);
	});

	it('is finite, audible and below full scale', () => {
		for (const channel of full) {
			expect(channel.every(Number.isFinite)).toBe(true);
			const peak = peakOf(channel);
			const level = rms(channel, 0, channel.length / SAMPLE_RATE);
			console.log(`backing.node.peak ${peak.toFixed(3)} ratio; rms ${(20 * Math.log10(level)).toFixed(1)} dBFS`);
			expect(peak).toBeLessThan(1);
			expect(level).toBeGreaterThan(0.01);
		}
	});

	it('is silent before the first note and sounds each instrument from its first note on', () => {
		for (const channel of full) expect(peakOf(channel.subarray(0, Math.round((LEAD_IN_SECONDS - 0.001) * SAMPLE_RATE)))).toBe(0);
		// The pad swells in slowly; the others strike: their first sound lies within 10 ms of their first note.
		for (const instrument of ['drums', 'bass', 'chords'] as const) {
			const onset = firstSoundSeconds(solo.get(instrument)!);
			expect(onset, instrument).toBeGreaterThanOrEqual(LEAD_IN_SECONDS - 0.001);
			expect(onset, instrument).toBeLessThan(LEAD_IN_SECONDS + 0.01);
		}
	});

	it('sounds every drum hit, bass note and chord at its scheduled time', async () => {
		// Energy in the 30 ms after an onset rises at least 3 dB over the 30 ms before it.
		const expectRisesAt = (x: Float32Array, onsets: Iterable<number>, label: string) => {
			for (const t of onsets) {
				const rise = rms(x, t, t + 0.03) / Math.max(1e-9, rms(x, t - 0.03, t));
				expect(rise, `${label} at ${t.toFixed(3)} s`).toBeGreaterThan(Math.SQRT2);
			}
		};
		for (const instrument of ['bass', 'chords'] as const) {
			const track = score.tracks.find((t) => t.instrument === instrument)!;
			expectRisesAt(solo.get(instrument)!, new Set(track.events.map((event) => event.timeSeconds)), instrument);
		}
		// Drums sound by sound: a soft hi-hat under a ringing crash need not raise the kit's total energy.
		const drums = score.tracks.find((t) => t.instrument === 'drums')!;
		for (const key of new Set(drums.events.map((event) => event.midiPitch))) {
			const hits = drums.events.filter((event) => event.midiPitch === key);
			const x = mono(await renderBacking({ ...score, tracks: [{ ...drums, events: hits }] }));
			expectRisesAt(x, new Set(hits.map((event) => event.timeSeconds)), `drum key ${key} (${drumSoundForKey(key)})`);
		}
		// Each pad chord is sounding by the middle of its bar, within 20 dB of the pad's loudest.
		const pad = solo.get('pad')!;
		const padTrack = score.tracks.find((t) => t.instrument === 'pad')!;
		const padPeak = peakOf(pad);
		for (const t of new Set(padTrack.events.map((event) => event.timeSeconds)))
			expect(rms(pad, t + 0.5, t + 1.5) * Math.SQRT2, `pad at ${t} s`).toBeGreaterThan(padPeak / 10);
	});

	it.each(['round-bass', 'synth-bass'])('plays the held bass note at its MIDI pitch (%s)', async (patch) => {
		const bassScore = soloOf(makeBackingScore({ ...PATCH_SETS[0], bass: patch }), 'bass');
		const x = mono(await renderBacking(bassScore));
		const hz = spectralPeakHz(x, HELD_BASS.timeSeconds + 0.3, 1, 30, 500);
		const expectedHz = 440 * 2 ** ((HELD_BASS.midiPitch - 69) / 12);
		const cents = 1200 * Math.log2(hz / expectedHz);
		console.log(`backing.node.bass_pitch_error.${patch} ${cents.toFixed(2)} cents (peak ${hz.toFixed(2)} Hz, A2 ${expectedHz.toFixed(2)} Hz)`);
		expect(Math.abs(cents)).toBeLessThan(PITCH_TOLERANCE_CENTS);
	});

	it('renders a score to the same samples every time (±1e-6), and with another seed only its noise differs', async () => {
		const again = await renderBacking(score);
		// node-web-audio-api's mixing may round in another order from run to run: ~1e-8, never more than 1e-6.
		let largest = 0;
		for (let c = 0; c < 2; c++) for (let i = 0; i < full[c].length; i++) largest = Math.max(largest, Math.abs(again[c][i] - full[c][i]));
		expect(largest).toBeLessThan(1e-6);
		const reseeded = await renderBacking(score, { seed: 2 });
		expect(reseeded[0]).not.toEqual(full[0]);
		const distance = logMelDistance(full, reseeded, SAMPLE_RATE);
		console.log(
			`backing.node.reseeded_distance ${distance.meanAbsDb.toFixed(3)} dB (p95 ${distance.p95AbsDb.toFixed(2)} dB, threshold ${RESEEDED_DISTANCE_MAX_DB} dB)`
		);
		expect(distance.meanAbsDb).toBeLessThanOrEqual(RESEEDED_DISTANCE_MAX_DB);
	});

	it('has a patch of its own for every patch every arrangement style names', () => {
		for (const [style, preset] of Object.entries(ARRANGEMENT_STYLES)) {
			const score = arrange({ style: style as StyleName, tempoBpm: 90, key: { tonicPitchClass: 0, mode: 'major' }, timeSignature: { beatsPerBar: 4, beatUnit: 4 }, sections: [{ kind: 'verse', label: 'Verse', startBar: 0, bars: 2 }], chords: [{ startTicks: 0, durationTicks: 3840, rootPitchClass: 0, quality: 'major', numeral: 'I' }] });
			for (const track of score.tracks) expect(resolvePatch(track.instrument, track.patch).isFallback, `${style} ${track.instrument} ${track.patch}`).toBe(false);
			expect(preset).toBeDefined();
		}
	});

	it('falls back to the instrument default for an unknown or unsuited patch', () => {
		expect(resolvePatch('bass', 'kazoo-bass')).toMatchObject({ name: DEFAULT_PATCH_BY_INSTRUMENT.bass, isFallback: true });
		expect(resolvePatch('drums', 'warm-pad')).toMatchObject({ name: 'kit-acoustic', isFallback: true });
		expect(resolvePatch('pad', 'ep-keys')).toMatchObject({ name: 'ep-keys', isFallback: false });
		expect(resolvePatch('chords', 'toString').isFallback).toBe(true);
		expect(drumSoundForKey(42)).toBe('closedHat');
		expect(drumSoundForKey(35)).toBe('kick');
		expect(drumSoundForKey(81)).toBeNull();
	});

	it('renders a track whose patch is unknown with the default, not silence', async () => {
		const unknown: BackingScore = { ...soloOf(score, 'bass'), tracks: [{ ...soloOf(score, 'bass').tracks[0], patch: 'no-such-patch' }] };
		const x = mono(await renderBacking(unknown));
		expect(rms(x, HELD_BASS.timeSeconds, HELD_BASS.timeSeconds + 1)).toBeGreaterThan(0.01);
	});

	it('rejects an out-of-range sample rate or a non-finite event with a RangeError naming it', async () => {
		await expect(renderBacking(score, { sampleRate: 1000 })).rejects.toThrow(/sampleRate 1000 is outside/);
		const broken = structuredClone(score);
		broken.tracks[1].events[0].timeSeconds = Number.NaN;
		await expect(renderBacking(broken)).rejects.toThrow(RangeError);
	});
});
