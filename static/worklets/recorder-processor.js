// AudioWorklet processor that hands the microphone's raw PCM to the main thread.
//
// Why a worklet and not MediaRecorder: MediaRecorder returns a lossy, browser-chosen codec with
// its own delay; the analysis needs the exact samples, at a known rate, with sample-accurate
// timing of the hum/read boundary. The processor mixes the input to mono and posts it in fixed
// chunks (transferring the buffers, so nothing is copied twice). It never drops a render quantum:
// when the input has no channels (a muted or ended track), it posts silence so that the sample
// count keeps matching wall-clock time.
//
// Messages to the main thread: { type: 'chunk', samples: Float32Array, peak: number }.
// Messages from the main thread: { type: 'flush' } posts the partial chunk at once, then
// { type: 'flushed' }.

const DEFAULT_CHUNK_FRAMES = 2048;

class RecorderProcessor extends AudioWorkletProcessor {
	constructor(options) {
		super();
		const requested = options && options.processorOptions && options.processorOptions.chunkFrames;
		this.chunkFrames = Number.isInteger(requested) && requested >= 128 ? requested : DEFAULT_CHUNK_FRAMES;
		this.chunk = new Float32Array(this.chunkFrames);
		this.filled = 0;
		this.peak = 0;
		this.port.onmessage = (event) => {
			if (event.data && event.data.type === 'flush') {
				this.post();
				this.port.postMessage({ type: 'flushed' });
			}
		};
	}

	post() {
		if (this.filled === 0) return;
		const samples = this.filled === this.chunkFrames ? this.chunk : this.chunk.slice(0, this.filled);
		this.port.postMessage({ type: 'chunk', samples, peak: this.peak }, [samples.buffer]);
		this.chunk = new Float32Array(this.chunkFrames);
		this.filled = 0;
		this.peak = 0;
	}

	process(inputs) {
		const input = inputs[0];
		const channelCount = input ? input.length : 0;
		const frames = channelCount > 0 ? input[0].length : 128;
		const scale = channelCount > 0 ? 1 / channelCount : 0;
		for (let i = 0; i < frames; i++) {
			let x = 0;
			for (let c = 0; c < channelCount; c++) x += input[c][i];
			x *= scale;
			this.chunk[this.filled++] = x;
			const magnitude = x < 0 ? -x : x;
			if (magnitude > this.peak) this.peak = magnitude;
			if (this.filled === this.chunkFrames) this.post();
		}
		return true;
	}
}

registerProcessor('recorder-processor', RecorderProcessor);
