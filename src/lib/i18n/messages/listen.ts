/** The listen-only page a shared link opens. */
import type { AreaMessages } from './area';

export const listen = {
	en: {
		'listen.play': 'Play',
		'listen.mp3': 'MP3',
		'listen.wav16': 'WAV 16-bit',
		'listen.wav24': 'WAV 24-bit',
		'listen.stillMaking': 'The song is still being made; come back in a minute.',
		'listen.lyrics': 'Lyrics'
	},
	'zh-HK': {
		'listen.play': '播放',
		'listen.mp3': 'MP3',
		'listen.wav16': 'WAV（16 位元）',
		'listen.wav24': 'WAV（24 位元）',
		'listen.stillMaking': '歌曲仍在製作中，請一分鐘後再來。',
		'listen.lyrics': '歌詞'
	},
	'zh-CN': {
		'listen.play': '播放',
		'listen.mp3': 'MP3',
		'listen.wav16': 'WAV（16 位）',
		'listen.wav24': 'WAV（24 位）',
		'listen.stillMaking': '歌曲仍在制作中，请一分钟后再来。',
		'listen.lyrics': '歌词'
	}
} satisfies AreaMessages;
