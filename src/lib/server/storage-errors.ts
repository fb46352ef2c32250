/**
 * A storage write that the file system refuses (full disk, quota, read-only mount, no permission,
 * I/O error) is the studio's problem, not the user's: it becomes a 507 with a sentence that says
 * what happened and that nothing was kept, instead of a generic 500.
 */
import { StudioError } from './errors';

type StorageCode = 'storage_full' | 'storage_unwritable';

const REASON_OF_ERRNO: Record<string, { code: StorageCode; reason: string }> = {
	ENOSPC: { code: 'storage_full', reason: 'the disk is full' },
	EDQUOT: { code: 'storage_full', reason: 'the disk quota is used up' },
	EROFS: { code: 'storage_unwritable', reason: 'the disk is read-only' },
	EACCES: { code: 'storage_unwritable', reason: 'the studio is not allowed to write to its data folder' },
	EPERM: { code: 'storage_unwritable', reason: 'the studio is not allowed to write to its data folder' },
	EIO: { code: 'storage_unwritable', reason: 'the disk reported an input/output error' }
};

/** A refused write: 507, with the reason kept so a caller can restate it about what the user sent. */
export class StorageWriteError extends StudioError {
	constructor(
		code: StorageCode,
		readonly reason: string,
		what: string
	) {
		super(code, 507, `The studio could not save ${what}: ${reason}; nothing was kept. Try again once the studio's administrator has freed space or fixed the data folder.`);
	}

	/** The same refusal told about `what` (e.g. "your recording") rather than the file the store was writing. */
	about(what: string): StorageWriteError {
		return new StorageWriteError(this.code as StorageCode, this.reason, what);
	}
}

function errnoOf(e: unknown): string | undefined {
	return e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** The 507 a file-system error means, or null when it is not a storage refusal (a bug, a bad key). */
export function storageWriteError(e: unknown, what = 'the file'): StorageWriteError | null {
	const known = REASON_OF_ERRNO[errnoOf(e) ?? ''];
	return known ? new StorageWriteError(known.code, known.reason, what) : null;
}
