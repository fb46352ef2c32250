import { StudioError } from './errors';

/** A request's JSON body; an empty body is `{}`; anything unreadable is a 400 naming what to send. */
export async function readJsonBody(request: Request, example: string): Promise<unknown> {
	const text = await request.text();
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new StudioError('bad_request', 400, `Send the settings as JSON, e.g. ${example}.`);
	}
}
