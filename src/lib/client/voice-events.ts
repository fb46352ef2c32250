/**
 * The take's voice changed on this page: deleted (the sing panel) or learned from another
 * recording (the voice panel). Each panel shows the voice, so each hears the other's change and
 * refreshes, instead of showing a deleted voice until the page is reloaded.
 */
const VOICE_CHANGED = 'hum2song:voice-changed';

export type VoiceChange = 'deleted' | 'learned';

interface VoiceChangeDetail {
	takeId: string;
	change: VoiceChange;
}

export function announceVoiceChange(takeId: string, change: VoiceChange): void {
	window.dispatchEvent(new CustomEvent<VoiceChangeDetail>(VOICE_CHANGED, { detail: { takeId, change } }));
}

/** Calls `listener` on each change to this take's voice; returns the unsubscribe function. */
export function onVoiceChange(takeId: string, listener: (change: VoiceChange) => void): () => void {
	const handle = (event: Event) => {
		const { detail } = event as CustomEvent<VoiceChangeDetail>;
		if (detail?.takeId === takeId) listener(detail.change);
	};
	window.addEventListener(VOICE_CHANGED, handle);
	return () => window.removeEventListener(VOICE_CHANGED, handle);
}
