// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			code?: string;
		}
		interface Locals {
			/** The interface language chosen for this request (hooks.server.ts). */
			uiLocale: import('$lib/i18n').UiLocale;
		}
	}
}

export {};
