/**
 * Original starter lyrics, one per language, written for Hum2Song Studio: a new song shows one so
 * the user hears words at once and can edit them. Each has eight lines (enough syllables for a
 * 16-bar song, two bars a line), simple images (morning, a walk by the water, friends, the way
 * home) and punctuation at every line end, which readLyrics turns into breath points.
 * The Cantonese lines mostly end on tone 1 or 4 (high level or low), the tones Cantopop lyricists
 * favour at cadences because they sit well on the tonic or dominant (Ho 2006).
 */
import type { Language } from '../take/types';

export const STARTER_LYRICS: Readonly<Record<Language, string>> = {
	yue: [
		'朝早嘅陽光照入我窗前，',
		'街角飄來一陣麵包香。',
		'約埋老朋友沿住海邊行(haang4)，',
		'講起細個嗰陣嘅夢想。',
		'黃昏嘅微風吹過我面，',
		'返屋企條路有街燈陪。',
		'今晚抬頭望住滿天星，',
		'聽日我哋再一齊唱歌。'
	].join('\n'),
	cmn: [
		'早晨的阳光照进窗台，',
		'街角飘来面包的香味。',
		'我和朋友们沿着河边走，',
		'说起了小时候的梦想。',
		'黄昏的风轻轻吹过脸，',
		'回家的路上有路灯陪伴。',
		'今晚抬头看满天的星星，',
		'明天我们再一起歌唱。'
	].join('\n'),
	en: [
		'The morning sun comes through my window,',
		'the bakery smells of bread and honey.',
		'I meet my friends beside the river,',
		'we talk about the dreams we had.',
		'The evening breeze is soft and easy,',
		'the street lamps light the long way home.',
		'Tonight the sky is full of stars,',
		'tomorrow we will sing again.'
	].join('\n')
};

/** The starter lyric of `language` (lines separated by newlines). */
export function starterLyrics(language: Language): string {
	return STARTER_LYRICS[language];
}
