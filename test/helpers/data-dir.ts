/** What a data directory holds, for tests that check what a deletion left behind. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Every path under `root` (folders too, relative to it), each file with its bytes as latin1 text. */
export async function filesUnder(root: string): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
		const full = path.join(entry.parentPath, entry.name);
		found.set(path.relative(root, full), entry.isFile() ? await readFile(full, 'latin1') : '');
	}
	return found;
}

/** The paths whose name or content mentions any of `ids`. */
export function pathsMentioning(files: Map<string, string>, ids: string[]): string[] {
	return [...files].filter(([name, text]) => ids.some((id) => name.includes(id) || text.includes(id))).map(([name]) => name);
}

/** The files (not folders) under `root`, as filesUnder gives them. */
export async function filesOnly(root: string): Promise<Map<string, string>> {
	const all = await filesUnder(root);
	for (const name of [...all.keys()]) if ((await stat(path.join(root, name))).isDirectory()) all.delete(name);
	return all;
}
