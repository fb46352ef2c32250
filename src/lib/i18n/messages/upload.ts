/** The upload card on the home page. */
import type { AreaMessages } from './area';

export const upload = {
	en: {
		'upload.heading': 'Or upload a recording',
		'upload.drop': 'Drop an audio file here, or',
		'upload.choose': 'choose one',
		'upload.formats': 'WAV, FLAC, MP3, Ogg, Opus or WebM · up to {megabytes} MB'
	},
	'zh-HK': {
		'upload.heading': '或者上載一段錄音',
		'upload.drop': '把音頻檔案拖放到這裏，或',
		'upload.choose': '選擇檔案',
		'upload.formats': 'WAV、FLAC、MP3、Ogg、Opus 或 WebM · 最大 {megabytes} MB'
	},
	'zh-CN': {
		'upload.heading': '或者上传一段录音',
		'upload.drop': '把音频文件拖放到这里，或',
		'upload.choose': '选择文件',
		'upload.formats': 'WAV、FLAC、MP3、Ogg、Opus 或 WebM · 最大 {megabytes} MB'
	}
} satisfies AreaMessages;
