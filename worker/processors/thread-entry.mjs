// Entry point of a BullMQ sandbox worker thread. Node 20 does not carry the parent's `--import tsx`
// hooks into worker threads, so each thread registers tsx itself before loading the TypeScript
// processor named by its file name: `analyze.thread.mjs` → `analyze.ts`.
import { register } from 'tsx/esm/api';

register();

export async function loadProcessor(metaUrl) {
	const source = new URL(metaUrl.replace(/\.thread\.mjs$/, '.ts'));
	const module = await import(source.href);
	return module.default;
}
