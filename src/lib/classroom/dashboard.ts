/**
 * The teacher's dashboard as data: one entry per student (who they are, their stage, the teacher's
 * feedback on their song, whether it is in the gallery), and which entries changed between two
 * readings, so the event stream sends only those.
 */
import type { ClassRecord, SongFeedback, StudentRecord, StudentStageView } from './types';

/** The class as its teacher sees it (GET /api/classes/:id, the stream's `class` event): no key hash. */
export type TeacherClassView = Omit<ClassRecord, 'teacherHash'> & {
	/** When the class is deleted if nobody ends it (ISO time). */
	expiresAt: string;
	/** The join page's path, e.g. "/join/K7X3MP". */
	joinPath: string;
	/** The machine's IPv4 addresses on its networks, for a join link students' devices can reach. */
	lanAddresses: string[];
};

/** What the dashboard shows of a student (never the owner key's hash). */
export interface DashboardStudent {
	id: string;
	displayName: string;
	joinedAt: string;
	consentAt: string | null;
}

export interface DashboardEntry {
	student: DashboardStudent;
	view: StudentStageView;
	/** The teacher's star and comment on the student's latest song; null when none was given. */
	feedback: SongFeedback | null;
	/** Whether the student's latest song is in the class gallery. */
	inGallery: boolean;
}

/** An entry as the stream sends it after a change: with when the server noticed (ms since 1970), to measure delivery. */
export interface DashboardChange extends DashboardEntry {
	changedAtMs: number;
}

export const dashboardStudent = (s: StudentRecord): DashboardStudent => ({ id: s.id, displayName: s.displayName, joinedAt: s.joinedAt, consentAt: s.consentAt });

/** Fingerprints of the last entries sent, by student id. */
export type DashboardFingerprints = ReadonlyMap<string, string>;

export interface DashboardDiff {
	/** Entries that are new or differ from the last reading, in the reading's order. */
	changed: DashboardEntry[];
	/** Students in the last reading who are no longer in the class. */
	removed: string[];
	/** The fingerprints to compare the next reading with. */
	fingerprints: Map<string, string>;
}

/** Which students' entries changed between the last reading (its fingerprints) and `next`. */
export function diffDashboard(previous: DashboardFingerprints, next: readonly DashboardEntry[]): DashboardDiff {
	const fingerprints = new Map<string, string>();
	const changed: DashboardEntry[] = [];
	for (const entry of next) {
		const print = JSON.stringify(entry);
		fingerprints.set(entry.student.id, print);
		if (previous.get(entry.student.id) !== print) changed.push(entry);
	}
	const removed = [...previous.keys()].filter((id) => !fingerprints.has(id));
	return { changed, removed, fingerprints };
}
