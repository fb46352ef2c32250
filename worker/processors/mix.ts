/**
 * BullMQ sandboxed processor for the `mix` queue: `backing` renders a song revision's backing with
 * Tone.js on node-web-audio-api; `mix` (the flow's parent, run once the backing and the vocal are
 * done) masters the song and writes its exports.
 */
import type { SandboxedJob } from 'bullmq';
import { decodeWav } from '../../src/lib/audio/wav';
import { readConfig } from '../../src/lib/server/config';
import { MIX_QUEUE, type SongJobData } from '../../src/lib/server/queue';
import { mixSongArtifacts, renderBackingArtifact, requireComposedSong } from '../../src/lib/server/song-stage';
import { FileStore } from '../../src/lib/server/storage';
import { loadBackingRenderer, renderBacking } from '../render-backing';
import { isSongJobData } from './compose';
import { badJob, jobFailure } from './job-errors';
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
	try {
		const composed = await requireComposedSong(store, songId, revision);
		if (job.name === 'backing') {
			await renderBackingArtifact(store, composed.backingId, (score, sampleRate) => renderBacking(score, { sampleRate }));
		} else {
			await mixSongArtifacts(store, composed, (bytes) => decodeWav(bytes).channels);
		}
		return { songId, revision };
	} catch (e) {
		throw jobFailure(e, MIX_QUEUE);
	}
}
