/**
 * The backing renderer in Node: node-web-audio-api (the Rust web-audio-api crate behind N-API)
 * supplies the Web Audio API that Tone.js expects of a browser, and the shared renderer
 * (src/lib/audio/backing-render.ts) renders with it, so the worker's backing stem is made by the
 * same code the studio page plays.
 *
 * Why the order matters: Tone.js, through standardized-audio-context, looks the Web Audio classes
 * up on `window` once, while it is first imported. So the classes are installed first and the
 * renderer (and with it Tone) is imported afterwards, dynamically. Nothing in this process may
 * import `tone` before this module has loaded it: a Tone loaded without the classes stays without.
 */
import type { BackingScore } from '../src/lib/song/backing-types';
import type { RenderBackingOptions } from '../src/lib/audio/backing-render';

type BackingRenderer = typeof import('../src/lib/audio/backing-render');

/** Why a backing cannot be rendered on this machine; `code` is stable for programs and tests. */
export class WebAudioUnavailableError extends Error {
	readonly code = 'web_audio_unavailable';
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'WebAudioUnavailableError';
	}
}

/** node-web-audio-api's exports that are not Web Audio interfaces. */
const NOT_INTERFACES = new Set(['default', 'mediaDevices']);

let renderer: Promise<BackingRenderer> | null = null;

/**
 * Puts node-web-audio-api's interfaces (OfflineAudioContext, AudioBuffer, AudioParam, …) on
 * `globalThis` where Node has none of that name, and returns all of them by name. They stay: the
 * renderer finds OfflineAudioContext there at render time, as it does in a browser.
 */
export async function installWebAudioGlobals(): Promise<Record<string, unknown>> {
	let webAudio: Record<string, unknown>;
	try {
		webAudio = await import('node-web-audio-api');
	} catch (cause) {
		// The Linux binary links ALSA's libasound.so.2 even for offline rendering.
		throw new WebAudioUnavailableError(
			`node-web-audio-api could not be loaded (${(cause as Error).message}). On Debian/Ubuntu install ALSA's library: apt-get install libasound2 (libasound2t64 on newer releases).`,
			{ cause }
		);
	}
	const interfaces: Record<string, unknown> = {};
	const scope = globalThis as Record<string, unknown>;
	for (const [name, value] of Object.entries(webAudio)) {
		if (NOT_INTERFACES.has(name) || typeof value !== 'function') continue;
		interfaces[name] = value;
		if (!(name in scope)) scope[name] = value;
	}
	return interfaces;
}

/**
 * Loads the shared renderer once per process, with Tone.js seeing the Web Audio interfaces.
 *
 * `window` exists only while Tone loads: standardized-audio-context keeps the object it found,
 * and leaving it would make other libraries in the worker take Node for a browser. `self` is
 * never defined, so Tone does not open a realtime AudioContext (an audio device) on import.
 */
export function loadBackingRenderer(): Promise<BackingRenderer> {
	if (!renderer) {
		renderer = load();
		// A failed load may be retried (after installing a missing library, say).
		renderer.catch(() => {
			renderer = null;
		});
	}
	return renderer;
}

async function load(): Promise<BackingRenderer> {
	const interfaces = await installWebAudioGlobals();
	const scope = globalThis as Record<string, unknown>;
	const existingWindow = scope.window as Record<string, unknown> | undefined;
	// Some other library's `window` stays, with the interfaces it lacks added.
	if (existingWindow) for (const [name, value] of Object.entries(interfaces)) existingWindow[name] ??= value;
	else scope.window = interfaces;
	let module: BackingRenderer;
	try {
		module = await import('../src/lib/audio/backing-render');
	} finally {
		if (!existingWindow) delete scope.window;
	}
	await smokeTest(module);
	return module;
}

/**
 * Renders one short note, so a Tone.js that cannot drive node-web-audio-api fails here with a
 * reason rather than inside a job. At 44.1 kHz: every render first makes Tone's shared noise
 * buffers if they are missing, at its own rate, and a low-rate first render would leave the
 * noise of every later one band-limited.
 */
async function smokeTest(module: BackingRenderer): Promise<void> {
	try {
		await module.renderBackingOffline(
			{
				style: 'pop-ballad',
				tempoBpm: 120,
				durationSeconds: 0.01,
				tracks: [{ instrument: 'bass', patch: 'round-bass', gainDb: 0, events: [{ timeSeconds: 0, durationSeconds: 0.01, midiPitch: 45, velocity: 1 }] }]
			},
			{ sampleRate: 44100, tailSeconds: 0 }
		);
	} catch (cause) {
		throw new WebAudioUnavailableError(
			`Tone.js cannot render with node-web-audio-api (${(cause as Error).message}). Was 'tone' imported in this process before worker/render-backing.ts loaded it?`,
			{ cause }
		);
	}
}

/**
 * Renders a backing offline in Node: stereo [left, right] at `sampleRate` (default 44100),
 * (durationSeconds + tail) long. Same options and result as renderBackingOffline in the browser.
 */
export async function renderBacking(score: BackingScore, options: RenderBackingOptions = {}): Promise<Float32Array[]> {
	const { renderBackingOffline } = await loadBackingRenderer();
	return renderBackingOffline(score, options);
}
