/** Words every page uses: the frame, the language switcher, the singing languages' names. */
import type { AreaMessages } from './area';

export const common = {
	en: {
		'common.skipToContent': 'Skip to content',
		'common.tagline': 'Runs on this machine. Nothing leaves it.',
		'common.uiLanguage': 'Interface language',
		'common.loading': 'Loading…',
		'common.singLanguage.yue': 'Cantonese',
		'common.singLanguage.cmn': 'Mandarin',
		'common.singLanguage.en': 'English'
	},
	'zh-HK': {
		'common.skipToContent': '跳到內容',
		'common.tagline': '在這部電腦上運行，資料不會離開。',
		'common.uiLanguage': '介面語言',
		'common.loading': '載入中…',
		'common.singLanguage.yue': '廣東話',
		'common.singLanguage.cmn': '普通話',
		'common.singLanguage.en': '英文'
	},
	'zh-CN': {
		'common.skipToContent': '跳到内容',
		'common.tagline': '在这台电脑上运行，数据不会离开。',
		'common.uiLanguage': '界面语言',
		'common.loading': '加载中…',
		'common.singLanguage.yue': '粤语',
		'common.singLanguage.cmn': '普通话',
		'common.singLanguage.en': '英语'
	}
} satisfies AreaMessages;
