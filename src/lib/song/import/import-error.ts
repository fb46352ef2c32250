/** A file that cannot become the song's melody, with a message the user can act on. */
export class ImportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImportError';
	}
}
