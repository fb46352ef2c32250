// Entry of a voice-build thread: registers tsx (the thread's code is TypeScript, as the worker
// process's is), then loads the thread itself. Plain JavaScript so Node can start it as is.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./voice-build.thread.ts', import.meta.url).href);
