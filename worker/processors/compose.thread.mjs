// Sandbox entry for the `compose` queue (see thread-entry.mjs).
import { loadProcessor } from './thread-entry.mjs';

export default await loadProcessor(import.meta.url);
