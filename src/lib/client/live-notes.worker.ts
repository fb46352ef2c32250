/// <reference lib="webworker" />
/**
 * Live notes while a take is recorded: microphone samples in, Basic Pitch (onnxruntime-web) window
 * by window as the audio arrives, and its default note post-processing over everything so far out.
 * Runs in a Web Worker so the model never stalls the page's meters and traces.
 */
import { basicPitchNoteEvents, StreamingBasicPitch, type BasicPitchRunner } from '../pitch/basic-pitch';
import { createWebBasicPitchRunner } from './basic-pitch-web';
import type { LiveNotesRequest, LiveNotesUpdate } from './live-notes';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let runner: Promise<BasicPitchRunner> | null = null;
let stream: StreamingBasicPitch | null = null;

function post(message: LiveNotesUpdate): void {
	scope.postMessage(message);
}

function loadRunner(): Promise<BasicPitchRunner> {
	runner ??= createWebBasicPitchRunner();
	return runner;
}

async function update(current: StreamingBasicPitch, final: boolean): Promise<void> {
	const before = current.frames;
	const frames = await current.advance(final);
	if (current !== stream || (!final && frames === before)) return;
	const output = current.output();
	const notes = basicPitchNoteEvents(output, { includePitchBends: false }).map((n) => ({
		startSeconds: n.startSeconds,
		endSeconds: n.endSeconds,
		midiPitch: n.midiPitch
	}));
	post({ type: 'notes', notes, heardSeconds: frames / output.framesPerSecond, final });
}

scope.onmessage = (event: MessageEvent<LiveNotesRequest>) => {
	const message = event.data;
	const fail = (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
	if (message.type === 'load') {
		loadRunner().then(() => post({ type: 'ready' }), fail);
	} else if (message.type === 'start') {
		const load = loadRunner();
		stream = new StreamingBasicPitch(async (windows, count) => (await load)(windows, count), message.sampleRate);
	} else if (message.type === 'samples' && stream) {
		stream.push(message.samples);
		update(stream, false).catch(fail);
	} else if (message.type === 'finish' && stream) {
		update(stream, true).catch(fail);
	}
};
