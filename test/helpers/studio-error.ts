import { StudioError } from '../../src/lib/server/errors';

/** The StudioError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function studioErrorOf(promise: Promise<unknown>): Promise<StudioError> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof StudioError) return e;
		throw e;
	}
	throw new Error('expected a StudioError');
}
