/** The home page: the intro, the singing-language choice, upload status and the library. */
import type { AreaMessages } from './area';

export const home = {
	en: {
		'home.title': 'Hum2Song Studio — record a take',
		'home.heading': 'Hum a tune. Read a few lines.',
		'home.intro': 'The studio finds the melody in your humming — its notes, key and tempo — and learns your voice from the reading.',
		'home.singLanguage': 'Language you will read in',
		'home.singLanguageHint': 'The language of your reading and of your songs. The interface language is chosen at the top of the page.',
		'home.uploadingTake': 'Uploading your take…',
		'home.uploadingFile': 'Uploading {name}…',
		'home.uploadFailed': 'Upload failed.',
		'home.uploadAgain': 'Upload this recording again',
		'home.library': 'Your library',
		'home.libraryHint':
			'Takes and songs made in this browser, newest first. Only this browser can open them; a song can be shared with a listen-only link from its page.',
		'home.songs': 'Songs',
		'home.takes': 'Takes'
	},
	'zh-HK': {
		'home.title': 'Hum2Song Studio — 錄一段錄音',
		'home.heading': '哼一段旋律，讀幾句文字。',
		'home.intro': '錄音室會從你的哼唱找出旋律（音符、調性和速度），並從你的朗讀學會你的聲線。',
		'home.singLanguage': '你朗讀用的語言',
		'home.singLanguageHint': '這是你朗讀和歌曲所用的語言。介面語言在頁面頂部選擇。',
		'home.uploadingTake': '正在上載你的錄音…',
		'home.uploadingFile': '正在上載 {name}…',
		'home.uploadFailed': '上載失敗。',
		'home.uploadAgain': '重新上載這段錄音',
		'home.library': '你的資料庫',
		'home.libraryHint': '在這個瀏覽器製作的錄音和歌曲，最新的排在最前。只有這個瀏覽器可以開啟它們；歌曲可在其頁面以「只供收聽」的連結分享。',
		'home.songs': '歌曲',
		'home.takes': '錄音'
	},
	'zh-CN': {
		'home.title': 'Hum2Song Studio — 录一段录音',
		'home.heading': '哼一段旋律，读几句文字。',
		'home.intro': '录音室会从你的哼唱中找出旋律（音符、调性和速度），并从你的朗读中学会你的声音。',
		'home.singLanguage': '你朗读使用的语言',
		'home.singLanguageHint': '这是你朗读和歌曲所用的语言。界面语言在页面顶部选择。',
		'home.uploadingTake': '正在上传你的录音…',
		'home.uploadingFile': '正在上传 {name}…',
		'home.uploadFailed': '上传失败。',
		'home.uploadAgain': '重新上传这段录音',
		'home.library': '你的作品库',
		'home.libraryHint': '在这个浏览器中制作的录音和歌曲，最新的排在最前。只有这个浏览器可以打开它们；歌曲可以在其页面通过“仅供收听”的链接分享。',
		'home.songs': '歌曲',
		'home.takes': '录音'
	}
} satisfies AreaMessages;
