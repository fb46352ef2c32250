/**
 * A worker thread of the upload inspection pool (./inspection-pool.ts): decodes and checks one
 * upload at a time off the web server's event loop, under the memory limit the pool gave it.
 */
import { parentPort } from 'node:worker_threads';
import { asUserError } from './errors';
import { inspectTakeBytes } from './take-inspection';

export interface InspectionRequest {
	id: number;
	bytes: Uint8Array;
}

export type InspectionReply =
	| { id: number; ok: true; inspection: Awaited<ReturnType<typeof inspectTakeBytes>> }
	| { id: number; ok: false; error: { code: string; httpStatus: number; message: string; params?: Record<string, string | number> } | null; detail: string };

parentPort?.on('message', async ({ id, bytes }: InspectionRequest) => {
	let reply: InspectionReply;
	try {
		reply = { id, ok: true, inspection: await inspectTakeBytes(bytes) };
	} catch (e) {
		const userError = asUserError(e);
		reply = {
			id,
			ok: false,
			error: userError && { code: userError.code, httpStatus: userError.httpStatus, message: userError.message, params: userError.params },
			detail: e instanceof Error ? (e.stack ?? e.message) : String(e)
		};
	}
	parentPort?.postMessage(reply);
});
