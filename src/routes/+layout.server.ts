import type { LayoutServerLoad } from './$types';

/** The interface language the server chose, so the first paint is already in it. */
export const load: LayoutServerLoad = ({ locals }) => ({ uiLocale: locals.uiLocale });
