/**
 * Mixes channels to one by averaging them (equal weights, so a mono file stays unchanged and a
 * stereo file with the same signal on both sides keeps its level). A single channel is copied.
 */
export function mixToMono(channels: Float32Array[]): Float32Array {
	if (channels.length === 0) return new Float32Array(0);
	const frameCount = channels[0].length;
	if (channels.some((ch) => ch.length !== frameCount)) {
		throw new RangeError('mixToMono: channels differ in length.');
	}
	if (channels.length === 1) return channels[0].slice();
	const mono = new Float32Array(frameCount);
	const gain = 1 / channels.length;
	for (const ch of channels) {
		for (let i = 0; i < frameCount; i++) mono[i] += ch[i];
	}
	for (let i = 0; i < frameCount; i++) mono[i] *= gain;
	return mono;
}
