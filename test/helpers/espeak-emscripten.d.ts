// The WebAssembly eSpeak NG build ships without types; test/helpers/espeak-timed.ts declares what it uses.
declare module '@echogarden/espeak-ng-emscripten';
