import { StudioError } from './errors';

/** Where a browser's own owner key waits while the browser is a class's student. */
export const HOME_OWNER_COOKIE = 'h2s_owner_home';

export function joinCodeUnknown(typed: unknown): StudioError {
	const shown = typeof typed === 'string' && typed.length <= 20 ? ` “${typed}”` : '';
	return new StudioError('join_code_unknown', 404, `No class has the code${shown}. Check the six characters on your teacher’s screen and try again.`);
}
