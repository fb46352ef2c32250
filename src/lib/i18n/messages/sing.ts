/** The take page's "Sing it" panel: lyrics in, the melody sung in the user's voice out. */
import type { AreaMessages } from './area';

export const sing = {
	en: {
		'sing.heading': 'Sing it',
		'sing.hint':
			'Type lyrics in {language} (English words may be mixed in). They are sung on your hummed melody, in the voice learned from your reading (or from your hum, when there is no reading).',
		'sing.lyrics': 'Lyrics',
		'sing.sing': 'Sing',
		'sing.singing': 'Singing…',
		'sing.vocalise':
			'No reading was found in this take, so the voice was learned from your hum: the lyrics are sung on its sound. Record the reading part for words in your voice.',
		'sing.play': 'Play',
		'sing.downloadVocal': 'Download vocal (WAV)',
		'sing.confirmDeleteVoice': 'Delete the voice learned from this take? The take and its melody stay.',
		'sing.voiceDeleted': 'The voice learned from this take is deleted.',
		'sing.deleteVoice': 'Delete the voice learned from this take',
		'sing.deleteVoiceFailed': 'The voice could not be deleted. Try again in a moment.'
	},
	'zh-HK': {
		'sing.heading': '唱出來',
		'sing.hint': '以{language}輸入歌詞（可以夾雜英文字）。歌詞會以你哼的旋律、用從你朗讀學會的聲線唱出（沒有朗讀時，就用你哼唱的聲音）。',
		'sing.lyrics': '歌詞',
		'sing.sing': '唱',
		'sing.singing': '正在唱…',
		'sing.vocalise': '這段錄音中找不到朗讀，所以聲線是從你的哼唱學會的：歌詞會用哼唱的聲音唱出。錄下朗讀部分，歌詞就會用你的聲線唱。',
		'sing.play': '播放',
		'sing.downloadVocal': '下載人聲（WAV）',
		'sing.confirmDeleteVoice': '刪除從這段錄音學會的聲線？錄音和旋律會保留。',
		'sing.voiceDeleted': '從這段錄音學會的聲線已刪除。',
		'sing.deleteVoice': '刪除從這段錄音學會的聲線',
		'sing.deleteVoiceFailed': '未能刪除聲線，請稍後再試。'
	},
	'zh-CN': {
		'sing.heading': '唱出来',
		'sing.hint': '用{language}输入歌词（可以夹杂英文单词）。歌词会按你哼的旋律、用从你朗读中学到的声音唱出（没有朗读时，就用你哼唱的声音）。',
		'sing.lyrics': '歌词',
		'sing.sing': '唱',
		'sing.singing': '正在唱…',
		'sing.vocalise': '这段录音中没有找到朗读，所以声音是从你的哼唱中学到的：歌词会用哼唱的声音唱出。录下朗读部分，歌词就会用你的声音唱。',
		'sing.play': '播放',
		'sing.downloadVocal': '下载人声（WAV）',
		'sing.confirmDeleteVoice': '删除从这段录音学到的声音？录音和旋律会保留。',
		'sing.voiceDeleted': '从这段录音学到的声音已删除。',
		'sing.deleteVoice': '删除从这段录音学到的声音',
		'sing.deleteVoiceFailed': '未能删除声音，请稍后再试。'
	}
} satisfies AreaMessages;
