import type { Language } from '../take/types';

/**
 * Reading prompts shown in the recorder's "read these lines" part (about 30 s each).
 * Chosen by hand for now to touch many initials and finals (yue, cmn) or phonemes (en);
 * the voice-profile work replaces them with coverage-optimised prompts.
 */
export interface ReadingPrompt {
	language: Language;
	lines: string[];
}

export const READING_PROMPTS: Record<Language, ReadingPrompt> = {
	yue: {
		language: 'yue',
		lines: [
			'今日天氣好好，我哋一齊去海邊散步。',
			'佢話聽朝要早啲起身，搭巴士返學。',
			'街市有好多新鮮嘅魚、菜同埋生果。',
			'我鍾意喺夜晚聽歌，唱出自己嘅心聲。',
			'細路仔喺公園度玩，笑聲好響亮。'
		]
	},
	cmn: {
		language: 'cmn',
		lines: [
			'今天天气很好，我们一起去河边散步。',
			'他说明天要早点起床，坐车去学校。',
			'市场里有很多新鲜的鱼、青菜和水果。',
			'我喜欢在夜里听歌，唱出自己的心声。',
			'小朋友在公园里玩耍，笑声特别响亮。'
		]
	},
	en: {
		language: 'en',
		lines: [
			'The quick brown fox jumps over the lazy dog.',
			'She sells sea shells by the sea shore every summer.',
			'We watched the golden sun rise behind the hills.',
			'Could you bring the red chair and the blue cup, please?',
			'A gentle voice sings softly through the night.'
		]
	}
};
