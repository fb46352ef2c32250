/**
 * The song stages run one after another in this process, on a local store, without Redis: the
 * CLI's `song` command and the song benchmark use it. The same stage functions run in the queue's
 * jobs (worker/processors): analyse → compose → sing each phrase → mix the vocal → render the
 * backing → mix and master.
 */
import { decodeWav } from '../src/lib/audio/wav';
import { runAnalysis } from '../src/lib/server/melody-stage';
import { mixPlannedVocal, renderPlannedPhrase, requireVocalPlan } from '../src/lib/server/sing-stage';
import { composeRevision, mixSongArtifacts, renderBackingArtifact, type MixReport } from '../src/lib/server/song-stage';
import { createSong, type ComposedSong } from '../src/lib/server/songs';
import type { BlobStore } from '../src/lib/server/storage';
import { requireTake } from '../src/lib/server/takes';
import { renderBacking } from './render-backing';

export type SongStep = 'melody' | 'analyze' | 'compose' | 'phrase' | 'vocal' | 'backing' | 'mix';

export interface LocalSongResult {
	composed: ComposedSong;
	mix: MixReport;
	/** Seconds from the start of the run to the end of each step (the first phrase under 'phrase'). */
	timeline: Partial<Record<SongStep, number>>;
}

export async function runSongLocally(store: BlobStore, takeId: string, request: unknown, onStep: (step: SongStep, detail: string) => void = () => {}): Promise<LocalSongResult> {
	const started = performance.now();
	const timeline: LocalSongResult['timeline'] = {};
	const mark = (step: SongStep, detail: string) => {
		timeline[step] ??= (performance.now() - started) / 1000;
		onStep(step, detail);
	};
	// The voice stage starts once the hum's notes are known; the voice itself may be learned by then.
	await runAnalysis(store, takeId, (stage) => {
		if (stage === 'voice') mark('melody', 'the hum transcribed');
	});
	mark('analyze', 'melody and voice analysed');
	const record = await createSong(store, await requireTake(store, takeId), request);
	const composed = await composeRevision(store, record.id, record.revision);
	if (!composed) throw new Error('The song was revised while it was being composed.');
	mark('compose', composed.report.fit);
	if (composed.vocalId) {
		const plan = await requireVocalPlan(store, composed.vocalId);
		for (const phrase of plan.phrases) {
			await renderPlannedPhrase(store, plan, phrase.index);
			mark('phrase', `phrase ${phrase.index + 1} of ${plan.phrases.length}: ${phrase.text}`);
		}
		await mixPlannedVocal(store, plan, (bytes) => decodeWav(bytes).channels[0]);
		mark('vocal', 'vocal mixed from its phrases');
	}
	await renderBackingArtifact(store, composed, renderBacking);
	mark('backing', 'backing rendered');
	const mix = await mixSongArtifacts(store, composed, (bytes) => decodeWav(bytes).channels);
	mark('mix', `mastered: ${mix.master.outputLufs.toFixed(1)} LUFS, ${mix.master.truePeakDbtp.toFixed(1)} dBTP`);
	return { composed, mix, timeline };
}
