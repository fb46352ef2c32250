/**
 * Child process of the analyze benchmark: decode, prepare and transcribe (Basic Pitch + pYIN) a
 * 3-minute take, then print this process's peak resident memory (MB). Run alone so nothing else
 * inflates the figure.
 */
import { decodeAudio, encodeWav, prepareTake } from '../../src/lib/audio';
import { transcribeWithModel } from '../../src/lib/server/melody-stage';
import { hummedTake } from '../helpers/audio';

const wav = encodeWav(hummedTake(180, 48000), 48000, { bitDepth: 16 });
const before = process.resourceUsage().maxRSS / 1024;
const take = prepareTake(await decodeAudio(wav), { maxSeconds: 180 });
const analysis = await transcribeWithModel(take.pcm, take.sampleRate);
if (analysis.notes.length === 0) throw new Error('no notes');
console.log(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, baselineMb: before }));
