/**
 * What the composer tells the user about a song (SongWarning codes, src/lib/compose/song-warning.ts):
 * `compose.warning.<code>`, filled with the warning's params. Each says what happened and what to do.
 */
import type { AreaMessages } from './area';

export const compose = {
	en: {
		'compose.warning.motif-notes-dropped': '{count} notes of your tune were left out of the motif: too quick to sing at {bpm} BPM or past its first {bars} bars. Hum the opening phrase a little slower to keep every note.',
		'compose.warning.motif-notes-dropped.one': '1 note of your tune was left out of the motif: too quick to sing at {bpm} BPM or past its first {bars} bars. Hum the opening phrase a little slower to keep every note.',
		'compose.warning.motif-notes-moved': '{count} notes of your motif were moved to keep the line singable (a leap too wide or too awkward). If the motif no longer sounds like your tune, choose "Keep my tune".',
		'compose.warning.motif-notes-moved.one': '1 note of your motif was moved to keep the line singable (a leap too wide or too awkward). If the motif no longer sounds like your tune, choose "Keep my tune".',
		'compose.warning.motif-too-short': 'Too little of your tune was left to develop, so the melody develops a built-in motif. Hum a phrase of at least four clear notes.',
		'compose.warning.motif-wider-than-range': 'Your motif reaches beyond the notes the melody may use ({low}–{high}), so it is developed only where it fits. Hum your tune across your full range so the studio hears your highest and lowest notes.',
		'compose.warning.range-widened': 'You hummed between {low} and {high}, less than a sixth, so the melody also uses {usedLow}–{usedHigh}. If those notes are hard for you, hum again and include your lowest and highest comfortable notes.',
		'compose.warning.chorus-not-higher': 'The chorus could not rise above the verse within the notes you hummed. Hum a few higher notes in your tune to give the chorus room to climb.',
		'compose.warning.stock-motif': 'The hum had too few clear notes for a tune, so the melody develops a built-in motif in its key. Hum a phrase of at least four notes on a steady "mm" or "la".',
		'compose.warning.tune-too-short': 'Only {notes} notes were heard in your hum, too few to keep as a verse, so the melody develops them instead. Hum a longer phrase to keep your tune.',
		'compose.warning.tune-shortened': 'The verse keeps the first {kept} of the {hummed} phrases you hummed ({bars} bars). To keep another part of your tune, hum that part first.',
		'compose.warning.tone-clashes': '{count} syllables move against their tones and may be heard as other words: {syllables}. Try other words there.',
		'compose.warning.tone-clashes.one': '1 syllable moves against its tone and may be heard as another word: {syllables}. Try another word there.',
		'compose.warning.tone-clashes-kept': '{count} syllables move against their tones and may be heard as other words: {syllables}. Try other words there, or choose "Develop my tune" so the melody can follow the tones.',
		'compose.warning.tone-clashes-kept.one': '1 syllable moves against its tone and may be heard as another word: {syllables}. Try another word there, or choose "Develop my tune" so the melody can follow the tones.',
		'compose.warning.no-vocal': 'The song has no vocal: {reason}'
	},
	'zh-HK': {
		'compose.warning.motif-notes-dropped': '你哼的旋律有 {count} 個音沒有放進動機：在每分鐘 {bpm} 拍下太快唱不到，或超出了頭 {bars} 小節。把開頭那句哼慢一點，就可以保留每個音。',
		'compose.warning.motif-notes-dropped.one': '你哼的旋律有 1 個音沒有放進動機：在每分鐘 {bpm} 拍下太快唱不到，或超出了頭 {bars} 小節。把開頭那句哼慢一點，就可以保留每個音。',
		'compose.warning.motif-notes-moved': '動機有 {count} 個音移動了位置，令旋律容易唱（跳得太遠或太彆扭）。如果動機聽起來不再像你的旋律，請選「保留我的旋律」。',
		'compose.warning.motif-notes-moved.one': '動機有 1 個音移動了位置，令旋律容易唱（跳得太遠或太彆扭）。如果動機聽起來不再像你的旋律，請選「保留我的旋律」。',
		'compose.warning.motif-too-short': '你的旋律剩下太少音可以發展，所以歌曲改用內置動機。請哼一句最少有四個清楚音符的樂句。',
		'compose.warning.motif-wider-than-range': '你的動機超出了旋律可用的音域（{low}–{high}），所以只在容得下的地方發展。請用你的整個音域哼一次，讓錄音室聽到你最高和最低的音。',
		'compose.warning.range-widened': '你哼的音域在 {low} 至 {high} 之間，不足六度，所以旋律也會用到 {usedLow}–{usedHigh}。如果這些音對你太難，請再哼一次，包括你最低和最高的舒服音。',
		'compose.warning.chorus-not-higher': '在你哼過的音域內，副歌未能比主歌唱得更高。在旋律中加幾個較高的音，副歌就有空間向上推。',
		'compose.warning.stock-motif': '哼唱中清楚的音太少，組不成旋律，所以歌曲用同一調的內置動機發展。請用穩定的「mm」或「la」哼一句最少四個音的樂句。',
		'compose.warning.tune-too-short': '你的哼唱只聽到 {notes} 個音，太少，不能保留作主歌，所以改為由它們發展旋律。哼長一點的樂句就可以保留你的旋律。',
		'compose.warning.tune-shortened': '主歌保留了你哼的 {hummed} 句中的頭 {kept} 句（{bars} 小節）。想保留旋律的另一部分，請先哼那一部分。',
		'compose.warning.tone-clashes': '有 {count} 個音節的走向與聲調相反，可能聽成別的字：{syllables}。試試在那裏換別的字。',
		'compose.warning.tone-clashes.one': '有 1 個音節的走向與聲調相反，可能聽成別的字：{syllables}。試試在那裏換別的字。',
		'compose.warning.tone-clashes-kept': '有 {count} 個音節的走向與聲調相反，可能聽成別的字：{syllables}。試試在那裏換別的字，或選「發展我的旋律」，讓旋律跟隨聲調。',
		'compose.warning.tone-clashes-kept.one': '有 1 個音節的走向與聲調相反，可能聽成別的字：{syllables}。試試在那裏換別的字，或選「發展我的旋律」，讓旋律跟隨聲調。',
		'compose.warning.no-vocal': '這首歌沒有人聲：{reason}'
	},
	'zh-CN': {
		'compose.warning.motif-notes-dropped': '你哼的旋律有 {count} 个音没有放进动机：在每分钟 {bpm} 拍下太快唱不了，或超出了前 {bars} 小节。把开头那句哼慢一点，就能保留每个音。',
		'compose.warning.motif-notes-dropped.one': '你哼的旋律有 1 个音没有放进动机：在每分钟 {bpm} 拍下太快唱不了，或超出了前 {bars} 小节。把开头那句哼慢一点，就能保留每个音。',
		'compose.warning.motif-notes-moved': '动机有 {count} 个音被移动，让旋律更好唱（跳得太远或太别扭）。如果动机听起来不再像你的旋律，请选择“保留我的旋律”。',
		'compose.warning.motif-notes-moved.one': '动机有 1 个音被移动，让旋律更好唱（跳得太远或太别扭）。如果动机听起来不再像你的旋律，请选择“保留我的旋律”。',
		'compose.warning.motif-too-short': '你的旋律剩下可发展的音太少，所以歌曲改用内置动机。请哼一句至少有四个清楚音符的乐句。',
		'compose.warning.motif-wider-than-range': '你的动机超出了旋律可用的音域（{low}–{high}），所以只在容得下的地方发展。请用你的整个音域哼一遍，让录音室听到你最高和最低的音。',
		'compose.warning.range-widened': '你哼的音域在 {low} 到 {high} 之间，不到六度，所以旋律也会用到 {usedLow}–{usedHigh}。如果这些音对你太难，请再哼一遍，包括你最低和最高的舒适音。',
		'compose.warning.chorus-not-higher': '在你哼过的音域内，副歌没能比主歌唱得更高。在旋律里加几个高一点的音，副歌就有空间往上走。',
		'compose.warning.stock-motif': '哼唱中清楚的音太少，组不成旋律，所以歌曲用同一调的内置动机来发展。请用稳定的“mm”或“la”哼一句至少四个音的乐句。',
		'compose.warning.tune-too-short': '你的哼唱只听到 {notes} 个音，太少，不能保留为主歌，所以改为由它们发展旋律。哼长一点的乐句就能保留你的旋律。',
		'compose.warning.tune-shortened': '主歌保留了你哼的 {hummed} 句中的前 {kept} 句（{bars} 小节）。想保留旋律的其他部分，请先哼那一部分。',
		'compose.warning.tone-clashes': '有 {count} 个音节的走向与声调相反，可能被听成别的字：{syllables}。试试在那里换别的字。',
		'compose.warning.tone-clashes.one': '有 1 个音节的走向与声调相反，可能被听成别的字：{syllables}。试试在那里换别的字。',
		'compose.warning.tone-clashes-kept': '有 {count} 个音节的走向与声调相反，可能被听成别的字：{syllables}。试试在那里换别的字，或选择“发展我的旋律”，让旋律跟随声调。',
		'compose.warning.tone-clashes-kept.one': '有 1 个音节的走向与声调相反，可能被听成别的字：{syllables}。试试在那里换别的字，或选择“发展我的旋律”，让旋律跟随声调。',
		'compose.warning.no-vocal': '这首歌没有人声：{reason}'
	}
} satisfies AreaMessages;
