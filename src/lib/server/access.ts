/**
 * The routes' gate: who is asking (from the owner key or a share token) and the resource they ask
 * for, loaded and checked with `can` (rights.ts). A refusal throws the same not-found error as a
 * resource that does not exist, so the answer tells a stranger nothing.
 */
import { can, type Actor, type SongAction, type TakeAction, type VocalAction } from './rights';
import { ownerKeyOf, parseSecret, secretHash } from './owner-key';
import { teacherKeyOf } from './teacher-key';
import { classTeacherOf } from './classes';
import { StudioError } from './errors';
import { sharedSongId, songShareHash } from './shares';
import { requireVocalPlan, vocalNotFound, type VocalPlan } from './sing-stage';
import { getSong, songNotFound, type SongRecord } from './songs';
import type { BlobStore } from './storage';
import { getTake, takeNotFound } from './takes';
import type { TakeRecord } from '../take/types';

/** Who a request proves to be: an owner (`x-owner-key` header or `h2s_owner` cookie) and a teacher (`x-teacher-key` or `h2s_teacher`), either, both or nobody. */
export function actorOf(request: Request): Actor {
	const key = ownerKeyOf(request.headers);
	const teacherKey = teacherKeyOf(request.headers);
	return { ownerHash: key ? secretHash(key) : null, shareHash: null, teacherHash: teacherKey ? secretHash(teacherKey) : null };
}

/**
 * The teacher of the class the resource's owner is a student of, read only where it can change the
 * answer: for a teacher asking about someone else's work, or an owner asking to share.
 */
async function classTeacherFor(store: BlobStore, actor: Actor, ownerHash: string | null | undefined, action: string): Promise<string | null> {
	const ownerAsks = ownerHash && actor.ownerHash === ownerHash;
	if (ownerAsks ? action !== 'song.share' : !actor.teacherHash) return null;
	return classTeacherOf(store, ownerHash);
}

export async function takeFor(store: BlobStore, actor: Actor, takeId: string, action: TakeAction): Promise<TakeRecord> {
	const take = await getTake(store, takeId);
	if (!take || !can(actor, action, { kind: 'take', ownerHash: take.ownerHash, classTeacherHash: await classTeacherFor(store, actor, take.ownerHash, action) })) throw takeNotFound(takeId);
	return take;
}

export async function songFor(store: BlobStore, actor: Actor, songId: string, action: SongAction): Promise<SongRecord> {
	const record = await getSong(store, songId);
	// The share hash is only read for a share link's holder; an owner's rights do not depend on it.
	const shareHash = record && actor.shareHash ? await songShareHash(store, record.id) : null;
	const classTeacherHash = record ? await classTeacherFor(store, actor, record.ownerHash, action) : null;
	if (!record || !can(actor, action, { kind: 'song', ownerHash: record.ownerHash, shareHash, classTeacherHash })) throw songNotFound(songId);
	return record;
}

export async function vocalFor(store: BlobStore, actor: Actor, vocalId: string, action: VocalAction): Promise<VocalPlan> {
	const plan = await requireVocalPlan(store, vocalId);
	// A vocal belongs to the take whose voice and melody it was planned from.
	const take = await getTake(store, plan.takeId);
	if (!can(actor, action, { kind: 'vocal', ownerHash: take?.ownerHash, classTeacherHash: await classTeacherFor(store, actor, take?.ownerHash, action) })) throw vocalNotFound(vocalId);
	return plan;
}

function shareNotFound(): StudioError {
	return new StudioError('share_not_found', 404, 'This share link does not work (any more): ask the owner of the song for a new one.');
}

/** The song a share link opens, for what a listener may do; a wrong, revoked or malformed token is a 404 that names no song. */
export async function songForListener(store: BlobStore, token: string, action: SongAction): Promise<SongRecord> {
	const parsed = parseSecret(token);
	const shareHash = parsed ? secretHash(parsed) : null;
	const songId = shareHash ? await sharedSongId(store, shareHash) : null;
	if (!shareHash || !songId) throw shareNotFound();
	try {
		return await songFor(store, { ownerHash: null, shareHash }, songId, action);
	} catch (e) {
		if (e instanceof StudioError && e.httpStatus === 404) throw shareNotFound();
		throw e;
	}
}

/** A take as its owner sees it: without the owner hash (storage's business, not the page's). */
export function takeView(take: TakeRecord): Omit<TakeRecord, 'ownerHash'> {
	const { ownerHash: _ownerHash, ...rest } = take;
	return rest;
}

export function songRecordView(record: SongRecord): Omit<SongRecord, 'ownerHash'> {
	const { ownerHash: _ownerHash, ...rest } = record;
	return rest;
}
