/**
 * A song on a running stack, as a user makes one: an English take uploaded and analysed, a
 * pop-ballad asked for (seed 3), and its first revision mixed. Resolves with the song's id.
 */
import { ownerHeaders } from './owner';
import { follow, mixed, waitForAnalysis } from './song-events';
import { uploadSongTake } from './song-take';

export async function mixedEnglishSong(baseUrl: string): Promise<string> {
	const takeId = await uploadSongTake(baseUrl, 'en', ownerHeaders());
	await waitForAnalysis(baseUrl, takeId);
	const asked = await fetch(`${baseUrl}/api/takes/${takeId}/songs`, { method: 'POST', headers: ownerHeaders(undefined, { 'content-type': 'application/json' }), body: JSON.stringify({ style: 'pop-ballad', seed: 3 }) });
	if (asked.status !== 202) throw new Error(`asking for a song answered ${asked.status}: ${await asked.text()}`);
	const { songId } = (await asked.json()) as { songId: string };
	await follow(baseUrl, songId, mixed(1), {}, 180_000);
	return songId;
}
