import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Served on this machine: precompressing (mostly the 14 MB ONNX Runtime WebAssembly) would only slow builds.
		adapter: adapter({ out: 'build', precompress: false }),
		// Scripts and the CLI post multipart uploads without an Origin header, which SvelteKit's
		// built-in check refuses; src/hooks.server.ts still refuses cross-site posts from browsers.
		csrf: { trustedOrigins: ['*'] },
		// Content Security Policy on every page (SvelteKit hashes its own inline start-up script).
		// 'wasm-unsafe-eval': ONNX Runtime Web and the WebAssembly decoders compile WebAssembly;
		// blob:/data: for recorded takes, MIDI downloads and waveforms made in the page; 'unsafe-inline'
		// styles for Svelte's style: directives and wavesurfer.js's shadow-DOM styles.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:', 'data:'],
				'connect-src': ['self', 'blob:', 'data:'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
