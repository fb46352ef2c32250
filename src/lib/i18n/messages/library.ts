/** The library lists of takes and songs (home page, take page). */
import type { AreaMessages } from './area';

export const library = {
	en: {
		'library.status.queued': 'Waiting to be analysed',
		'library.status.active': 'Analysing…',
		'library.status.completed': 'Analysed',
		'library.status.failed': 'Failed',
		'library.status.working': 'Being made…',
		'library.status.ready': 'Ready',
		'library.newNameTake': 'New name for the take',
		'library.newNameSong': 'New name for the song',
		'library.save': 'Save',
		'library.cancel': 'Cancel',
		'library.rename': 'Rename',
		'library.delete': 'Delete',
		'library.noTakes': 'No takes yet.',
		'library.noSongs': 'No songs yet.',
		'library.confirmDeleteTake': 'Delete the take "{name}", its recording, its voice and every song made from it? This cannot be undone.',
		'library.confirmDeleteSong': 'Delete the song "{name}"? This cannot be undone.'
	},
	'zh-HK': {
		'library.status.queued': '等候分析',
		'library.status.active': '分析中…',
		'library.status.completed': '已分析',
		'library.status.failed': '失敗',
		'library.status.working': '製作中…',
		'library.status.ready': '已完成',
		'library.newNameTake': '錄音的新名稱',
		'library.newNameSong': '歌曲的新名稱',
		'library.save': '儲存',
		'library.cancel': '取消',
		'library.rename': '重新命名',
		'library.delete': '刪除',
		'library.noTakes': '還沒有錄音。',
		'library.noSongs': '還沒有歌曲。',
		'library.confirmDeleteTake': '刪除錄音「{name}」、它的音頻、從中學會的聲線，以及用它製作的所有歌曲？刪除後無法復原。',
		'library.confirmDeleteSong': '刪除歌曲「{name}」？刪除後無法復原。'
	},
	'zh-CN': {
		'library.status.queued': '等待分析',
		'library.status.active': '分析中…',
		'library.status.completed': '已分析',
		'library.status.failed': '失败',
		'library.status.working': '制作中…',
		'library.status.ready': '已完成',
		'library.newNameTake': '录音的新名称',
		'library.newNameSong': '歌曲的新名称',
		'library.save': '保存',
		'library.cancel': '取消',
		'library.rename': '重命名',
		'library.delete': '删除',
		'library.noTakes': '还没有录音。',
		'library.noSongs': '还没有歌曲。',
		'library.confirmDeleteTake': '删除录音“{name}”、它的音频、从中学到的声音，以及用它制作的所有歌曲？删除后无法恢复。',
		'library.confirmDeleteSong': '删除歌曲“{name}”？删除后无法恢复。'
	}
} satisfies AreaMessages;
