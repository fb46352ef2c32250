export type { F0Track, NoteEvent, KeyEstimate, KeyMode, TempoEstimate, MelodyAnalysis, MotifSpan, TuningDrift } from './types';
export { hzToMidi, midiToHz, midiToNoteName, pitchClassOf, centsBetween, PITCH_CLASS_NAMES, A4_HZ, A4_MIDI } from './units';
export type { PitchClassName } from './units';
export { PitchError, type PitchErrorCode } from './errors';
export { estimateF0, pyinCandidates, type EstimateF0Options } from './pyin';
export { decodePitchHmm, type PitchCandidates, type PitchHmmOptions, type PitchHmmPath } from './pitch-hmm';
export { cumulativeMeanNormalizedDifference, parabolicMinimum, betaThresholdCdf } from './yin';
export { rmsEnvelope, type RmsEnvelope, type RmsEnvelopeOptions } from './envelope';
export { segmentNotes, partitionConstant, type SegmentNotesOptions } from './notes';
export { estimateKey, pitchClassHistogram, KRUMHANSL_KESSLER_MAJOR, KRUMHANSL_KESSLER_MINOR, type EstimateKeyOptions } from './key';
export { estimateTempo, type EstimateTempoOptions } from './tempo';
export { estimateTuningCents } from './tuning';
export { estimateTuningDrift, type TuningDriftOptions } from './tuning-drift';
export { pitchBendCents, withPitchBends, PITCH_BEND_STEP_SECONDS } from './pitch-bend';
export { analyzeMelody, MELODY_ENGINE, type AnalyzeMelodyOptions, type MelodyStage } from './analyze';
export { serializeAnalysis, parseAnalysis, type MelodyAnalysisJson } from './serialize';
export {
	sampleTrackAt,
	rawPitchAccuracy,
	voicingRecall,
	voicingFalseAlarm,
	noteFMeasure,
	type SampledTrack,
	type NoteLike,
	type NoteFMeasure,
	type NoteFMeasureOptions,
	type PitchToleranceOptions
} from './evaluate';
export { quantizeNotes, snapPitchToKey, type QuantizeOptions, type QuantizedNote } from './quantize';
export { findMotif, type FindMotifOptions, type Motif } from './motif';
export { LivePitchTracker, type LivePitchOptions, type LivePitchPoint } from './live';
export * from './basic-pitch';
export { melodyFromNotes, type MelodyFromNotesOptions } from './analyze';
export { fuseNotes, onsetPeaksAtSungPitch, type FuseNotesOptions, type FusePosteriorgrams, type OnsetPeak } from './fuse';
export { transcribe, FUSED_MELODY_ENGINE, type TranscribeOptions } from './transcribe';
export { accompanimentFraction, hasAccompaniment, type AccompanimentOptions } from './accompaniment';
export { looksLikeSpeech, type SpeechLikeOptions } from './speech';
