/** Words every page uses: the frame, the language switcher, generic errors. */
import type { AreaMessages } from './area';

export const common = {
	en: {
		'common.skipToContent': 'Skip to content',
		'common.tagline': 'Runs on this machine. Nothing leaves it.',
		'common.uiLanguage': 'Interface language'
	},
	'zh-HK': {
		'common.skipToContent': '跳到內容',
		'common.tagline': '在這部電腦上運行，資料不會離開。',
		'common.uiLanguage': '介面語言'
	},
	'zh-CN': {
		'common.skipToContent': '跳到内容',
		'common.tagline': '在这台电脑上运行，数据不会离开。',
		'common.uiLanguage': '界面语言'
	}
} satisfies AreaMessages;
