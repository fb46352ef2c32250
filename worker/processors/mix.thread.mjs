// Sandbox entry for the `mix` queue (see thread-entry.mjs). Backing renders and mixes are long and
// never what a person is waiting to hear next, so this thread runs at a lower CPU priority (nice
// 10; on Linux a thread's own): a phrase sung again after an edit, or someone's first phrase,
// takes the cores first while a mix is under way, and the mix still gets whatever they leave.
import os from 'node:os';
import { loadProcessor } from './thread-entry.mjs';

try {
	os.setPriority(0, Math.max(os.getPriority(0), 10));
} catch {
	// Not allowed here (some containers): the mix runs at the worker's priority, as before.
}

export default await loadProcessor(import.meta.url);
