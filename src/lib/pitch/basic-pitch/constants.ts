/**
 * Constants of Spotify's Basic Pitch model (Bittner et al., "A lightweight instrument-agnostic
 * model for polyphonic note transcription and multipitch estimation", ICASSP 2022) and of the
 * windowing and post-processing its reference implementation applies around the network. Each
 * value is fixed by the trained network or by the reference code; changing one breaks the match
 * with the reference outputs.
 */

/** The network was trained on audio at this rate (Hz); every input must be resampled to it. */
export const BASIC_PITCH_SAMPLE_RATE = 22050;

/** Hop of the network's internal CQT (samples at 22050 Hz): one output frame per hop. */
export const BASIC_PITCH_FFT_HOP = 256;

/** True output frame rate (frames/s) = 22050 / 256 ≈ 86.13. */
export const BASIC_PITCH_FRAMES_PER_SECOND = BASIC_PITCH_SAMPLE_RATE / BASIC_PITCH_FFT_HOP;

/**
 * The reference code's integer frame rate, 22050 // 256 = 86, with which it sizes a window in
 * frames (86 · 2 = 172, the network's output length). Not the true rate: see above.
 */
export const BASIC_PITCH_ANNOTATIONS_FPS = Math.floor(BASIC_PITCH_SAMPLE_RATE / BASIC_PITCH_FFT_HOP);

/** Training examples were 2 s long. */
export const BASIC_PITCH_WINDOW_SECONDS = 2;

/** Output frames per window: 86 · 2 = 172 (the network's fixed output length). */
export const BASIC_PITCH_FRAMES_PER_WINDOW = BASIC_PITCH_ANNOTATIONS_FPS * BASIC_PITCH_WINDOW_SECONDS;

/** Input samples per window: 22050 · 2 − 256 = 43 844 (the network's fixed input length). */
export const BASIC_PITCH_WINDOW_SAMPLES = BASIC_PITCH_SAMPLE_RATE * BASIC_PITCH_WINDOW_SECONDS - BASIC_PITCH_FFT_HOP;

/**
 * Frames shared by consecutive windows: 30. Frames near a window's edges see a truncated CQT
 * context, so the reference overlaps windows and throws the edge frames away.
 */
export const BASIC_PITCH_OVERLAP_FRAMES = 30;

/** The overlap in samples: 30 · 256 = 7680. */
export const BASIC_PITCH_OVERLAP_SAMPLES = BASIC_PITCH_OVERLAP_FRAMES * BASIC_PITCH_FFT_HOP;

/** Frames dropped at each end of every window when unwrapping: half the overlap, 15. */
export const BASIC_PITCH_TRIM_FRAMES = BASIC_PITCH_OVERLAP_FRAMES / 2;

/** Zeros put before the audio (half the overlap, 3840 samples), so the first kept frame is time 0. */
export const BASIC_PITCH_START_PADDING_SAMPLES = BASIC_PITCH_OVERLAP_SAMPLES / 2;

/** Hop between window starts: 43 844 − 7680 = 36 164 samples. */
export const BASIC_PITCH_WINDOW_HOP_SAMPLES = BASIC_PITCH_WINDOW_SAMPLES - BASIC_PITCH_OVERLAP_SAMPLES;

/** Frames each window contributes after trimming: 172 − 30 = 142. */
export const BASIC_PITCH_KEPT_FRAMES_PER_WINDOW = BASIC_PITCH_FRAMES_PER_WINDOW - BASIC_PITCH_OVERLAP_FRAMES;

/** MIDI number of note bin 0: A0 (27.5 Hz), the lowest piano key. */
export const BASIC_PITCH_MIDI_OFFSET = 21;

/** Note and onset bins: the 88 piano keys, one per semitone. */
export const BASIC_PITCH_NOTE_BINS = 88;

/** Contour bins per semitone: 3 (a third of a semitone, ≈ 33 cents, per bin). */
export const BASIC_PITCH_CONTOUR_BINS_PER_SEMITONE = 3;

/** Contour bins: 88 · 3 = 264. */
export const BASIC_PITCH_CONTOUR_BINS = BASIC_PITCH_NOTE_BINS * BASIC_PITCH_CONTOUR_BINS_PER_SEMITONE;

/** Frequency of contour bin 0 and note bin 0 (Hz): A0. */
export const BASIC_PITCH_BASE_FREQUENCY_HZ = 27.5;

/**
 * Per-window time correction of the reference's frame-to-time conversion (s). A window yields
 * 172 frames but its hop covers only 43 844 / 256 = 171.27 of them, so naive frame · hop times run
 * ahead by (172 − 171.27) hops per window; the reference subtracts that plus an empirical 1.8 ms
 * per window ("needed for this to align properly") so its note times line up with the audio.
 */
export const BASIC_PITCH_WINDOW_TIME_OFFSET_SECONDS =
	(BASIC_PITCH_FFT_HOP / BASIC_PITCH_SAMPLE_RATE) * (BASIC_PITCH_FRAMES_PER_WINDOW - BASIC_PITCH_WINDOW_SAMPLES / BASIC_PITCH_FFT_HOP) + 0.0018;

/**
 * Settings of the band-limited resampler (src/lib/audio/resample) for the network's input. The
 * reference resamples with librosa's default, soxr "HQ", whose passband reaches 91.3 % of the
 * output Nyquist frequency; a transition width of 0.087 puts our passband edge at the same place.
 * Measured on vocadito_10 against the reference outputs: max abs error 7e-4 (onsets), against 1e-2
 * with the resampler's general default (transition 0.15), which cuts the top of the band the
 * network was trained to see. 90 dB stopband: going to 120 dB halves that error again but costs
 * a third more time.
 */
export const BASIC_PITCH_RESAMPLE_OPTIONS = { transitionWidth: 0.087, stopbandDb: 90 } as const;
