/** The song page's singing-expression controls (how much vibrato the voice sings with). */
import type { AreaMessages, SameKeys } from './area';

const en = {
	'vocalExpression.vibrato': 'Vibrato',
	'vocalExpression.vibrato.hint': 'How much the voice wavers on long notes: your own habit (from your hum), shaped by the style.',
	'vocalExpression.vibrato.0': 'None (straight tone)',
	'vocalExpression.vibrato.0.5': 'Light',
	'vocalExpression.vibrato.1': 'Like you (your own vibrato)',
	'vocalExpression.vibrato.1.5': 'More',
	'vocalExpression.vibrato.2': 'Much more'
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
		'vocalExpression.vibrato.2': '好多'
	},
	'zh-CN': {
		'vocalExpression.vibrato': '颤音',
		'vocalExpression.vibrato.hint': '长音上声音抖动的多少：按你哼唱时的习惯，再依风格调整。',
		'vocalExpression.vibrato.0': '无（平直音）',
		'vocalExpression.vibrato.0.5': '轻微',
		'vocalExpression.vibrato.1': '像你（你自己的颤音）',
		'vocalExpression.vibrato.1.5': '多一些',
		'vocalExpression.vibrato.2': '很多'
	}
} satisfies AreaMessages & SameKeys<{ en: typeof en }>;
