/**
 * Metrical strength of a position in the bar, for setting words to a composed melody. The grid
 * follows the metrical hierarchy of Lerdahl & Jackendoff (1983, ch. 4): the downbeat is strongest,
 * then the bar's other strong beat (beat 3 of 4/4, the second dotted beat of 6/8), then the other
 * beats, then their subdivisions.
 */
import { PPQ, ticksPerBar, type TimeSignature } from '../song/types';

/** Strength of the downbeat (beat 1). */
const DOWNBEAT = 1;
/** The bar's secondary strong beat (beat 3 of 4/4): strong, a little weaker than beat 1. */
const SECONDARY = 0.9;
/** Other beats (2 and 4 of 4/4; 2 and 3 of 3/4). */
const BEAT = 0.5;
/** Half-beat off-beats (the "and"s). */
const HALF_BEAT = 0.25;
/** Anything finer (sixteenths, triplets). */
const FINER = 0.1;
/** Positions at or above this strength are strong beats. */
export const STRONG_BEAT_STRENGTH = SECONDARY;

/** Ticks of one counted beat: the dotted quarter in compound metres (6/8, 9/8, 12/8), else the beat unit. */
export function ticksPerCountedBeat(timeSignature: TimeSignature): number {
	const unitTicks = (PPQ * 4) / timeSignature.beatUnit;
	return isCompound(timeSignature) ? unitTicks * 3 : unitTicks;
}

function isCompound(ts: TimeSignature): boolean {
	return ts.beatUnit === 8 && ts.beatsPerBar % 3 === 0 && ts.beatsPerBar > 3;
}

/** Counted beats in a bar (2 in 6/8, 4 in 4/4). */
function countedBeats(ts: TimeSignature): number {
	return isCompound(ts) ? ts.beatsPerBar / 3 : ts.beatsPerBar;
}

/** Index of the bar's secondary strong beat, or -1: the middle beat of an even bar of four or more (4/4 → beat 3, 12/8 → beat 3), the later-heavy split of odd bars over 3 (5/4 → beat 4). */
function secondaryBeat(ts: TimeSignature): number {
	const beats = countedBeats(ts);
	if (beats < 4 && !(isCompound(ts) && beats === 2)) return -1;
	return Math.ceil(beats / 2);
}

/**
 * Strength of the position `ticks` (from the start of bar 1) in [0, 1]: 1 on the downbeat, 0.9 on
 * the secondary strong beat, 0.5 on other beats, 0.25 on half-beats, 0.1 finer.
 */
export function metricStrength(ticks: number, timeSignature: TimeSignature): number {
	if (timeSignature.beatsPerBar <= 0 || timeSignature.beatUnit <= 0) {
		throw new RangeError(`Time signature ${timeSignature.beatsPerBar}/${timeSignature.beatUnit} is not valid: both numbers must be positive.`);
	}
	const barTicks = ticksPerBar(timeSignature);
	const inBar = ((Math.round(ticks) % barTicks) + barTicks) % barTicks;
	if (inBar === 0) return DOWNBEAT;
	const beatTicks = ticksPerCountedBeat(timeSignature);
	if (inBar % beatTicks === 0) return inBar / beatTicks === secondaryBeat(timeSignature) ? SECONDARY : BEAT;
	// Compound metres subdivide the dotted beat into three eighths; simple ones into two halves.
	const subTicks = isCompound(timeSignature) ? beatTicks / 3 : beatTicks / 2;
	return inBar % subTicks === 0 ? HALF_BEAT : FINER;
}

/** True on the strong beats: beats 1 and 3 of 4/4, the downbeat of 3/4 or 2/4, beats 1 and 4 of 6/8. */
export function isStrongBeat(ticks: number, timeSignature: TimeSignature): boolean {
	return metricStrength(ticks, timeSignature) >= STRONG_BEAT_STRENGTH;
}
