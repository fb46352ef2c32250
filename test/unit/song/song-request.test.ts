import { describe, expect, it } from 'vitest';
import { defaultSongRequest, parseSongRequest, SongRequestError, type SongRequest } from '../../../src/lib/song/song-request';
import { songVibratoScale, STYLE_VIBRATO_SCALE } from '../../../src/lib/song/vocal-expression';

describe('song requests', () => {
	const base = defaultSongRequest('yue', 42);

	it('defaults a new song to the language, its style, the starter lyric, the hummed tune kept and candidate 0', () => {
		expect(base).toEqual({ language: 'yue', lyrics: null, style: 'cantopop-ballad', melody: 'keep', seed: 42, candidate: 0, vibrato: 1, brightness: 1, mix: { vocalGainDb: 0, backingGainDb: 0 } });
	});

	it('sets the vibrato amount (0 straight … 1 the singer’s own … 2), keeps it through other edits, and scales it by the style', () => {
		const straight = parseSongRequest({ vibrato: 0 }, base);
		expect(straight.vibrato).toBe(0);
		expect(parseSongRequest({ style: 'lo-fi' }, straight).vibrato).toBe(0);
		expect(parseSongRequest({ vibrato: 1.5 }, straight).vibrato).toBe(1.5);
		// A request stored before the control existed sings with the singer's own vibrato.
		const old: SongRequest = { ...base };
		delete old.vibrato;
		expect(songVibratoScale(old.style, old.vibrato)).toBe(STYLE_VIBRATO_SCALE['cantopop-ballad']);
		expect(parseSongRequest({ candidate: 1 }, old).vibrato).toBeUndefined();
		expect(songVibratoScale('childrens-song', 1)).toBeLessThan(songVibratoScale('pop-ballad', 1));
		expect(songVibratoScale('pop-ballad', 0)).toBe(0);
		expect(songVibratoScale('pop-ballad', 2)).toBeCloseTo(2 * songVibratoScale('pop-ballad', 1), 9);
	});

	it('sets the voice tone (0 the reading’s speech balance … 1 singing … 2), keeps it through other edits, and refuses values outside 0–2', () => {
		const speech = parseSongRequest({ brightness: 0 }, base);
		expect(speech.brightness).toBe(0);
		expect(parseSongRequest({ style: 'lo-fi' }, speech).brightness).toBe(0);
		for (const bad of [-0.1, 2.5, '1', null, Number.NaN]) {
			expect(() => parseSongRequest({ brightness: bad }, base)).toThrow(/brightness must be a number from 0/);
		}
	});

	it('switches the melody between keeping and developing the tune, and keeps the choice through other edits', () => {
		const developed = parseSongRequest({ melody: 'develop' }, base);
		expect(developed.melody).toBe('develop');
		expect(parseSongRequest({ candidate: 3 }, developed).melody).toBe('develop');
		expect(parseSongRequest({ melody: 'keep' }, developed).melody).toBe('keep');
		// A request stored before melody modes existed was a developed melody, and stays one.
		const { melody: _dropped, ...old } = base;
		expect(parseSongRequest({ candidate: 1 }, old as typeof base).melody).toBe('develop');
	});

	it('merges an edit over the last request, keeping what it leaves out', () => {
		const edited = parseSongRequest({ lyrics: '  月光照喺窗前  ', candidate: 2, mix: { backingGainDb: -6 } }, base);
		expect(edited).toEqual({ ...base, lyrics: '月光照喺窗前', candidate: 2, mix: { vocalGainDb: 0, backingGainDb: -6 } });
		expect(base.mix.backingGainDb).toBe(0);
		// Empty lyrics mean the starter lyric; a new language without lyrics drops the old ones.
		expect(parseSongRequest({ lyrics: '   ' }, edited).lyrics).toBeNull();
		expect(parseSongRequest({ language: 'en' }, edited)).toMatchObject({ language: 'en', lyrics: null });
		expect(parseSongRequest({ language: 'en', lyrics: 'hello' }, edited)).toMatchObject({ language: 'en', lyrics: 'hello' });
	});

	it.each([
		[null, /JSON object/],
		[[1], /JSON object/],
		[{ tempo: 90 }, /Unknown song setting "tempo"/],
		[{ language: 'fr' }, /language must be one of yue, cmn, en/],
		[{ style: 'metal' }, /style must be one of/],
		[{ lyrics: 5 }, /lyrics must be text/],
		[{ lyrics: 'a'.repeat(2001) }, /2001 characters/],
		[{ candidate: -1 }, /candidate must be a whole number/],
		[{ candidate: 1.5 }, /candidate must be a whole number/],
		[{ seed: 2 ** 33 }, /seed must be/],
		[{ mix: { vocalGainDb: 20 } }, /mix.vocalGainDb must be a number of dB from -40 to 12/],
		[{ mix: 'loud' }, /mix must be an object/],
		[{ melody: 'remix' }, /melody must be "keep" \(sing your tune\) or "develop"/],
		[{ melody: null }, /melody must be "keep"/],
		[{ vibrato: 3 }, /vibrato must be a number from 0 \(sung straight\) through 1 \(your own vibrato\) to 2/],
		[{ vibrato: -0.5 }, /vibrato must be a number from 0/],
		[{ vibrato: 'lots' }, /vibrato must be a number/],
		[{ vibrato: null }, /vibrato must be a number/]
	])('refuses %j with a message the user can act on', (body, message) => {
		expect(() => parseSongRequest(body, base)).toThrow(SongRequestError);
		expect(() => parseSongRequest(body, base)).toThrow(message);
	});
});
