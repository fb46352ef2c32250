/** Container/codec pairs that `decodeAudio` reads. */
export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus' | 'webm-opus';

/** Audio as decoded, before any studio processing: one Float32Array per channel, nominally in [-1, 1]. */
export interface DecodedAudio {
	/** Samples per second per channel (Hz). */
	sampleRate: number;
	/** One array per channel, all the same length. */
	channels: Float32Array[];
	format: AudioFormat;
	/** Problems that were repaired or tolerated, as sentences for the user. */
	warnings: string[];
}
