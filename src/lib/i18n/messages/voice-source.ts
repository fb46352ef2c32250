/** The take page's "Learn my voice from another recording" panel. */
import type { AreaMessages } from './area';

export const voiceSource = {
	en: {
		'voiceSource.heading': 'Learn my voice from another recording',
		'voiceSource.hint':
			'Upload any recording of your own speech ({minSeconds}–{maxSeconds} s; WAV, FLAC, MP3, Ogg or WebM) and type exactly what you said in it. The studio lines the text up with your voice, and this take’s songs are then sung in the voice it learns.',
		'voiceSource.file': 'Recording of your speech',
		'voiceSource.text': 'What you said in it',
		'voiceSource.textPlaceholder': 'Type or paste the words you spoke, in the order you spoke them.',
		'voiceSource.language': 'Language you spoke',
		'voiceSource.submit': 'Learn my voice',
		'voiceSource.sending': 'Sending…',
		'voiceSource.learning': 'Learning your voice from “{name}”…',
		'voiceSource.failed': 'No voice was learned from “{name}”; this take keeps the voice it had.',
		'voiceSource.current': 'This take sings in the voice learned from “{name}” ({seconds} s).',
		'voiceSource.covered': 'Learned {covered} of the {total} syllables of your text.',
		'voiceSource.uncovered': 'Too short in the recording to learn: {list}',
		'voiceSource.lyricCoverage': 'Of the {total} different syllables of the starter lyric, {own} are sung from your own recording of them.',
		'voiceSource.borrowed': 'Sung from the nearest sounds you recorded: {list}',
		'voiceSource.statusFailed': 'Where the voice stands could not be loaded. Reload the page to try again.'
	},
	'zh-HK': {
		'voiceSource.heading': '從另一段錄音學習我的聲線',
		'voiceSource.hint': '上載任何一段你自己說話的錄音（{minSeconds}–{maxSeconds} 秒；WAV、FLAC、MP3、Ogg 或 WebM），再輸入你在錄音中說的每一句。錄音室會把文字和你的聲音對齊，之後這段錄音的歌就會用學到的聲線唱出。',
		'voiceSource.file': '你說話的錄音',
		'voiceSource.text': '你在錄音中說的話',
		'voiceSource.textPlaceholder': '按說話的次序，輸入或貼上你說過的字句。',
		'voiceSource.language': '你說的語言',
		'voiceSource.submit': '學習我的聲線',
		'voiceSource.sending': '正在傳送…',
		'voiceSource.learning': '正在從「{name}」學習你的聲線…',
		'voiceSource.failed': '未能從「{name}」學到聲線；這段錄音會保留原來的聲線。',
		'voiceSource.current': '這段錄音的歌會用從「{name}」學到的聲線唱出（{seconds} 秒）。',
		'voiceSource.covered': '你的文字共有 {total} 個音節，學到了 {covered} 個。',
		'voiceSource.uncovered': '這些音節在錄音中太短，未能學到：{list}',
		'voiceSource.lyricCoverage': '入門歌詞共有 {total} 個不同的音節，其中 {own} 個會用你自己錄下的聲音唱出。',
		'voiceSource.borrowed': '以下音節會用你錄過最接近的聲音唱出：{list}',
		'voiceSource.statusFailed': '未能載入聲線的狀態。請重新載入頁面再試。'
	},
	'zh-CN': {
		'voiceSource.heading': '从另一段录音学习我的声音',
		'voiceSource.hint': '上传任何一段你自己说话的录音（{minSeconds}–{maxSeconds} 秒；WAV、FLAC、MP3、Ogg 或 WebM），再输入你在录音中说的每一句话。录音室会把文字和你的声音对齐，之后这段录音的歌就会用学到的声音唱出。',
		'voiceSource.file': '你说话的录音',
		'voiceSource.text': '你在录音中说的话',
		'voiceSource.textPlaceholder': '按说话的顺序，输入或粘贴你说过的字句。',
		'voiceSource.language': '你说的语言',
		'voiceSource.submit': '学习我的声音',
		'voiceSource.sending': '正在发送…',
		'voiceSource.learning': '正在从“{name}”学习你的声音…',
		'voiceSource.failed': '未能从“{name}”学到声音；这段录音会保留原来的声音。',
		'voiceSource.current': '这段录音的歌会用从“{name}”学到的声音唱出（{seconds} 秒）。',
		'voiceSource.covered': '你的文字共有 {total} 个音节，学到了 {covered} 个。',
		'voiceSource.uncovered': '这些音节在录音中太短，没能学到：{list}',
		'voiceSource.lyricCoverage': '入门歌词共有 {total} 个不同的音节，其中 {own} 个会用你自己录下的声音唱出。',
		'voiceSource.borrowed': '以下音节会用你录过的最接近的声音唱出：{list}',
		'voiceSource.statusFailed': '未能加载声音的状态。请重新加载页面再试。'
	}
} satisfies AreaMessages;
