// Written by `npm run prompts` from prompt-pool.ts (prompt-selection.ts); do not edit by hand.
import type { Language } from '../take/types';
import type { ReadingPrompt } from './prompts';

export const SELECTED_READING_PROMPTS: Record<Language, ReadingPrompt> = {
	// About 34.0 s; covers initials 20/20, finals 47/61.
	yue: {
		language: 'yue',
		lines: [
			'隻貓仔舐下舐下，跟住瞓着咗。',
			'我想飲杯熱奶茶，再加一件蛋撻。',
			'朋友送咗一束鮮花俾我，好靚呀。',
			'月光照喺窗前，風吹過樹葉沙沙聲。',
			'佢執咗屋，又洗晒啲衫褲鞋襪。',
			'啱啱嗰架車揸得太快，好危險。',
			'各位觀眾，多謝你哋嘅支持。',
			'佢著住條紅色裙，手拎住一個橙。',
			'安靜啲，我要睇書同寫字。',
			'阿爺用鋸割開木頭，好小心。',
			'五月初五，吳伯伯去睇龍舟。'
		],
		phrases: [[7, 5], [7, 6], [10, 3], [6, 8], [4, 8], [9, 3], [4, 7], [7, 6], [3, 7], [8, 3], [4, 7]]
	},
	// About 34.7 s; covers initials 22/22, finals 36/37.
	cmn: {
		language: 'cmn',
		lines: [
			'老翁在窗外种花，熊猫在竹林里睡觉。',
			'雪白的云朵飘过远方的山顶。',
			'春天来了，燕子从南方飞回家乡。',
			'我想喝一杯热茶，再吃两块饼干。',
			'朋友送给我一束鲜花，真漂亮。',
			'爸爸在厨房煮粥，香得不得了。',
			'船停在码头，海鸥在天空中飞翔。',
			'各位观众，谢谢你们的支持。',
			'这个女孩儿穿着绿色的裙子跳舞。',
			'别担心，困难总会过去的。',
			'海上的波浪一浪接一浪。'
		],
		phrases: [[7, 8], [12], [4, 9], [7, 6], [9, 3], [7, 5], [5, 8], [4, 7], [14], [3, 7], [10]]
	},
	// About 34.6 s; covers phonemes 39/39, diphones 85/150.
	en: {
		language: 'en',
		lines: [
			'The quick brown fox jumps over the lazy dog.',
			'We watched the golden sun rise behind the hills.',
			'A gentle voice sings softly through the night.',
			'Thank you for the thoughtful birthday gift.',
			'Would you look at those beautiful purple flowers?',
			'How loud the crowd was outside the town hall!',
			'The vision of the ocean made her feel calm.',
			'Zebras and lions roam across the yellow plains.',
			'Pack your bags, the train leaves at eight.',
			'Nothing is better than fresh bread with butter.',
			'Keep singing, the music is making everybody happy.',
			'Clever monkeys climbed the tallest trees in the forest.',
			'Spring brings warmer days and longer evenings.'
		],
		phrases: [[11], [11], [10], [9], [12], [10], [11], [12], [3, 5], [11], [3, 12], [13], [10]]
	}
};
