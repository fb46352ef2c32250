import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	// The live-notes worker loads onnxruntime-web on demand: code-splitting needs ES-module workers.
	worker: { format: 'es' },
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// Two cores: integration and e2e files each start their own services.
		fileParallelism: true,
		maxWorkers: 2
	}
});
