/**
 * Sung text as a reader writes it: syllables are stored space-separated (one per note), which
 * suits English words but not Chinese, whose characters are written without spaces
 * ("朝 早 嘅 陽 光" reads 朝早嘅陽光). Spaces between two Han characters (or a Han character and
 * Chinese punctuation) go; the rest stay.
 */
export function displaySungText(text: string): string {
	return text.replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, '');
}
