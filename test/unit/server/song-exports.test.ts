/**
 * A song's audio exports appear together: the mix stage writes its files one after another and its
 * report last, and no export is served before the report (a client that saw the MP3 then asked for
 * the MIDI got a 404 while the worker was still writing it).
 */
import { describe, expect, it } from 'vitest';
import { mixFileKey } from '../../../src/lib/server/keys';
import { songExport } from '../../../src/lib/server/song-exports';
import { MIX_FILE } from '../../../src/lib/server/song-status';
import type { ComposedSong } from '../../../src/lib/server/songs';
import { putJson } from '../../../src/lib/server/storage';
import { studioErrorOf } from '../../helpers/studio-error';
import { useTempStore } from '../../helpers/temp-store';

const MIX_ID = 'a'.repeat(64);
const composed = { songId: 'song0000000000000001', revision: 1, mixId: MIX_ID } as ComposedSong;

describe('songExport', () => {
	const tempStore = useTempStore('exports');

	it('serves none of the mix files until the mix report is written, then each of them', async () => {
		const store = tempStore();
		await store.put(mixFileKey(MIX_ID, MIX_FILE.mp3), new Uint8Array([0xff, 0xfb, 1]));
		await store.put(mixFileKey(MIX_ID, MIX_FILE.midi), new Uint8Array([0x4d, 0x54, 0x68, 0x64]));
		for (const format of ['mp3', 'midi'] as const) {
			const error = await studioErrorOf(songExport(store, composed, format));
			expect({ format, code: error.code, status: error.httpStatus }).toEqual({ format, code: 'not_ready', status: 404 });
			expect(error.message).toMatch(/still being mixed/);
		}
		await putJson(store, mixFileKey(MIX_ID, MIX_FILE.report), { mixId: MIX_ID });
		expect(Array.from((await songExport(store, composed, 'mp3')).bytes)).toEqual([0xff, 0xfb, 1]);
		expect((await songExport(store, composed, 'midi')).contentType).toBe('audio/midi');
	});
});
