import type { StyleName } from '../song/types';
import type { Language, StudioErrorJson } from '../take/types';

/** Who agrees before a student's first recording: each student, or the teacher once for the class (DESIGN.md §6). */
export type ConsentBy = 'student' | 'teacher';

/** What students start from: the teacher's prompt and the song settings their songs use. */
export interface Assignment {
	/** What to hum about or sing, shown to every student ("Hum a tune about the sea"); '' for none. */
	prompt: string;
	/** The language the songs are sung in; null lets each student choose. */
	language: Language | null;
	/** The arrangement style; null: the language's default. */
	style: StyleName | null;
	/** The class's own lyrics; null: each song sings the language's starter lyric (or the student's own). */
	lyrics: string | null;
}

/** A class as stored (`classes/<id>/class.json`). Only the teacher key's hash is kept. */
export interface ClassRecord {
	id: string;
	createdAt: string;
	title: string;
	teacherHash: string;
	joinCode: string;
	/** The teacher's notice shown before any recording: what is kept, for how long, who hears it. */
	notice: string;
	/** Days after `createdAt` when a class nobody ended is deleted with everything in it. */
	retentionDays: number;
	consentBy: ConsentBy;
	/** When the teacher agreed for the whole class (consentBy 'teacher'); null until then. */
	teacherConsentAt: string | null;
	/** Locked: no new student can join (those in the class carry on). */
	locked: boolean;
	assignment: Assignment;
	/** The song the teacher shows on the projector now; null: the join code. */
	projectorSongId: string | null;
	/** Set when the teacher ended the class: everything in it is being deleted, nothing new is accepted. */
	endedAt?: string | null;
}

/** A student as stored (`classes/<id>/students/<studentId>.json`): a display name and the hash of the owner key they were given. */
export interface StudentRecord {
	id: string;
	classId: string;
	displayName: string;
	ownerHash: string;
	joinedAt: string;
	/** When this student agreed to the notice; null until then. */
	consentAt: string | null;
	/** When the student's page last said it started recording (ms since 1970); null when it has not. */
	recordingSinceMs: number | null;
}

/** The teacher's star and comment on one student's song, shown to that student. */
export interface SongFeedback {
	starred: boolean;
	comment: string;
	updatedAt: string;
}

/** Where a student is, as the dashboard shows it. */
export type StudentStage = 'joined' | 'recording' | 'analysing' | 'singing' | 'mixing' | 'ready' | 'failed';

export interface StudentStageView {
	stage: StudentStage;
	/** Why it failed, when it did (the same code and sentence the student sees). */
	error: StudioErrorJson | null;
	/** The student's latest take and song, for the teacher's player. */
	takeId: string | null;
	songId: string | null;
	/** Whether the song's first phrase can be heard yet. */
	firstPhraseReady: boolean;
}

/** One of a student's songs as their class page lists it (newest first). */
export interface StudentSongView {
	songId: string;
	takeId: string;
	createdAt: string;
	/** The name the student gave it; null: unnamed. */
	name: string | null;
	feedback: SongFeedback | null;
	inGallery: boolean;
}

/** A song the teacher shared to the class gallery, as the class's members see it. */
export interface GallerySongView {
	songId: string;
	studentName: string;
	sharedAt: string;
	/** The mix's player address inside the class (not a public share link). */
	audioUrl: string;
}
