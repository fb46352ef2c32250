/** The song page's singing-expression controls (how much vibrato the voice sings with, and its tone: speaking or singing balance). */
import type { AreaMessages, SameKeys } from './area';

const en = {
	'vocalExpression.vibrato': 'Vibrato',
	'vocalExpression.vibrato.hint': 'How much the voice wavers on long notes: your own habit (from your hum), shaped by the style.',
	'vocalExpression.vibrato.0': 'None (straight tone)',
	'vocalExpression.vibrato.0.5': 'Light',
	'vocalExpression.vibrato.1': 'Like you (your own vibrato)',
	'vocalExpression.vibrato.1.5': 'More',
	'vocalExpression.vibrato.2': 'Much more',
	'vocalExpression.tone': 'Voice tone',
	'vocalExpression.tone.hint': 'How much your speaking voice is brightened into a singing voice (more ring around 3 kHz, more effort on high notes).',
	'vocalExpression.tone.0': 'As you speak',
	'vocalExpression.tone.0.5': 'Soft',
	'vocalExpression.tone.1': 'Singing',
	'vocalExpression.tone.1.5': 'Bright',
	'vocalExpression.tone.2': 'Brightest'
};

export const vocalExpression = {
	en,
	'zh-HK': {
		'vocalExpression.vibrato': '顫音',
		'vocalExpression.vibrato.hint': '長音上聲音抖動幾多：跟你自己哼歌時嘅習慣，再按風格調整。',
		'vocalExpression.vibrato.0': '冇（平直音）',
		'vocalExpression.vibrato.0.5': '少少',
		'vocalExpression.vibrato.1': '似你（你自己嘅顫音）',
		'vocalExpression.vibrato.1.5': '多啲',
		'vocalExpression.vibrato.2': '好多',
		'vocalExpression.tone': '聲線',
		'vocalExpression.tone.hint': '將你講嘢嘅聲音變成唱歌嘅聲音幾多（3 kHz 附近更響亮，高音更用力）。',
		'vocalExpression.tone.0': '好似講嘢咁',
		'vocalExpression.tone.0.5': '柔和',
		'vocalExpression.tone.1': '唱歌',
		'vocalExpression.tone.1.5': '明亮',
		'vocalExpression.tone.2': '最明亮'
	},
	'zh-CN': {
		'vocalExpression.vibrato': '颤音',
		'vocalExpression.vibrato.hint': '长音上声音抖动的多少：按你哼唱时的习惯，再依风格调整。',
		'vocalExpression.vibrato.0': '无（平直音）',
		'vocalExpression.vibrato.0.5': '轻微',
		'vocalExpression.vibrato.1': '像你（你自己的颤音）',
		'vocalExpression.vibrato.1.5': '多一些',
		'vocalExpression.vibrato.2': '很多',
		'vocalExpression.tone': '音色',
		'vocalExpression.tone.hint': '把你说话的声音变成唱歌的声音的程度（3 kHz 附近更响亮，高音更用力）。',
		'vocalExpression.tone.0': '像说话一样',
		'vocalExpression.tone.0.5': '柔和',
		'vocalExpression.tone.1': '唱歌',
		'vocalExpression.tone.1.5': '明亮',
		'vocalExpression.tone.2': '最明亮'
	}
} satisfies AreaMessages & SameKeys<{ en: typeof en }>;
