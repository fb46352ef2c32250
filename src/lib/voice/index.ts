export { speechFeatures, FEATURE_HOP_SECONDS, type SpeechFeatures } from './speech-features';
export { alignSyllables, AlignmentError, type AlignedSyllable, type AlignSyllablesOptions } from './syllable-alignment';
export { buildVoiceProfile, type BuildProfileOptions } from './build-profile';
export { VOICE_PROFILE_VERSION, type VoiceProfile } from './profile';
export { encodeFrames, decodeEnvelope, decodeAperiodicity, UNIT_MEL_CEPSTRUM_ORDER, UNIT_AP_BAND_HZ, type VoiceUnit } from './voice-units';
export { selectUnit, type UnitChoice, type UnitMatch } from './unit-selection';
export { singPhrase, type SingOptions, type SungNote, type SungPhrase } from './sing';
export { melodyF0, type MelodyExpression } from './melody-f0';
export { shapeSungTimbre, BALANCE_SHIFT_DB, type SungTimbreOptions } from './sung-timbre';
