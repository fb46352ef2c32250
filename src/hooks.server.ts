import type { Handle } from '@sveltejs/kit';
import { closeStudioServices } from '$lib/server/studio';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery guard: a browser always sends Origin on these methods, so a request
 * whose Origin names another site is refused. Requests without Origin (curl, scripts, tests) pass.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const origin = event.request.headers.get('origin');
	if (UNSAFE_METHODS.has(event.request.method) && origin !== null && origin !== event.url.origin) {
		return Response.json(
			{ error: { code: 'cross_origin', message: `Requests from ${origin} may not change this studio; open the studio at ${event.url.origin} instead.` } },
			{ status: 403 }
		);
	}
	return resolve(event);
};

// adapter-node emits this after it stops accepting requests on SIGTERM/SIGINT; the open Redis
// connections would otherwise keep the process alive.
process.on('sveltekit:shutdown' as 'exit', () => {
	void closeStudioServices();
});
