/**
 * A/B listening between two versions of a song: the listener switches from one mix to the other
 * at the point they are hearing. The two mixes may differ in length (a tempo or section change),
 * so the other one starts at the same second when it has it, else at its end.
 */

/** Where the other mix starts, seconds: the same position, within [0, its length] (an unknown length leaves it as is). */
export function switchPositionSeconds(positionSeconds: number, otherDurationSeconds: number): number {
	const at = Number.isFinite(positionSeconds) ? Math.max(0, positionSeconds) : 0;
	return Number.isFinite(otherDurationSeconds) && otherDurationSeconds > 0 ? Math.min(at, otherDurationSeconds) : at;
}

export type AbSide = 'a' | 'b';

export const otherSide = (side: AbSide): AbSide => (side === 'a' ? 'b' : 'a');
