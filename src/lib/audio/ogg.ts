/**
 * Ogg page walking (RFC 3533 §6), only to find where the last complete page ends. The wasm Ogg
 * decoders misread a page cut off by the end of the file (one returned twice the real length), so
 * we hand them complete pages only and report the cut ourselves.
 */

export interface OggPrefix {
	/** The file up to the end of its last complete page. */
	complete: Uint8Array;
	/** True when bytes after the last complete page were dropped (a cut-off or damaged tail). */
	truncated: boolean;
}

const HEADER_BYTES = 27;

function isCapturePattern(bytes: Uint8Array, offset: number): boolean {
	return bytes[offset] === 0x4f && bytes[offset + 1] === 0x67 && bytes[offset + 2] === 0x67 && bytes[offset + 3] === 0x53;
}

/** Where each complete page ends, in order, up to the first incomplete or damaged one. */
function pageEnds(bytes: Uint8Array): number[] {
	const ends: number[] = [];
	let pos = 0;
	while (pos + HEADER_BYTES <= bytes.length && isCapturePattern(bytes, pos)) {
		const segmentCount = bytes[pos + 26];
		const tableEnd = pos + HEADER_BYTES + segmentCount;
		if (tableEnd > bytes.length) break;
		let bodyBytes = 0;
		for (let i = pos + HEADER_BYTES; i < tableEnd; i++) bodyBytes += bytes[i];
		if (tableEnd + bodyBytes > bytes.length) break;
		pos = tableEnd + bodyBytes;
		ends.push(pos);
	}
	return ends;
}

/** Splits an Ogg file into its run of complete pages and whatever follows. */
export function completeOggPages(bytes: Uint8Array): OggPrefix {
	const ends = pageEnds(bytes);
	const pos = ends.length > 0 ? ends[ends.length - 1] : 0;
	return { complete: bytes.subarray(0, pos), truncated: pos < bytes.length };
}

/**
 * The complete pages in runs of at least `chunkBytes` (one page when a page is larger), so that a
 * streaming decoder is always handed whole pages: the wasm Ogg decoders re-parse a page they were
 * given only part of on every call, which made small fixed-size chunks several times slower.
 */
export function oggPageRuns(bytes: Uint8Array, chunkBytes: number): Uint8Array[] {
	const runs: Uint8Array[] = [];
	let start = 0;
	const ends = pageEnds(bytes);
	ends.forEach((end, i) => {
		if (end - start >= chunkBytes || i === ends.length - 1) {
			runs.push(bytes.subarray(start, end));
			start = end;
		}
	});
	return runs;
}
