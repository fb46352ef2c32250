/**
 * A minimal typed event emitter. Events are maps from name to an argument tuple, as in
 * wavesurfer.js (`samples: [samples: Float32Array]`); `on` returns the unsubscribe function,
 * so the subscriber can keep it and call it when it is destroyed.
 */
export type EventMap = Record<string, unknown[]>;

type Listener = (...args: unknown[]) => void;

export class Emitter<Events extends EventMap> {
	private listeners = new Map<keyof Events, Set<Listener>>();

	on<Name extends keyof Events>(name: Name, listener: (...args: Events[Name]) => void): () => void {
		let set = this.listeners.get(name);
		if (!set) {
			set = new Set();
			this.listeners.set(name, set);
		}
		set.add(listener as unknown as Listener);
		return () => {
			set.delete(listener as unknown as Listener);
		};
	}

	emit<Name extends keyof Events>(name: Name, ...args: Events[Name]): void {
		const set = this.listeners.get(name);
		if (!set) return;
		for (const listener of [...set]) listener(...args);
	}

	clear(): void {
		this.listeners.clear();
	}
}
