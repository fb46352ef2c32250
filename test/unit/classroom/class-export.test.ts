import { describe, expect, it } from 'vitest';
import { classExportPlan, classZipName, csvField, csvRow, safeFileName, songLyricsText, studentFolderName, type ExportSong, type ExportStudent } from '../../../src/lib/classroom';
import { readLyrics } from '../../../src/lib/lyrics/read-lyrics';
import type { Language } from '../../../src/lib/take/types';
import type { Song } from '../../../src/lib/song/types';

/** A song whose melody sings `lyrics` one syllable a note, every third note a melisma (no syllable). */
function sungSong(lyrics: string, language: Language): Song {
	const melody = readLyrics(lyrics, language).flatMap((syllable, i) => [
		{ startTicks: i * 960, durationTicks: 480, midiPitch: 60, syllable, phrase: 0 },
		...(i % 3 === 0 ? [{ startTicks: i * 960 + 480, durationTicks: 480, midiPitch: 62, syllable: null, phrase: 0 }] : [])
	]);
	return { melody, lyrics, language } as unknown as Song;
}

describe('safeFileName', () => {
	it.each([
		['Mei Chan', 'Mei Chan'],
		['陳小明', '陳小明'],
		['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
		['  ..hidden.. ', 'hidden'],
		['line\nbreak\ttab', 'line_break_tab'],
		['CON', '_CON'],
		['com1.txt', '_com1.txt'],
		['...', 'untitled'],
		['///', 'untitled'],
		['', 'untitled']
	])('%j → %j', (name, safe) => {
		expect(safeFileName(name)).toBe(safe);
	});

	it('keeps at most 60 characters (whole characters, not halves of an emoji)', () => {
		expect([...safeFileName('🎵'.repeat(100))]).toHaveLength(60);
		expect(safeFileName('x'.repeat(100))).toHaveLength(60);
	});

	it('uses the fallback given', () => {
		expect(safeFileName('?', 'student')).toBe('student');
	});
});

describe('CSV', () => {
	it('quotes only what needs it (RFC 4180) and doubles quotes', () => {
		expect(csvField('Mei')).toBe('Mei');
		expect(csvField('Chan, Mei')).toBe('"Chan, Mei"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField(null)).toBe('');
		expect(csvField(true)).toBe('true');
		expect(csvField(3)).toBe('3');
		expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
	});

	it('defuses text a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvField('+1')).toBe("'+1");
		expect(csvField('@me')).toBe("'@me");
		expect(csvField(-1)).toBe('-1');
	});
});

describe('songLyricsText', () => {
	it('writes English words once each, spaced, a line per lyric line', () => {
		expect(songLyricsText(sungSong('Happy morning sunshine\nWe sing together', 'en'))).toBe('Happy morning sunshine\nWe sing together\n');
	});

	it('writes Chinese characters unspaced, a line per lyric line', () => {
		expect(songLyricsText(sungSong('我哋一齊唱歌\n唱到天光', 'yue'))).toBe('我哋一齊唱歌\n唱到天光\n');
	});
});

describe('classExportPlan', () => {
	const at = (minute: number) => `2026-12-06T09:${String(minute).padStart(2, '0')}:00.000Z`;
	const song = (over: Partial<ExportSong>): ExportSong => ({ songId: 'song0000000000001', createdAt: at(10), name: null, stage: 'ready', mixId: 'mix1', song: sungSong('Sing along', 'en'), feedback: null, ...over });
	const student = (id: string, displayName: string, songs: ExportSong[], consentAt: string | null = at(2)): ExportStudent => ({ student: { id, displayName, joinedAt: at(1), consentAt }, songs });

	it('gives each student with songs a numbered folder with mp3, mid and lyrics per mixed song, and lists every song in the CSV', () => {
		const students = [
			student('s1', 'Mei, "the singer"', [song({ songId: 'songA', name: 'Sea song' }), song({ songId: 'songB', stage: 'mixing', mixId: null, song: null })]),
			student('s2', 'Nobody yet', [], null),
			student('s3', '陳/小明', [song({ songId: 'songC', feedback: { starred: true, comment: 'Lovely, well done', updatedAt: at(30) } })])
		];
		const plan = classExportPlan(students);
		expect(plan.files.map((f) => f.path)).toEqual(['01-Mei, _the singer_/Sea song.mp3', '01-Mei, _the singer_/Sea song.mid', '01-Mei, _the singer_/Sea song-lyrics.txt', '02-陳_小明/song-1.mp3', '02-陳_小明/song-1.mid', '02-陳_小明/song-1-lyrics.txt']);
		expect(plan.files[0].source).toEqual({ kind: 'mix-file', mixId: 'mix1', file: 'mp3' });
		expect(plan.files[1].source).toEqual({ kind: 'mix-file', mixId: 'mix1', file: 'midi' });
		expect(plan.files[2].source).toEqual({ kind: 'text', text: 'Sing along\n' });
		const rows = plan.csv.split('\r\n');
		expect(rows[0]).toBe('student,joined at,consent at,song id,created at,stage,star,comment,files');
		expect(rows[1]).toBe(`"Mei, ""the singer""",${at(1)},${at(2)},songA,${at(10)},ready,false,,"01-Mei, _the singer_/Sea song.mp3 01-Mei, _the singer_/Sea song.mid 01-Mei, _the singer_/Sea song-lyrics.txt"`);
		expect(rows[2]).toBe(`"Mei, ""the singer""",${at(1)},${at(2)},songB,${at(10)},mixing,false,,`);
		expect(rows[3]).toBe(`陳/小明,${at(1)},${at(2)},songC,${at(10)},ready,true,"Lovely, well done",02-陳_小明/song-1.mp3 02-陳_小明/song-1.mid 02-陳_小明/song-1-lyrics.txt`);
		expect(rows[4]).toBe(`Nobody yet,${at(1)},,,,no song,false,,`);
		expect(rows[5]).toBe('');
		expect(rows).toHaveLength(6);
	});

	it('keeps two songs with the same name apart', () => {
		const plan = classExportPlan([student('s1', 'Mei', [song({ songId: 'a', name: 'Sea' }), song({ songId: 'b', name: 'sea' })])]);
		expect(plan.files.filter((f) => f.path.endsWith('.mp3')).map((f) => f.path)).toEqual(['01-Mei/Sea.mp3', '01-Mei/sea-2.mp3']);
	});

	it('numbers folders with enough digits for the class', () => {
		expect(studentFolderName(0, 'Mei', 9)).toBe('01-Mei');
		expect(studentFolderName(99, 'Mei', 120)).toBe('100-Mei');
		expect(studentFolderName(4, 'Mei', 120)).toBe('005-Mei');
	});

	it('names the zip after the class and the day', () => {
		expect(classZipName('4B music: term 1', new Date('2026-12-06T23:30:00Z'))).toBe('class-4B music_ term 1-2026-12-06.zip');
	});
});
