/**
 * How a song's style and the user's vibrato control shape the sung vibrato: a scale on the depth
 * of the singer's own habit. Ballads are sung with more, a children's song with little (a plain,
 * easy-to-follow line), lo-fi close to straight.
 */
import { DEFAULT_VIBRATO_AMOUNT } from './song-request';
import type { StyleName } from './types';

export const STYLE_VIBRATO_SCALE: Record<StyleName, number> = {
	'pop-ballad': 1.15,
	'cantopop-ballad': 1.2,
	'upbeat-pop': 0.85,
	'lo-fi': 0.6,
	'childrens-song': 0.4
};

/** Scale on the habit's vibrato depth for a song: the style's times the user's amount (0 = straight). */
export function songVibratoScale(style: StyleName, amount: number = DEFAULT_VIBRATO_AMOUNT): number {
	return STYLE_VIBRATO_SCALE[style] * amount;
}
