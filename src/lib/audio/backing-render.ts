/**
 * Plays a BackingScore on Tone.js synths, one code path for both uses: live in the browser on
 * Tone's Transport (createBackingPlayer), and offline into sample arrays wherever an
 * OfflineAudioContext exists (renderBackingOffline; the worker supplies one from
 * node-web-audio-api, see worker/render-backing.ts). Offline rendering also schedules through the
 * Transport of its own offline context, so what the studio plays is what the export holds.
 *
 * Pure of Node APIs: the browser bundle imports this file as it is.
 *
 * Glossary: `time` an AudioContext time in seconds; `timeSeconds` a time on the score's timeline.
 */
import * as Tone from 'tone';
import type { BackingScore, BackingTrack } from '../song/backing-types';
import {
	drumSoundForKey,
	resolvePatch,
	type DrumKitPatch,
	type DrumLayer,
	type DrumSoundName,
	type MelodicPatch,
	type ShapingFilter
} from './backing-patches';
import { hitSeed } from './hit-seed';

/** Longest backing accepted, seconds: a song, not an album; bounds the offline buffer (~850 MB at 20 min stereo 44.1 kHz float). */
export const MAX_BACKING_SECONDS = 1200;
/** Sample rates the offline render accepts, Hz (what browsers' OfflineAudioContext supports everywhere). */
export const MIN_RENDER_SAMPLE_RATE = 8000;
export const MAX_RENDER_SAMPLE_RATE = 192000;
/** Shortest note-off after a hit, seconds, so back-to-back drum hits never get a zero-length note. */
const MIN_HOLD_SECONDS = 0.005;

function checkRange(name: string, value: number, min: number, max: number, unit: string): void {
	if (!(value >= min && value <= max)) throw new RangeError(`${name} ${value} is outside [${min}, ${max}] ${unit}`);
}

/** Validates a score at the renderer's edge: every number finite and in range, so no NaN reaches an AudioParam. */
export function checkBackingScore(score: BackingScore): void {
	checkRange('durationSeconds', score.durationSeconds, Number.MIN_VALUE, MAX_BACKING_SECONDS, 's');
	checkRange('tempoBpm', score.tempoBpm, 1, 999, 'BPM');
	score.tracks.forEach((track, t) => {
		// -Infinity is a muted track.
		if (track.gainDb !== -Infinity) checkRange(`tracks[${t}].gainDb`, track.gainDb, -120, 24, 'dB');
		track.events.forEach((event, e) => {
			const at = `tracks[${t}].events[${e}]`;
			checkRange(`${at}.timeSeconds`, event.timeSeconds, 0, MAX_BACKING_SECONDS, 's');
			checkRange(`${at}.durationSeconds`, event.durationSeconds, Number.MIN_VALUE, MAX_BACKING_SECONDS, 's');
			checkRange(`${at}.midiPitch`, event.midiPitch, 0, 127, 'MIDI');
			checkRange(`${at}.velocity`, event.velocity, 0, 1, '');
		});
	});
}

/** Seconds the sound rings past the score's end: the longest tail of the patches its tracks use. */
export function backingTailSeconds(score: BackingScore): number {
	return score.tracks.reduce((tail, track) => Math.max(tail, resolvePatch(track.instrument, track.patch).patch.tailSeconds), 0);
}

const midiToHz = (midiPitch: number): number => 440 * 2 ** ((midiPitch - 69) / 12);

// ────────────────────────────── one track's Tone.js graph ──────────────────────────────

/** A track as Tone.js nodes: the synths, their filters and panners, and the track's fader. */
interface TrackGraph {
	/** The track fader, dB; the score's gainDb at first. */
	fader: Tone.Volume;
	/** Sounds event `index` of the track at AudioContext `time`. */
	play(index: number, time: number): void;
	/** Lets every sounding note go (stop, seek). */
	releaseAll(time: number): void;
	dispose(): void;
}

function makeFilter(context: Tone.BaseContext, filter: ShapingFilter): Tone.Filter {
	return new Tone.Filter({
		context,
		type: filter.type,
		frequency: filter.frequencyHz,
		Q: filter.q,
		rolloff: filter.rolloffDbPerOctave ?? -12
	});
}

/** The voice constructors a melodic patch may name. */
const MELODIC_VOICES = { Synth: Tone.Synth, FMSynth: Tone.FMSynth, AMSynth: Tone.AMSynth, MonoSynth: Tone.MonoSynth } as const;

/** Seconds a voice stays idle past its note's release end before it is given another note (Tone's releases reach 0 at their end). */
const VOICE_REUSE_MARGIN_SECONDS = 0.05;

/**
 * Voices handed out by score time: a voice takes a new note only once its last note's release has
 * ended (by the score, not by when the audio thread reports it), else a new voice is made. A
 * silent voice keeps no state a note can hear (its oscillator is made anew at the next start),
 * so a note sounds the same whichever voice, fresh or reused, plays it, and a window of the score
 * renders what the whole does (backing-segments.ts). A PolySynth instead frees a voice when the
 * audio thread's `ended` event arrives, so which notes share a voice depended on rendering speed.
 */
class VoicePool<V> {
	private readonly voices: Array<{ voice: V; busyUntil: number }> = [];
	/**
	 * `retire` given: every note gets a new voice, and voices silent by the context's `now()`
	 * (the audio already rendered, not the note's time, which is a look-ahead later) are retired
	 * (disposed) instead of reused.
	 */
	constructor(
		private readonly make: () => V,
		private readonly retire?: { dispose: (voice: V) => void; now: () => number }
	) {}
	/** A voice free at `time` (context seconds), booked until `busyUntil`. */
	take(time: number, busyUntil: (voice: V) => number): V {
		const retire = this.retire;
		if (retire) {
			const now = retire.now();
			const done = this.voices.filter((e) => e.busyUntil <= now);
			for (const e of done) {
				this.voices.splice(this.voices.indexOf(e), 1);
				retire.dispose(e.voice);
			}
		}
		let entry = retire ? undefined : this.voices.find((e) => e.busyUntil <= time);
		if (!entry) {
			entry = { voice: this.make(), busyUntil: 0 };
			this.voices.push(entry);
		}
		entry.busyUntil = busyUntil(entry.voice) + VOICE_REUSE_MARGIN_SECONDS;
		return entry.voice;
	}
	get all(): V[] {
		return this.voices.map((e) => e.voice);
	}
}

/**
 * Seconds a voice's envelopes go on after its note-off: the longest release of its amplitude,
 * filter (MonoSynth) and modulation (FMSynth, AMSynth) envelopes. Reused before the slowest has
 * ended, a voice would start its next note from where that one was, not from rest.
 */
function longestReleaseSeconds(voice: Tone.Synth): number {
	const envelopes = voice as unknown as Partial<Record<'envelope' | 'filterEnvelope' | 'modulationEnvelope', Tone.Envelope>>;
	return Math.max(...[envelopes.envelope, envelopes.filterEnvelope, envelopes.modulationEnvelope].map((e) => (e ? voice.toSeconds(e.release) : 0)));
}

/** A melodic track: voices from a VoicePool (see there why not a PolySynth) through its filter and panner. */
function buildMelodicTrack(context: Tone.BaseContext, track: BackingTrack, patch: MelodicPatch, fader: Tone.Volume): TrackGraph {
	const Voice = MELODIC_VOICES[patch.voice.synth] as typeof Tone.Synth;
	const filter = patch.filter ? makeFilter(context, patch.filter) : null;
	const panner = new Tone.Panner({ context, pan: patch.pan });
	if (filter) filter.chain(panner, fader);
	else panner.connect(fader);
	const input = filter ?? panner;
	// A fat (detuned, several-oscillator) voice is not silent-state-free: reused, it sounded up to
	// 1e-2 apart from a new one (measured on the warm pad). Pads play few notes, so each gets its own.
	const fat = String((patch.voice.options as { oscillator?: { type?: string } }).oscillator?.type ?? '').startsWith('fat');
	const pool = new VoicePool(() => new Voice({ ...(patch.voice.options as Partial<Tone.SynthOptions>), context, volume: patch.levelDb }).connect(input), fat ? { dispose: (voice) => voice.dispose(), now: () => context.currentTime } : undefined);
	return {
		fader,
		play(index, time) {
			const event = track.events[index];
			const voice = pool.take(time, (v) => time + event.durationSeconds + longestReleaseSeconds(v));
			voice.triggerAttackRelease(midiToHz(event.midiPitch), event.durationSeconds, time, event.velocity);
		},
		releaseAll(time) {
			for (const voice of pool.all) voice.triggerRelease(time);
		},
		dispose() {
			for (const voice of pool.all) voice.dispose();
			filter?.dispose();
			panner.dispose();
		}
	};
}

type DrumSynth = Tone.MembraneSynth | Tone.MetalSynth | Tone.NoiseSynth;

/** One layer's synth, its (optional) filter, and how it is struck. */
interface DrumVoice {
	layer: DrumLayer;
	synth: DrumSynth;
	filter: Tone.Filter | null;
	strike(time: number, holdSeconds: number, velocity: number): void;
}

function buildDrumVoice(context: Tone.BaseContext, layer: DrumLayer, levelDb: number, output: Tone.InputNode): DrumVoice {
	const source = layer.source;
	let synth: DrumSynth;
	let strike: DrumVoice['strike'];
	if (source.synth === 'NoiseSynth') {
		const noise = new Tone.NoiseSynth({ ...(source.options as Partial<Tone.NoiseSynthOptions>), context, volume: levelDb });
		synth = noise;
		strike = (time, hold, velocity) => noise.triggerAttackRelease(hold, time, velocity);
	} else {
		const pitched =
			source.synth === 'MembraneSynth'
				? new Tone.MembraneSynth({ ...(source.options as Partial<Tone.MembraneSynthOptions>), context, volume: levelDb })
				: new Tone.MetalSynth({ ...(source.options as Partial<Tone.MetalSynthOptions>), context, volume: levelDb });
		synth = pitched;
		strike = (time, hold, velocity) => pitched.triggerAttackRelease(source.pitchHz, hold, time, velocity);
	}
	const filter = layer.filter ? makeFilter(context, layer.filter) : null;
	if (filter) synth.chain(filter, output);
	else synth.connect(output);
	return { layer, synth, filter, strike };
}

/**
 * How long each drum hit is held before its note-off: the layer's own length, cut short where the
 * same sound strikes again (a monophonic synth's earlier note-off would otherwise end the new hit)
 * or where a sound that chokes it strikes (a closed hi-hat silencing an open one).
 */
function drumHitEnds(track: BackingTrack, kit: DrumKitPatch): { sounds: (DrumSoundName | null)[]; endsSeconds: number[] } {
	const sounds = track.events.map((event) => drumSoundForKey(event.midiPitch));
	const order = track.events.map((_, i) => i).sort((a, b) => track.events[a].timeSeconds - track.events[b].timeSeconds);
	const endsSeconds = new Array<number>(track.events.length).fill(Infinity);
	// Walking backwards in time: the next hit of each sound, and the next hit of anything that chokes it.
	const nextHitSeconds = new Map<DrumSoundName, number>();
	for (let k = order.length - 1; k >= 0; k--) {
		const i = order[k];
		const sound = sounds[i];
		if (!sound) continue;
		endsSeconds[i] = nextHitSeconds.get(sound) ?? Infinity;
		const t = track.events[i].timeSeconds;
		nextHitSeconds.set(sound, t);
		for (const choked of kit.sounds[sound].chokes ?? []) nextHitSeconds.set(choked, Math.min(t, nextHitSeconds.get(choked) ?? Infinity));
	}
	return { sounds, endsSeconds };
}

function buildDrumTrack(context: Tone.BaseContext, track: BackingTrack, kit: DrumKitPatch, fader: Tone.Volume, seed: number): TrackGraph {
	const { sounds, endsSeconds } = drumHitEnds(track, kit);
	const panners: Tone.Panner[] = [];
	// Only the sounds the track strikes get synths: a kit has many, a groove uses a few. Each layer
	// has a VoicePool: a hit that comes while the last one still rings gets a synth of its own
	// (a synth struck again keeps its running oscillator's phase and its envelope's level, so the
	// hit would sound different after a different past); the ringing one is released where it
	// strikes (drumHitEnds).
	const layers = new Map<DrumSoundName, Array<{ layer: DrumLayer; pool: VoicePool<DrumVoice> }>>();
	for (const name of new Set(sounds)) {
		if (!name) continue;
		const sound = kit.sounds[name];
		const panner = new Tone.Panner({ context, pan: sound.pan }).connect(fader);
		panners.push(panner);
		layers.set(
			name,
			sound.layers.map((layer) => ({ layer, pool: new VoicePool(() => buildDrumVoice(context, layer, kit.levelDb + layer.levelDb, panner)) }))
		);
	}
	const allVoices = () => [...layers.values()].flatMap((list) => list.flatMap((l) => l.pool.all));
	return {
		fader,
		play(index, time) {
			const name = sounds[index];
			// A key no kit knows is not sounded.
			if (!name) return;
			const event = track.events[index];
			const untilNext = endsSeconds[index] - event.timeSeconds;
			// Each hit draws its noise from its own generator (see hitSeed), so a hit sounds the same
			// whichever hits were rendered before it: a window of the score renders what the whole does.
			withRandom(seededRandom(hitSeed(seed, event.timeSeconds, event.midiPitch)), () => {
				for (const { layer, pool } of layers.get(name) ?? []) {
					const offset = layer.offsetSeconds ?? 0;
					if (offset >= untilNext) continue;
					const hold = Math.max(MIN_HOLD_SECONDS, Math.min(layer.holdSeconds, untilNext - offset));
					const at = time + offset;
					const voice = pool.take(at, (v) => at + hold + v.synth.toSeconds(v.synth.envelope.release));
					voice.strike(at, hold, event.velocity);
				}
			});
		},
		releaseAll(time) {
			for (const voice of allVoices()) voice.synth.triggerRelease(time);
		},
		dispose() {
			for (const voice of allVoices()) {
				voice.synth.dispose();
				voice.filter?.dispose();
			}
			for (const panner of panners) panner.dispose();
		}
	};
}

function buildTrack(context: Tone.BaseContext, track: BackingTrack, output: Tone.InputNode, seed: number): TrackGraph {
	const fader = new Tone.Volume({ context, volume: track.gainDb }).connect(output);
	const { patch } = resolvePatch(track.instrument, track.patch);
	return patch.kind === 'drums' ? buildDrumTrack(context, track, patch, fader, seed) : buildMelodicTrack(context, track, patch, fader);
}

// ────────────────────────────── scheduling on a Transport ──────────────────────────────

/** A score's graph and its Transport events. */
interface ScheduledBacking {
	tracks: TrackGraph[];
	releaseAll(time: number): void;
	/** Clears the score's Transport events and disposes every node it made. */
	dispose(): void;
}

/**
 * Builds the score's graph into `output` and schedules every event on the context's Transport at
 * its score time less `startSeconds` (Transport time 0 = the score's `startSeconds`; events before
 * it are not played). Sets the Transport's tempo to the score's first: event seconds become
 * Transport ticks at the tempo in force when scheduled.
 */
function scheduleBacking(score: BackingScore, context: Tone.BaseContext, output: Tone.InputNode, seed: number, startSeconds = 0): ScheduledBacking {
	const transport = context.transport;
	transport.bpm.value = score.tempoBpm;
	const tracks = score.tracks.map((track) => buildTrack(context, track, output, seed));
	const eventIds: number[] = [];
	score.tracks.forEach((track, t) => {
		const graph = tracks[t];
		track.events.forEach((event, e) => {
			if (event.timeSeconds < startSeconds) return;
			eventIds.push(transport.schedule((time) => graph.play(e, time), event.timeSeconds - startSeconds));
		});
	});
	return {
		tracks,
		releaseAll(time) {
			for (const graph of tracks) graph.releaseAll(time);
		},
		dispose() {
			for (const id of eventIds) transport.clear(id);
			for (const graph of tracks) {
				graph.dispose();
				graph.fader.dispose();
			}
		}
	};
}

// ────────────────────────────── offline rendering ──────────────────────────────

export interface RenderBackingOptions {
	/** Output sample rate, Hz. Default 44100 (the studio rate). */
	sampleRate?: number;
	/** Seconds rendered past `durationSeconds` so releases ring out. Default: the longest tail of the patches used. */
	tailSeconds?: number;
	/**
	 * Seconds of audio rendered between two scheduling stops (see renderBackingOffline). Shorter
	 * frees finished voices sooner; longer stops less often. Node and browser renders agree only
	 * at the same value. Default 0.25.
	 */
	segmentSeconds?: number;
	/** Called at every scheduling stop with the seconds rendered so far (a job's progress). Default: nothing. */
	onProgress?: (renderedSeconds: number) => void;
	/** Seed of the noise drums' randomness: one score and seed render the same samples every time. Default 1. */
	seed?: number;
	/**
	 * Where on the score's timeline the render starts, seconds: the output's first sample is this
	 * time, and events before it are not played (backing-segments.ts renders windows of a score
	 * this way). Event times keep their full-score values, so each hit draws the same noise as in
	 * a whole render. Default 0.
	 */
	startSeconds?: number;
}


/**
 * Mulberry32 (Tommy Ettinger, 2017): a 32-bit generator of uniform numbers in [0, 1), small and
 * fast, plenty for noise that only has to sound random.
 */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Runs `work` with Math.random replaced by `random`. Tone.js draws its noise buffers and each noise
 * hit's start offset from Math.random; offline, those draws happen only inside the renderer's
 * synchronous scheduling steps, so swapping the generator there (and nowhere else) makes a render
 * reproducible: the same artifact for the same score, and a Node render comparable sample for
 * sample with a browser one.
 */
function withRandom<T>(random: () => number, work: () => T): T {
	const original = Math.random;
	Math.random = random;
	try {
		return work();
	} finally {
		Math.random = original;
	}
}

/**
 * A Tone.js context over an OfflineAudioContext that Tone drives as if it were live: its clock
 * is ticked by the renderer at each suspend() point instead of by a timer, and it reports itself
 * running so Tone does not warn that a suspended context cannot play.
 */
class SteppedOfflineContext extends Tone.Context {
	/** The generator Math.random is while Tone schedules (see withRandom). */
	random: () => number = Math.random;

	override get state(): AudioContextState {
		return 'running';
	}

	/**
	 * An OfflineAudioContext has nothing to close. Tone's close() would also dispose the context's
	 * Draw loop, whose dispose() calls cancelAnimationFrame, which Node lacks; offline, it never drew.
	 */
	override close(): Promise<void> {
		this.transport.dispose();
		this.destination.dispose();
		this.listener.dispose();
		return Promise.resolve();
	}

	/** Runs Tone's clock up to one segment ahead: the notes that start before then get their nodes. */
	step(): void {
		this.schedule(this.random, () => this.emit('tick'));
	}

	/**
	 * Runs Tone scheduling code with this as Tone's global context, as Tone's own OfflineContext
	 * does (a few shared resources, the noise buffers, are made in whichever context is global),
	 * and with `random` as Math.random. Both are restored at once, so live playback in the same
	 * page is not disturbed.
	 */
	schedule(random: () => number, work: () => void): void {
		const previous = Tone.getContext();
		Tone.setContext(this);
		try {
			withRandom(random, work);
		} finally {
			Tone.setContext(previous);
		}
	}
}

/**
 * Makes Tone's shared noise buffers (one per colour, five seconds, cached for the realm) from a
 * fixed seed, if nothing made them before, so that they do not depend on which render came first.
 */
function warmNoiseBuffers(context: SteppedOfflineContext): void {
	context.schedule(seededRandom(NOISE_BUFFER_SEED), () => {
		for (const type of ['white', 'pink', 'brown'] as const) {
			const noise = new Tone.Noise({ context, type });
			noise.start(0).stop(0);
			noise.dispose();
		}
	});
}
/** Seed of the shared noise buffers. */
const NOISE_BUFFER_SEED = 0x6e6f6973;

/** The OfflineAudioContext constructor of this realm (the browser's, or the one worker/render-backing.ts installs). */
function offlineAudioContextClass(): typeof OfflineAudioContext {
	const found = (globalThis as { OfflineAudioContext?: typeof OfflineAudioContext }).OfflineAudioContext;
	if (!found) throw new Error('renderBackingOffline needs an OfflineAudioContext: in Node, render through worker/render-backing.ts');
	return found;
}

/**
 * Renders the score to stereo samples: [left, right], each round((durationSeconds + tailSeconds) ×
 * sampleRate) − round(startSeconds × sampleRate) long, at the track and patch levels the score asks for (no limiter: the master
 * stage owns loudness).
 *
 * Why segments: Tone creates audio nodes for each note when the note is scheduled, and a Web
 * Audio implementation processes every node that exists, started or finished. Tone's own
 * OfflineContext schedules a whole song before rendering a sample, so the cost grows with the
 * square of the song's length (30 s of four tracks: ~15 s in node-web-audio-api). Here the
 * OfflineAudioContext suspends every `segmentSeconds`; at each stop Tone's clock schedules the
 * next segment only, as it does live with its look-ahead, and finished notes' nodes are
 * disconnected and can be freed. Both implementations stop at the same frames and run the same
 * JavaScript, so the result does not depend on where it is rendered.
 *
 * Reproducible: the noise drums draw from a generator seeded by `seed` (see withRandom), so one
 * score renders to the same samples every time on one implementation.
 */
export async function renderBackingOffline(score: BackingScore, options: RenderBackingOptions = {}): Promise<Float32Array[]> {
	const { sampleRate = 44100, tailSeconds = backingTailSeconds(score), segmentSeconds = 0.25, onProgress, seed = 1, startSeconds = 0 } = options;
	checkRange('sampleRate', sampleRate, MIN_RENDER_SAMPLE_RATE, MAX_RENDER_SAMPLE_RATE, 'Hz');
	checkRange('tailSeconds', tailSeconds, 0, 60, 's');
	checkRange('segmentSeconds', segmentSeconds, 0.05, 10, 's');
	checkBackingScore(score);
	checkRange('startSeconds', startSeconds, 0, score.durationSeconds, 's');
	const frames = Math.round((score.durationSeconds + tailSeconds) * sampleRate) - Math.round(startSeconds * sampleRate);
	// Stops on render-quantum boundaries (128 frames), where suspend() can stop exactly.
	const segmentFrames = 128 * Math.max(1, Math.round((segmentSeconds * sampleRate) / 128));
	for (const settleMs of STOP_SETTLE_MS) {
		const channels = await renderInSegments(score, { frames, sampleRate, segmentFrames, settleMs, onProgress, seed, startSeconds });
		if (channels) return channels;
	}
	throw new Error(`the OfflineAudioContext refused its scheduling stops (suspend) ${STOP_SETTLE_MS.length} times`);
}

/**
 * Milliseconds to wait between scheduling the stops and starting to render, per attempt.
 * node-web-audio-api registers each suspend() on a background thread and refuses one that
 * arrives after rendering began, so the stops get a moment to land, and a render that lost one
 * is done again with a longer wait. Browsers accept stops at any time and never retry.
 */
const STOP_SETTLE_MS = [20, 200, 1000] as const;

interface SegmentPlan {
	frames: number;
	sampleRate: number;
	segmentFrames: number;
	settleMs: number;
	onProgress?: (renderedSeconds: number) => void;
	seed: number;
	startSeconds: number;
}

/** One render; null when the context refused a stop (its audio would be wrong). */
async function renderInSegments(score: BackingScore, plan: SegmentPlan): Promise<Float32Array[] | null> {
	const { frames, sampleRate, segmentFrames, settleMs, onProgress, seed, startSeconds } = plan;
	const native = new (offlineAudioContextClass())({ numberOfChannels: 2, length: frames, sampleRate });
	const stepSeconds = segmentFrames / sampleRate;
	const context = new SteppedOfflineContext({
		context: native as unknown as Tone.BaseContext['rawContext'],
		clockSource: 'offline',
		// Each tick schedules everything up to one segment ahead of the render position.
		lookAhead: stepSeconds,
		updateInterval: stepSeconds
	});
	let backing: ScheduledBacking | null = null;
	let failure: unknown = null;
	let stops = 0;
	let stopsReached = 0;
	try {
		warmNoiseBuffers(context);
		context.random = seededRandom(seed);
		// Setting bpm.value (scheduleBacking) sets it from context.now(), one look-ahead (a step) in,
		// and until then the Transport would run at Tone's default 120 BPM: every note of a slower
		// song came early by (1 − tempo/120) × step (33 ms at 104 BPM). The tempo is set from the
		// render's first sample first, so the later setting's tick count starts from it.
		context.transport.bpm.setValueAtTime(score.tempoBpm, 0);
		backing = scheduleBacking(score, context, context.destination, seed, startSeconds);
		context.transport.start(0);
		context.step();
		for (let frame = segmentFrames; frame < frames; frame += segmentFrames) {
			const renderedSeconds = frame / sampleRate;
			stops++;
			native.suspend(renderedSeconds).then(
				() => {
					stopsReached++;
					try {
						if (failure === null) {
							context.step();
							onProgress?.(renderedSeconds);
						}
					} catch (error) {
						// Keep rendering to the end (a suspended context would never settle), then report.
						failure = error;
					}
					return native.resume();
				},
				// Refused: counted below, as a stop never reached.
				() => undefined
			)
			// A rejected resume() stalls the render anyway; it should not also crash Node as an unhandled rejection.
			.catch(() => undefined);
		}
		await new Promise((resolve) => setTimeout(resolve, settleMs));
		const rendered = await native.startRendering();
		if (failure !== null) throw failure;
		// Rendering waits at every accepted stop until its callback resumes it, so by now each ran.
		if (stopsReached < stops) return null;
		// copyFromChannel, not getChannelData: node-web-audio-api documents the latter as unreliable.
		return [0, 1].map((channel) => {
			const samples = new Float32Array(rendered.length);
			rendered.copyFromChannel(samples, channel);
			return samples;
		});
	} finally {
		backing?.dispose();
		context.dispose();
	}
}

// ────────────────────────────── live playback ──────────────────────────────

/** Noise seed of live playback: the offline render's default, so the page plays the hits the export holds. */
const LIVE_SEED = 1;

export interface BackingPlayerOptions {
	/** The Tone.js context to play in. Default Tone.getContext(). */
	context?: Tone.BaseContext;
	/** Where the tracks are mixed to. Default the context's destination. */
	destination?: Tone.InputNode;
}

export interface BackingPlayer {
	readonly durationSeconds: number;
	/** Where the Transport is, seconds on the score's timeline. */
	readonly positionSeconds: number;
	/**
	 * Starts the Transport from `offsetSeconds` (default: where it is). Call `Tone.start()` from a
	 * user gesture first; browsers keep audio suspended until then.
	 */
	start(offsetSeconds?: number): void;
	/** Stops the Transport where it is. */
	pause(): void;
	/** Stops the Transport and rewinds it to 0. */
	stop(): void;
	/** Moves the Transport to `seconds`; notes that began earlier are not resumed. */
	seek(seconds: number): void;
	/** Sets a track's fader, dB (-Infinity mutes); its start value is the score's gainDb. */
	setTrackGainDb(trackIndex: number, gainDb: number): void;
	/** Releases sounding notes, clears the score's Transport events and disposes every node it made. Idempotent. */
	destroy(): void;
}

/**
 * Schedules the score on the context's Transport for live playback. The Transport is shared with
 * whatever else the page syncs to it (the vocal, the piano roll's cursor): start/pause/stop/seek
 * move that one Transport; destroy() removes only this player's events and nodes.
 */
export function createBackingPlayer(score: BackingScore, options: BackingPlayerOptions = {}): BackingPlayer {
	checkBackingScore(score);
	const context = options.context ?? Tone.getContext();
	const transport = context.transport;
	const backing = scheduleBacking(score, context, options.destination ?? context.destination, LIVE_SEED);
	let destroyed = false;
	const alive = () => {
		if (destroyed) throw new Error('BackingPlayer used after destroy()');
	};
	const silence = () => backing.releaseAll(context.now());
	return {
		durationSeconds: score.durationSeconds,
		get positionSeconds() {
			return transport.seconds;
		},
		start(offsetSeconds) {
			alive();
			if (offsetSeconds !== undefined) checkRange('offsetSeconds', offsetSeconds, 0, MAX_BACKING_SECONDS, 's');
			transport.start(undefined, offsetSeconds);
		},
		pause() {
			alive();
			transport.pause();
			silence();
		},
		stop() {
			alive();
			transport.stop();
			silence();
		},
		seek(seconds) {
			alive();
			checkRange('seconds', seconds, 0, MAX_BACKING_SECONDS, 's');
			silence();
			transport.seconds = seconds;
		},
		setTrackGainDb(trackIndex, gainDb) {
			alive();
			if (!Number.isInteger(trackIndex) || trackIndex < 0 || trackIndex >= backing.tracks.length)
				throw new RangeError(`trackIndex ${trackIndex} is outside [0, ${backing.tracks.length - 1}]`);
			if (gainDb !== -Infinity) checkRange('gainDb', gainDb, -120, 24, 'dB');
			backing.tracks[trackIndex].fader.volume.value = gainDb;
		},
		destroy() {
			if (destroyed) return;
			destroyed = true;
			silence();
			backing.dispose();
		}
	};
}
