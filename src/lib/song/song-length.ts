import { ticksPerBar, ticksToSeconds, type Song } from './types';

/** The song's length in seconds: every section's bars at the song's tempo. */
export function songLengthSeconds(song: Pick<Song, 'sections' | 'timeSignature' | 'tempoBpm'>): number {
	const bars = song.sections.reduce((sum, section) => sum + section.bars, 0);
	return ticksToSeconds(bars * ticksPerBar(song.timeSignature), song.tempoBpm);
}
