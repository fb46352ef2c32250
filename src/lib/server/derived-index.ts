/**
 * What was derived from what, as one empty marker file per edge:
 * `index/<parentKind>/<parentId>/<childKind>/<childId>`. Adding an edge is a single write of its
 * own file, so concurrent jobs never lose each other's edges (a shared JSON list would be
 * read-modify-written); deleting cascades by listing a node's children.
 *
 * An edge is written before the child it names, so a crash in between leaves an edge to nothing
 * (harmless to delete) rather than a child nothing leads to.
 */
import type { BlobStore } from './storage';

export type NodeKind = 'take' | 'song' | 'profile' | 'vocal';
export type ChildKind = 'pcm' | 'analysis' | 'profile' | 'song' | 'deleting-song' | 'take' | 'vocal' | 'backing' | 'backing-segment' | 'mix';

const EMPTY = new Uint8Array(0);

export const nodeFolder = (kind: NodeKind, id: string) => `index/${kind}/${id}`;
export const edgeKey = (kind: NodeKind, id: string, childKind: ChildKind, childId: string) => `${nodeFolder(kind, id)}/${childKind}/${childId}`;

export async function recordEdge(store: BlobStore, kind: NodeKind, id: string, childKind: ChildKind, childId: string): Promise<void> {
	await store.put(edgeKey(kind, id, childKind, childId), EMPTY);
}

export async function forgetEdge(store: BlobStore, kind: NodeKind, id: string, childKind: ChildKind, childId: string): Promise<void> {
	await store.delete(edgeKey(kind, id, childKind, childId));
}

export async function hasEdge(store: BlobStore, kind: NodeKind, id: string, childKind: ChildKind, childId: string): Promise<boolean> {
	return store.has(edgeKey(kind, id, childKind, childId));
}

/** The ids of a node's children of one kind, sorted; [] when it has none. */
export async function childrenOf(store: BlobStore, kind: NodeKind, id: string, childKind: ChildKind): Promise<string[]> {
	return store.list(`${nodeFolder(kind, id)}/${childKind}`);
}

/** Removes every edge out of a node: the last step of deleting it. */
export async function forgetNode(store: BlobStore, kind: NodeKind, id: string): Promise<void> {
	await store.deleteFolder(nodeFolder(kind, id));
}
