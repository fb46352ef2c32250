/**
 * BullMQ sandboxed processor for the `mix` queue: `backing` renders a song revision's backing with
 * Tone.js on node-web-audio-api; `mix` (the flow's parent, run once the backing and the vocal are
 * done) masters the song and writes its exports.
 */
import type { SandboxedJob } from 'bullmq';
import { decodeWav } from '../../src/lib/audio/wav';
import { readConfig } from '../../src/lib/server/config';
import type { SongJobData } from '../../src/lib/server/queue';
import { mixSongArtifacts, renderBackingArtifact, requireComposedSong } from '../../src/lib/server/song-stage';
import { liveStoreFor, type Owner } from '../../src/lib/server/liveness';
import { FileStore } from '../../src/lib/server/storage';
import { loadBackingRenderer, renderBacking } from '../render-backing';
import { isSongJobData } from './compose';
import { badJob, failOwnedSongJob } from './job-errors';
import { isWarmup } from './warmup';

export default async function mix(job: SandboxedJob<SongJobData>): Promise<{ songId: string; revision: number } | { warmup: true }> {
	if (isWarmup(job)) {
		// Also loads Tone.js on the Web Audio binding (and renders its check note) ahead of the first backing.
		await loadBackingRenderer();
		return { warmup: true };
	}
	if (!isSongJobData(job.data)) throw badJob('The mix job payload is not valid', job.data);
	const { songId, revision } = job.data;
	const store = new FileStore(readConfig().dataDir);
	let owner: Owner | null = null;
	try {
		const composed = await requireComposedSong(store, songId, revision);
		// Writes kept only while the song exists and, when it is sung, its voice.
		owner = { takeId: composed.song.takeId, songId, profileId: composed.vocalId ? composed.song.voiceProfileId : null };
		const liveStore = await liveStoreFor(store, owner);
		if (job.name === 'backing') {
			await renderBackingArtifact(liveStore, composed.backingId, (score, sampleRate) => renderBacking(score, { sampleRate }));
		} else {
			await mixSongArtifacts(liveStore, composed, (bytes) => decodeWav(bytes).channels);
		}
		return { songId, revision };
	} catch (e) {
		throw await failOwnedSongJob(store, job, owner, job.data, job.name === 'backing' ? 'backing' : 'mix', e);
	}
}
