export type { F0Contour, SpectralFrames, WorldParameters } from './types';
export { frameCountOf, fftSizeFor } from './types';
export { analyzeWorld, estimateWorldF0, type F0Method, type WorldAnalysisOptions } from './analysis';
export { dio, type DioOptions } from './dio';
export { stoneMask } from './stonemask';
export { harvest, type HarvestOptions } from './harvest';
export { cheapTrick, type CheapTrickOptions } from './cheaptrick';
export { d4c, type D4COptions } from './d4c';
export { synthesize, synthesisLengthSamples, type SynthesisOptions } from './synthesis';
export { StreamingSynthesizer, synthesizeInChunks } from './streaming-synthesis';
export {
	replaceF0,
	shiftPitch,
	timeStretch,
	shiftFormants,
	scaleBreathiness,
	concatenateParameters,
	crossfade,
	type ReplaceF0Options,
	type FrameRange,
	type TimeStretchOptions,
	type CrossfadeCurve,
	type CrossfadeOptions
} from './manipulate';
export {
	allPassAlphaFor,
	melCepstrumFromPowerEnvelope,
	powerEnvelopeFromMelCepstrum,
	melCepstraOfFrames,
	melCepstralDistortion,
	DEFAULT_MEL_CEPSTRUM_ORDER,
	type MelCepstrumOptions
} from './mel-cepstrum';
