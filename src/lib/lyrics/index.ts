export * from './prompts';
export { readLyrics, type ReadLyricsOptions } from './read-lyrics';
export { LyricsError, type LyricSyllable, type LyricsErrorCode, type ReadingSource } from './types';
export { parseJyutping, isJyutping, JYUTPING_INITIALS, JYUTPING_FINALS, type ParsedSyllable } from './jyutping';
export { parsePinyin, isPinyin, PINYIN_INITIALS, PINYIN_FINALS } from './pinyin';
export { parseArpabet, arpabetToIpa, syllabifyArpabet, ARPABET_PHONES, type ArpabetPhone } from './arpabet';
export { pronounce } from './english';
export { letterToSound } from './english-letter-to-sound';
export { PHONEMES, phonemeInfo, isSonorantNucleus, type PhonemeClass, type PhonemeInfo } from './phoneme-inventory';
