/** Server-Sent Events read from a fetch response, one `{ event, data }` per message, until the stream ends. */
export async function* sseEvents(response: Response): AsyncGenerator<{ event: string; data: string }> {
	if (!response.body) return;
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return;
		buffer += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const message = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const event = /^event: (.*)$/m.exec(message)?.[1];
			const data = /^data: (.*)$/m.exec(message)?.[1];
			if (event && data !== undefined) yield { event, data };
		}
	}
}
