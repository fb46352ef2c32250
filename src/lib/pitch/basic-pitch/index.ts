export * from './constants';
export { windowAudio, unwrapOutput, basicPitchWindowCount, basicPitchFrameCount, type BasicPitchWindows } from './windows';
export {
	runBasicPitch,
	type BasicPitchRunner,
	type BasicPitchWindowOutputs,
	type BasicPitchOutput,
	type RunBasicPitchOptions
} from './model-runner';
export {
	basicPitchNoteEvents,
	basicPitchFrameTimes,
	type BasicPitchNote,
	type BasicPitchNoteOptions,
	type BasicPitchPosteriorgrams
} from './note-events';
export { StreamingBasicPitch } from './streaming';
