/**
 * "Download everything" for a class (pure parts): which files the zip holds, their names made safe
 * for every file system a teacher may unzip on, the lyric text of a song, and the CSV that lists
 * every student and song (songs still being made too, with their stage and no files).
 *
 * Layout: `songs.csv` at the top, and per student with songs a folder `<nn>-<name>/` with, for each
 * song whose mix is ready, `<song>.mp3`, `<song>.mid` and `<song>-lyrics.txt`.
 */
import { continuesWord } from '../lyrics/types';
import type { Song } from '../song/types';
import type { SongFeedback, StudentRecord } from './types';

/** Longest file or folder name part we make (characters), well under every file system's 255 bytes even in UTF-8 Chinese. */
export const MAX_SAFE_NAME_CHARS = 60;

/** What the export knows of one song of a student. */
export interface ExportSong {
	songId: string;
	createdAt: string;
	/** The name the student gave the song, or null. */
	name: string | null;
	/** Where the song is: 'ready' when its mix is done, else the stage it is in (composing, singing, mixing, failed). */
	stage: string;
	/** The newest mix to take the MP3 and MIDI from (an edit in progress keeps the last one); null while the song was never mixed. */
	mixId: string | null;
	/** The composed song, for its lyrics; null before it is composed. */
	song: Song | null;
	feedback: SongFeedback | null;
}

export interface ExportStudent {
	student: Pick<StudentRecord, 'id' | 'displayName' | 'joinedAt' | 'consentAt'>;
	/** Oldest first. */
	songs: ExportSong[];
}

/** One file of the zip: its path, and where its bytes come from. */
export type ExportFile =
	| { path: string; source: { kind: 'mix-file'; mixId: string; file: 'mp3' | 'midi' } }
	| { path: string; source: { kind: 'text'; text: string } };

export interface ClassExportPlan {
	files: ExportFile[];
	csv: string;
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A name safe as one path part on Windows, macOS and Linux: no separators, reserved characters or
 * control characters, no leading or trailing dots or spaces, not a reserved device name, at most
 * MAX_SAFE_NAME_CHARS characters; letters of every script are kept ("陳小明" stays). `fallback`
 * when nothing is left.
 */
export function safeFileName(name: string, fallback = 'untitled'): string {
	// eslint-disable-next-line no-control-regex
	let safe = name.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_').replace(/\s+/g, ' ');
	safe = [...safe].slice(0, MAX_SAFE_NAME_CHARS).join('');
	safe = safe.replace(/^[\s.]+|[\s.]+$/g, '');
	if (safe === '' || /^_+$/.test(safe)) return fallback;
	return RESERVED_WINDOWS_NAMES.test(safe.split('.')[0]) ? `_${safe}` : safe;
}

/** `"a ""quoted"" name"`: a CSV field (RFC 4180), quoted when it needs to be; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
export function csvField(value: string | number | boolean | null): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (values: (string | number | boolean | null)[]): string => values.map(csvField).join(',') + '\r\n';

/** `03-Mei Chan`: a student's folder, numbered in join order (from 1) so folders sort as the class list does. */
export function studentFolderName(index: number, displayName: string, count: number): string {
	const digits = Math.max(2, String(count).length);
	return `${String(index + 1).padStart(digits, '0')}-${safeFileName(displayName, 'student')}`;
}

/** The sung lyric of a composed song, one line per line of the lyric, as the melody sings it (a repeated chorus twice). */
export function songLyricsText(song: Song): string {
	const syllables = song.melody.map((n) => n.syllable).filter((s) => s !== null);
	const lines: string[] = [];
	let line = '';
	syllables.forEach((s, i) => {
		const previous = syllables[i - 1];
		const sameWord = previous !== undefined && !previous.lineEnd && continuesWord(previous, s);
		// An English word's syllables each carry the whole word: it is written once, words spaced; Chinese characters are not spaced.
		if (s.language !== 'en') line += s.text;
		else if (!sameWord) line += (line === '' ? '' : ' ') + s.text;
		if (s.lineEnd || i === syllables.length - 1) {
			lines.push(line.trim());
			line = '';
		} else if (s.breakAfter && s.language !== 'en') line += ' ';
	});
	return lines.filter((l) => l !== '').join('\n') + '\n';
}

export const CSV_HEADER = ['student', 'joined at', 'consent at', 'song id', 'created at', 'stage', 'star', 'comment', 'files'];

/** Every file of the class's zip and its CSV, from what is known of each student's songs (students in join order). */
export function classExportPlan(students: ExportStudent[]): ClassExportPlan {
	const files: ExportFile[] = [];
	let csv = csvRow(CSV_HEADER);
	const withSongs = students.filter((s) => s.songs.length > 0);
	withSongs.forEach(({ student, songs }, index) => {
		const folder = studentFolderName(index, student.displayName, withSongs.length);
		const used = new Set<string>();
		songs.forEach((song, songIndex) => {
			let names: string[] = [];
			if (song.mixId !== null) {
				let base = safeFileName(song.name ?? `song-${songIndex + 1}`, `song-${songIndex + 1}`);
				// Two songs with the same name keep both: the second gets its number.
				if (used.has(base.toLowerCase())) base = `${base}-${songIndex + 1}`;
				used.add(base.toLowerCase());
				names = [`${base}.mp3`, `${base}.mid`];
				files.push({ path: `${folder}/${base}.mp3`, source: { kind: 'mix-file', mixId: song.mixId, file: 'mp3' } });
				files.push({ path: `${folder}/${base}.mid`, source: { kind: 'mix-file', mixId: song.mixId, file: 'midi' } });
				if (song.song) {
					names.push(`${base}-lyrics.txt`);
					files.push({ path: `${folder}/${base}-lyrics.txt`, source: { kind: 'text', text: songLyricsText(song.song) } });
				}
			}
			csv += csvRow([
				student.displayName,
				student.joinedAt,
				student.consentAt,
				song.songId,
				song.createdAt,
				song.stage,
				song.feedback?.starred ?? false,
				song.feedback?.comment ?? '',
				names.map((n) => `${folder}/${n}`).join(' ')
			]);
		});
	});
	for (const { student } of students.filter((s) => s.songs.length === 0)) csv += csvRow([student.displayName, student.joinedAt, student.consentAt, null, null, 'no song', false, '', '']);
	return { files, csv };
}

/** `class-4B music-2026-12-06.zip`: the download's file name (the date in UTC). */
export function classZipName(title: string, now: Date): string {
	return `class-${safeFileName(title, 'class')}-${now.toISOString().slice(0, 10)}.zip`;
}
