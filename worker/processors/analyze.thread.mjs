// Sandbox entry for the `analyze` queue (see thread-entry.mjs).
import { loadProcessor } from './thread-entry.mjs';

export default await loadProcessor(import.meta.url);
