/**
 * Hearing an edit at once: the edited notes played by a soft synth the moment they change, before
 * the voice has sung them again (the re-sung phrase follows when the worker has it). Tone.js is
 * loaded on first use; an edit is a user gesture, so the audio context may start.
 */
let synth: Promise<{ tone: typeof import('tone'); voice: import('tone').PolySynth }> | null = null;

function load() {
	synth ??= import('tone').then(async (tone) => {
		await tone.start();
		const voice = new tone.PolySynth(tone.Synth, { oscillator: { type: 'triangle' }, envelope: { attack: 0.02, decay: 0.1, sustain: 0.6, release: 0.2 } }).toDestination();
		voice.volume.value = -10;
		return { tone, voice };
	});
	return synth;
}

/** Plays notes (MIDI pitch, start and length in seconds from now), each at most 1.5 s. */
export async function auditionNotes(notes: ReadonlyArray<{ midiPitch: number; startSeconds: number; durationSeconds: number }>): Promise<void> {
	if (notes.length === 0) return;
	try {
		const { tone, voice } = await load();
		const now = tone.now() + 0.02;
		for (const n of notes.slice(0, 16)) voice.triggerAttackRelease(tone.Frequency(n.midiPitch, 'midi').toFrequency(), Math.min(1.5, n.durationSeconds), now + n.startSeconds);
	} catch {
		// No audio (a page without sound): the edit stands; only the audition is missing.
	}
}
