/**
 * The backing stem as content-addressed segments, one per bar, so that a chord edit renders only
 * the bars whose sound it changed and takes every other bar from storage (as the vocal's phrases
 * are content-addressed).
 *
 * Why splice, not overlap-add: the backing is not a plain sum of notes through linear filters at
 * the joins: a drum hit's hold is cut by the next hit of its sound or of a sound that chokes it
 * (a closed hi-hat silencing an open one), so rendering each bar's notes alone with their tails
 * and adding the bars would change every such pair across a bar line. Instead a segment is the stretch [startFrame, endFrame) of the stem
 * cut from a render that starts early enough to hold every note still ringing at startFrame (a
 * per-segment pre-roll). Rendering is causal, so those samples depend only on the notes started
 * before endFrame, and of the notes started before startFrame only on those still ringing then;
 * everything that decides them goes into the segment's content (its key). For a window to render
 * what the whole render does, the renderer gives each note and drum hit a synth of its own (a
 * reused synth's oscillator phase and automation would carry the past), seeds drum noise per hit
 * (backing-render.ts hitSeed), and windows start on its scheduling grid. Measured: segments
 * rendered apart match the whole render within 1e-5, but for the last bar's drums in three styles
 * (up to 4.9e-3, 0.07 dB log-mel; test/unit/audio/backing-segments.test.ts).
 * A first render is one whole render cut into segments: no extra rendering.
 *
 * Pure: no I/O and no Tone.js (the worker must load Tone after the Web Audio globals).
 *
 * Glossary: `frame` a sample index of the stem at `sampleRate`; `window` a render's span of frames.
 */
import { drumSoundForKey, resolvePatch } from './backing-patches';
import type { BackingEvent, BackingScore, BackingTrack } from '../song/backing-types';

/** Events this close before a bar line are on it (ticks to seconds rounds in the last bits). */
const BAR_LINE_TOLERANCE_SECONDS = 1e-9;

/** Frames of one Web Audio render quantum: windows start on its multiples, where the whole render's quanta start too. */
export const RENDER_QUANTUM_FRAMES = 128;

export interface BackingSegment {
	index: number;
	/** First frame of the stem this segment holds. */
	startFrame: number;
	/** Frame after its last; the last segment ends where the stem does (the score's end plus the tail). */
	endFrame: number;
	/** The bar line it ends on, seconds (exact, before rounding to endFrame); Infinity for the last segment, which holds the tail. */
	endSeconds: number;
	/** Where a render of this segment must start: the earliest note still ringing at startFrame, on a render quantum. */
	windowStartFrame: number;
	/**
	 * Canonical text of everything that decides the segment's samples besides the renderer itself
	 * (sample rate, tempo, noise seed, its frames, each track's patch and gain and the events that
	 * sound in it); the caller hashes it with the renderer's version into the segment's id.
	 */
	content: string;
}

export interface BackingSegmentPlan {
	sampleRate: number;
	/** Seconds the stem rings past the score's end: the longest tail of the patches used. */
	tailSeconds: number;
	/** Frames of the whole stem: round((durationSeconds + tailSeconds) × sampleRate). */
	totalFrames: number;
	/** The renderer's scheduling step, frames (schedulingStepFrames). */
	stepFrames: number;
	segments: BackingSegment[];
}

export interface BackingSegmentOptions {
	/** Stem sample rate, Hz. */
	sampleRate: number;
	/** Seconds of one bar at the song's tempo and time signature: segments start on bar lines. */
	barSeconds: number;
	/** Bars per segment. Default 1 (a chord edit changes one bar). */
	barsPerSegment?: number;
	/** Noise seed the renders use (renderBackingOffline's `seed`). Default 1, the renderer's default. */
	seed?: number;
	/** renderBackingOffline's `segmentSeconds` (its scheduling step). Default 0.25, the renderer's default. */
	stepSeconds?: number;
}

/** Frames between the renderer's scheduling stops: renderBackingOffline's rounding of its `segmentSeconds`. */
export function schedulingStepFrames(sampleRate: number, stepSeconds: number): number {
	return RENDER_QUANTUM_FRAMES * Math.max(1, Math.round((stepSeconds * sampleRate) / RENDER_QUANTUM_FRAMES));
}

/**
 * Seconds after an event's start during which it may still sound (an upper bound): a melodic
 * note's length plus its patch's release; a drum hit's longest layer of its own sound (offset +
 * hold) plus the kit's ring; a key no kit plays, nothing. Drum hits ignore the event's length (the
 * kit decides how long a hit holds). Bounding each hit by its own sound, not the kit's longest
 * (a crash's), keeps a closed hi-hat from counting as ringing through the next bar.
 */
export function ringSeconds(track: BackingTrack, event: BackingEvent): number {
	const { patch } = resolvePatch(track.instrument, track.patch);
	if (patch.kind === 'melodic') return event.durationSeconds + patch.tailSeconds;
	const sound = drumSoundForKey(event.midiPitch);
	if (!sound) return 0;
	let longestLayerSeconds = 0;
	for (const layer of patch.sounds[sound].layers) longestLayerSeconds = Math.max(longestLayerSeconds, (layer.offsetSeconds ?? 0) + layer.holdSeconds);
	return longestLayerSeconds + patch.tailSeconds;
}

/** The longest patch tail of the score's tracks, seconds: what renderBackingOffline adds past the end by default. */
export function scoreTailSeconds(score: BackingScore): number {
	return score.tracks.reduce((tail, track) => Math.max(tail, resolvePatch(track.instrument, track.patch).patch.tailSeconds), 0);
}

/**
 * A track's events that sound in [startFrame, endSeconds): every event started before endSeconds,
 * from the earliest one still ringing at startFrame on. All later events of the track are kept
 * too, ringing or not, because a drum hit between them cuts an earlier hit's hold.
 *
 * The end is the bar line's exact time, not its frame: a note on the next bar line first sounds
 * at frame ceil(t × rate), never before the frame round(t × rate) the segment ends at, so it is
 * not part of this segment even when its time is a hair before that frame.
 */
function eventsSoundingIn(track: BackingTrack, startFrame: number, endSeconds: number, sampleRate: number): BackingEvent[] {
	const startSeconds = startFrame / sampleRate;
	let fromSeconds = startSeconds;
	for (const event of track.events) if (event.timeSeconds < fromSeconds && event.timeSeconds + ringSeconds(track, event) > startSeconds) fromSeconds = event.timeSeconds;
	return track.events.filter((event) => event.timeSeconds >= fromSeconds && event.timeSeconds < endSeconds - BAR_LINE_TOLERANCE_SECONDS);
}

/** The segments of a score's stem, each with its window and content. */
export function planBackingSegments(score: BackingScore, options: BackingSegmentOptions): BackingSegmentPlan {
	const { sampleRate, barSeconds, barsPerSegment = 1, seed = 1, stepSeconds = 0.25 } = options;
	const stepFrames = schedulingStepFrames(sampleRate, stepSeconds);
	if (!(barSeconds > 0) || !Number.isFinite(barSeconds)) throw new RangeError(`barSeconds ${barSeconds} is outside (0, ∞) s`);
	if (!(Number.isInteger(barsPerSegment) && barsPerSegment >= 1)) throw new RangeError(`barsPerSegment ${barsPerSegment} is outside 1, 2, 3, … bars`);
	const tailSeconds = scoreTailSeconds(score);
	const totalFrames = Math.round((score.durationSeconds + tailSeconds) * sampleRate);
	const segmentSeconds = barSeconds * barsPerSegment;
	// A score ending a hair past a bar line (rounding) gets no segment of its own for the hair.
	const count = Math.max(1, Math.ceil(score.durationSeconds / segmentSeconds - 1e-6));
	const starts = Array.from({ length: count }, (_, k) => Math.round(k * segmentSeconds * sampleRate));
	const segments = starts.map((startFrame, index): BackingSegment => {
		const endFrame = index + 1 < count ? starts[index + 1] : totalFrames;
		const endSeconds = index + 1 < count ? (index + 1) * segmentSeconds : Infinity;
		// A track with nothing sounding here adds silence: left out, so a track that sounds only in
		// other bars (a section's own style or level) leaves these bars' content as it was.
		const tracks = score.tracks.map((track) => ({ instrument: track.instrument, patch: track.patch, gainDb: track.gainDb, events: eventsSoundingIn(track, startFrame, endSeconds, sampleRate) })).filter((track) => track.events.length > 0);
		const firstFrame = Math.min(startFrame, ...tracks.flatMap((track) => track.events.map((event) => Math.floor(event.timeSeconds * sampleRate))));
		// On the whole render's scheduling grid: the window schedules each note at the stop the whole render does.
		const windowStartFrame = stepFrames * Math.floor(firstFrame / stepFrames);
		// -Infinity (a muted track) has no JSON form of its own: written as a string.
		const content = JSON.stringify({ sampleRate, tempoBpm: score.tempoBpm, seed, startFrame, endFrame, tracks: tracks.map((t) => ({ ...t, gainDb: String(t.gainDb) })) });
		return { index, startFrame, endFrame, endSeconds, windowStartFrame, content };
	});
	return { sampleRate, tailSeconds, totalFrames, stepFrames, segments };
}

/** What to render for a run of consecutive segments: the score cut to the window, and where the window starts. */
export interface SegmentWindow {
	/** The score with only the events the run's samples depend on, at their full-score times; it ends where the run does. */
	score: BackingScore;
	/** renderBackingOffline's `startSeconds`: the window's first frame on the score's timeline. */
	startSeconds: number;
	/** renderBackingOffline's `tailSeconds`: the stem's tail for a run that ends the stem, else 0. */
	tailSeconds: number;
	/** The window's first frame; a render of it is (last segment's endFrame − this) frames long. */
	startFrame: number;
}

/**
 * The window that renders segments `first` … `last` (inclusive) of the plan in one go: it starts at
 * the earliest of their windows and holds every event that sounds in any of them.
 */
export function segmentWindow(score: BackingScore, plan: BackingSegmentPlan, first: number, last: number): SegmentWindow {
	const { segments, sampleRate } = plan;
	if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && first <= last && last < segments.length)) throw new RangeError(`segments ${first}–${last} are outside 0–${segments.length - 1}`);
	const startFrame = Math.min(...segments.slice(first, last + 1).map((s) => s.windowStartFrame));
	const endFrame = segments[last].endFrame;
	const endsStem = last === segments.length - 1;
	const tracks = score.tracks.map((track) => ({ ...track, events: eventsSoundingIn(track, segments[first].startFrame, segments[last].endSeconds, sampleRate) }));
	return {
		// The last window keeps the score's own end, so its render is round((duration + tail) × rate) − startFrame frames as the whole stem's.
		score: { ...score, durationSeconds: endsStem ? score.durationSeconds : endFrame / sampleRate, tracks },
		startSeconds: startFrame / sampleRate,
		tailSeconds: endsStem ? plan.tailSeconds : 0,
		startFrame
	};
}

/** Runs of consecutive indices, as [first, last] pairs: the segments to render, grouped into windows. */
export function consecutiveRuns(indices: readonly number[]): Array<[number, number]> {
	const sorted = [...new Set(indices)].sort((a, b) => a - b);
	const runs: Array<[number, number]> = [];
	for (const index of sorted) {
		const run = runs.at(-1);
		if (run && run[1] === index - 1) run[1] = index;
		else runs.push([index, index]);
	}
	return runs;
}

/** Segment `segment`'s samples cut from a window's render (channels starting at `windowStartFrame`). */
export function cutSegment(channels: readonly Float32Array[], windowStartFrame: number, segment: BackingSegment): Float32Array[] {
	const from = segment.startFrame - windowStartFrame;
	const to = segment.endFrame - windowStartFrame;
	if (from < 0 || to > channels[0].length) throw new RangeError(`segment ${segment.index} (frames ${segment.startFrame}–${segment.endFrame}) is outside the window of frames ${windowStartFrame}–${windowStartFrame + channels[0].length}`);
	return channels.map((channel) => channel.slice(from, to));
}

/** The stem: the segments' samples laid end to end at their frames. */
export function spliceSegments(plan: BackingSegmentPlan, parts: readonly (readonly Float32Array[])[]): Float32Array[] {
	if (parts.length !== plan.segments.length) throw new RangeError(`${parts.length} segments given, the plan has ${plan.segments.length}`);
	const channelCount = parts[0]?.length ?? 2;
	const stem = Array.from({ length: channelCount }, () => new Float32Array(plan.totalFrames));
	plan.segments.forEach((segment, k) => {
		const part = parts[k];
		const frames = segment.endFrame - segment.startFrame;
		if (part.length !== channelCount || part.some((channel) => channel.length !== frames)) throw new RangeError(`segment ${k} holds ${part.map((c) => c.length).join('/')} frames in ${part.length} channels, not ${frames} in ${channelCount}`);
		part.forEach((channel, c) => stem[c].set(channel, segment.startFrame));
	});
	return stem;
}
