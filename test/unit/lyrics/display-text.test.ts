import { describe, expect, it } from 'vitest';
import { displaySungText } from '../../../src/lib/lyrics/display-text';

describe('sung text for display', () => {
	it('writes Chinese without spaces between characters and keeps English words apart', () => {
		expect(displaySungText('朝 早 嘅 陽 光')).toBe('朝早嘅陽光');
		expect(displaySungText('我 哋 一 齊 hello world')).toBe('我哋一齊 hello world');
		expect(displaySungText('the morning sun')).toBe('the morning sun');
		expect(displaySungText('你 好 ， 世 界')).toBe('你好，世界');
	});
});
