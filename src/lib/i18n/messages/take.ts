/** The take page around the analysis: its facts, warnings, failures and songs. */
import type { AreaMessages } from './area';

export const take = {
	en: {
		'take.title': 'Take {id} — Hum2Song Studio',
		'take.back': '← Your library and a new take',
		'take.heading': 'Take',
		'take.language': 'Sung in {language}',
		'take.recordedHere': 'Recorded here',
		'take.uploaded': 'Uploaded: {name}',
		'take.warningsOne': 'A note about this take:',
		'take.warningsMany': 'Notes about this take:',
		'take.reconnecting': 'Connection dropped — reconnecting…',
		'take.analysisFailed': 'The analysis did not finish.',
		'take.retry': 'Retry',
		'take.another': 'Record or upload another take',
		'take.songs': 'Songs from this take'
	},
	'zh-HK': {
		'take.title': '錄音 {id} — Hum2Song Studio',
		'take.back': '← 你的資料庫和新錄音',
		'take.heading': '錄音',
		'take.language': '以{language}唱',
		'take.recordedHere': '在這裏錄製',
		'take.uploaded': '已上載：{name}',
		'take.warningsOne': '關於這段錄音的提示：',
		'take.warningsMany': '關於這段錄音的提示：',
		'take.reconnecting': '連線中斷，正在重新連線…',
		'take.analysisFailed': '分析未能完成。',
		'take.retry': '重試',
		'take.another': '錄製或上載另一段錄音',
		'take.songs': '用這段錄音製作的歌曲'
	},
	'zh-CN': {
		'take.title': '录音 {id} — Hum2Song Studio',
		'take.back': '← 你的作品库和新录音',
		'take.heading': '录音',
		'take.language': '用{language}唱',
		'take.recordedHere': '在这里录制',
		'take.uploaded': '已上传：{name}',
		'take.warningsOne': '关于这段录音的提示：',
		'take.warningsMany': '关于这段录音的提示：',
		'take.reconnecting': '连接中断，正在重新连接…',
		'take.analysisFailed': '分析未能完成。',
		'take.retry': '重试',
		'take.another': '录制或上传另一段录音',
		'take.songs': '用这段录音制作的歌曲'
	}
} satisfies AreaMessages;
