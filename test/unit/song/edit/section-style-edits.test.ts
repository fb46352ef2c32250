/**
 * Per-section style and the instruments' mute / solo / level: the edits, their undo through
 * commands sent as JSON, the server's check of what they put in the document, and what the
 * arranger and the backing's segment plan make of them (only the changed section's bars change).
 */
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../src/lib/compose/arrangement';
import { ARRANGEMENT_STYLES } from '../../../../src/lib/compose/styles';
import { planBackingSegments } from '../../../../src/lib/audio/backing-segments';
import { checkEditedSong, EditedSongError } from '../../../../src/lib/song/edit/check-edited-song';
import { EditError } from '../../../../src/lib/song/edit/edit-error';
import { execute, startHistory, undo } from '../../../../src/lib/song/edit/edit-history';
import { parseCommands } from '../../../../src/lib/song/edit/parse-commands';
import { applyCommand, commandBetween, invertCommand } from '../../../../src/lib/song/edit/song-command';
import { duplicateSection, moveSection, setInstrument, setSectionStyle, setStyle } from '../../../../src/lib/song/edit/song-edits';
import { sectionInstrumentGainsDb } from '../../../../src/lib/song/instrument-settings';
import type { BackingScore } from '../../../../src/lib/song/backing-types';
import { ticksPerBar, ticksToSeconds, type Song } from '../../../../src/lib/song/types';
import { composedSong } from '../../../helpers/composed-song';

const song = composedSong('en');
const tpb = ticksPerBar(song.timeSignature);
const other = song.style === 'lo-fi' ? 'pop-ballad' : 'lo-fi';
/** A middle section, so there are bars before and after it. */
const middle = Math.floor(song.sections.length / 2);
const barSeconds = ticksToSeconds(tpb, song.tempoBpm);

/** Each instrument's events as [seconds, pitch, velocity], all its tracks together. */
const eventsOf = (score: BackingScore, instrument: string, from = 0, to = Infinity) =>
	score.tracks
		.filter((t) => t.instrument === instrument)
		.flatMap((t) => t.events)
		.filter((e) => e.timeSeconds >= from - 1e-9 && e.timeSeconds < to - 1e-9)
		.map((e) => [e.timeSeconds, e.midiPitch, e.velocity, e.durationSeconds])
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

/** Segments whose content differs between two scores of the same song. */
function changedSegments(a: BackingScore, b: BackingScore): number[] {
	const before = planBackingSegments(a, { sampleRate: 44100, barSeconds }).segments;
	const after = planBackingSegments(b, { sampleRate: 44100, barSeconds }).segments;
	expect(after.length).toBe(before.length);
	return after.filter((s, k) => s.content !== before[k].content).map((s) => s.index);
}

const sectionBars = (s: Song, index: number) => Array.from({ length: s.sections[index].bars }, (_, k) => s.sections[index].startBar + k);

describe('section style and instrument edits', () => {
	it('sets and clears a section\'s style; the song without overrides is byte for byte the one before', () => {
		const styled = setSectionStyle(song, middle, other);
		expect(styled.sections[middle].style).toBe(other);
		expect(styled.sections.filter((_, i) => i !== middle)).toEqual(song.sections.filter((_, i) => i !== middle));
		expect(JSON.stringify(setSectionStyle(styled, middle, null))).toBe(JSON.stringify(song));
		expect(() => setSectionStyle(song, middle, 'polka' as never)).toThrow(EditError);
		expect(() => setSectionStyle(song, song.sections.length, other)).toThrow(/no section/);
	});

	it('keeps only settings that differ from the defaults, rounds levels to half a dB and refuses levels out of range', () => {
		const louder = setInstrument(song, null, 'drums', { levelDb: 3.3 });
		expect(louder.instruments).toEqual({ drums: { levelDb: 3.5 } });
		const muted = setInstrument(louder, middle, 'bass', { muted: true });
		expect(muted.sections[middle].instruments).toEqual({ bass: { muted: true } });
		const back = setInstrument(setInstrument(muted, middle, 'bass', { muted: false }), null, 'drums', { levelDb: null });
		expect(back.instruments).toBeUndefined();
		expect(back.sections[middle]).not.toHaveProperty('instruments');
		expect(JSON.stringify(back)).toBe(JSON.stringify(song));
		expect(() => setInstrument(song, null, 'drums', { levelDb: 40 })).toThrow(/-24 to 12 dB/);
		expect(() => setInstrument(song, null, 'kazoo' as never, { muted: true })).toThrow(/no “kazoo”/);
	});

	it('combines song-wide and section settings: levels add, a mute in either mutes, a solo silences the others in its section', () => {
		const settings = { instruments: { drums: { levelDb: -3 }, pad: { muted: true } } };
		expect(sectionInstrumentGainsDb(settings, { instruments: { drums: { levelDb: 1.5 } } })).toEqual({ drums: -1.5, bass: 0, chords: 0, pad: -Infinity });
		expect(sectionInstrumentGainsDb(settings, { instruments: { bass: { solo: true } } })).toEqual({ drums: -Infinity, bass: 0, chords: -Infinity, pad: -Infinity });
		expect(sectionInstrumentGainsDb({}, {})).toEqual({ drums: 0, bass: 0, chords: 0, pad: 0 });
	});

	it('keeps a section\'s style and instruments when it is duplicated or moved', () => {
		const styled = setInstrument(setSectionStyle(song, 0, other), 0, 'chords', { levelDb: -6 });
		const doubled = duplicateSection(styled, 0);
		expect(doubled.sections[1]).toMatchObject({ style: other, instruments: { chords: { levelDb: -6 } }, startBar: song.sections[0].bars });
		const moved = moveSection(styled, 0, song.sections.length - 1);
		expect(moved.sections.at(-1)).toMatchObject({ style: other, instruments: { chords: { levelDb: -6 } } });
		expect(moved.sections[0]).not.toHaveProperty('style');
	});

	it('undoes exactly through commands sent as JSON, from a song made before these fields existed', () => {
		let history = startHistory(song);
		const steps: Array<(s: Song) => Song> = [
			(s) => setInstrument(s, null, 'pad', { solo: true }),
			(s) => setSectionStyle(s, middle, other),
			(s) => setInstrument(s, middle, 'drums', { levelDb: 6 }),
			(s) => setStyle(s, other),
			(s) => setInstrument(s, null, 'pad', { solo: null })
		];
		for (const step of steps) {
			const after = step(history.song);
			// As the page sends it and the server reads it.
			const [command] = parseCommands(JSON.parse(JSON.stringify([commandBetween('edit', history.song, after)])));
			expect(JSON.stringify(applyCommand(history.song, command))).toBe(JSON.stringify(after));
			history = execute(history, command);
			checkEditedSong(JSON.parse(JSON.stringify(history.song)), song);
		}
		expect(history.song.instruments).toBeUndefined();
		// The song-wide settings went from absent to set and back: the patch says so with null, which JSON carries.
		const first = commandBetween('solo', song, steps[0](song));
		expect(JSON.parse(JSON.stringify(first)).patches).toEqual([{ op: 'set', field: 'instruments', from: null, to: { pad: { solo: true } } }]);
		expect(JSON.stringify(applyCommand(steps[0](song), JSON.parse(JSON.stringify(invertCommand(first)))))).toBe(JSON.stringify(song));
		for (let i = 0; i < steps.length; i++) history = undo(history);
		expect(JSON.stringify(history.song)).toBe(JSON.stringify(song));
	});

	it('refuses, on the server, settings and styles the studio does not have', () => {
		const bad = (patch: Partial<Song>, sectionPatch: object = {}) => () => checkEditedSong({ ...song, ...patch, sections: song.sections.map((s, i) => (i === middle ? { ...s, ...sectionPatch } : s)) } as Song, song);
		expect(bad({ instruments: { drums: { levelDb: 40 } } })).toThrow(EditedSongError);
		expect(bad({ instruments: { drums: { levelDb: 40 } } })).toThrow(/-24 to 12 dB/);
		expect(bad({ instruments: { drums: { levelDb: 1.25 } } })).toThrow(/0.5 dB steps/);
		expect(bad({ instruments: { kazoo: { muted: true } } as never })).toThrow(/kazoo/);
		expect(bad({ instruments: { bass: { muted: 'yes' } } as never })).toThrow(/muted/);
		expect(bad({ instruments: { bass: { volume: 3 } } as never })).toThrow(/volume/);
		expect(bad({}, { style: 'polka' })).toThrow(/Section \d+: “polka”/);
		expect(bad({}, { instruments: { pad: { solo: 1 } } })).toThrow(/Section \d+: its instrument settings/);
		expect(() => checkEditedSong(setInstrument(setSectionStyle(song, middle, other), middle, 'pad', { levelDb: -12 }), song)).not.toThrow();
	});
});

describe('the arranger and the segments with section styles and instrument settings', () => {
	const seed = 3;
	const plain = arrange(song, { seed });
	const [from, to] = [song.sections[middle].startBar * barSeconds, (song.sections[middle].startBar + song.sections[middle].bars) * barSeconds];

	it('arranges a section in its own style: its notes are that style\'s, every other section\'s are as before', () => {
		const styled = arrange(setSectionStyle(song, middle, other), { seed });
		const allOther = arrange(setStyle(song, other), { seed });
		for (const instrument of ['drums', 'bass', 'chords', 'pad']) {
			expect(eventsOf(styled, instrument, 0, from)).toEqual(eventsOf(plain, instrument, 0, from));
			expect(eventsOf(styled, instrument, to)).toEqual(eventsOf(plain, instrument, to));
			expect(eventsOf(styled, instrument, from, to)).toEqual(eventsOf(allOther, instrument, from, to));
		}
		// The section's own sound: the other style's patches, on tracks of their own.
		for (const instrument of ['drums', 'bass', 'chords', 'pad'] as const) {
			const patch = ARRANGEMENT_STYLES[other][instrument].patch;
			if (patch === ARRANGEMENT_STYLES[song.style][instrument].patch) continue;
			const own = styled.tracks.find((t) => t.instrument === instrument && t.patch === patch)!;
			expect(own.events.every((e) => e.timeSeconds >= from - 1e-9 && e.timeSeconds < to)).toBe(true);
		}
	});

	it('mutes, solos and levels instruments per section and song-wide', () => {
		const noDrums = arrange(setInstrument(song, middle, 'drums', { muted: true }), { seed });
		expect(eventsOf(noDrums, 'drums', from, to)).toEqual([]);
		expect(eventsOf(noDrums, 'drums', 0, from)).toEqual(eventsOf(plain, 'drums', 0, from));
		const bassOnly = arrange(setInstrument(song, null, 'bass', { solo: true }), { seed });
		expect(bassOnly.tracks.map((t) => t.instrument)).toEqual(['bass']);
		expect(bassOnly.tracks[0]).toEqual(plain.tracks.find((t) => t.instrument === 'bass'));
		const louder = arrange(setInstrument(song, middle, 'chords', { levelDb: 6 }), { seed });
		const preset = ARRANGEMENT_STYLES[song.style].chords.gainDb;
		expect(louder.tracks.filter((t) => t.instrument === 'chords').map((t) => t.gainDb)).toEqual([preset, preset + 6]);
		expect(eventsOf(louder, 'chords')).toEqual(eventsOf(plain, 'chords'));
		// Song-wide: one track at the new gain, the same notes.
		const quieter = arrange(setInstrument(song, null, 'pad', { levelDb: -4.5 }), { seed });
		expect(quieter.tracks.filter((t) => t.instrument === 'pad').map((t) => t.gainDb)).toEqual([ARRANGEMENT_STYLES[song.style].pad.gainDb - 4.5]);
	});

	it('changes only the section\'s bars (and the bar its last notes ring into) when a section\'s style or an instrument\'s level in it changes', () => {
		const bars = sectionBars(song, middle);
		const ringInto = bars.at(-1)! + 1;
		for (const edited of [setSectionStyle(song, middle, other), setInstrument(song, middle, 'drums', { levelDb: 4 }), setInstrument(song, middle, 'pad', { muted: true })]) {
			const changed = changedSegments(plain, arrange(edited, { seed }));
			expect(changed.filter((bar) => bar !== ringInto)).toEqual(bars);
		}
		// A song-wide level changes every bar the instrument plays in.
		const everyBar = changedSegments(plain, arrange(setInstrument(song, null, 'bass', { levelDb: -3 }), { seed }));
		expect(everyBar.length).toBeGreaterThan(bars.length + 1);
	});
});
