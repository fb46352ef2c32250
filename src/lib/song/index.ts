export * from './midi';
export * from './types';
export * from './backing-types';
export * from './song-request';
export { songToMidi } from './song-midi';
export { songLengthSeconds } from './song-length';
