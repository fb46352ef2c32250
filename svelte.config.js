import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Uploads are checked against the studio's own 50 MB limit in the route, with a clear message.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
