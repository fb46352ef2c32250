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
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
