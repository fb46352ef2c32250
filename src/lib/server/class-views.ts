/**
 * What each role sees of a class. The teacher sees the settings, the join code and the addresses a
 * student's device can reach the studio at; a student sees the title, the notice, the assignment
 * and their own consent. Neither sees a key hash.
 */
import { networkInterfaces } from 'node:os';
import { classExpiresAtMs, hasConsent, type ClassRecord, type StudentRecord, type TeacherClassView } from '../classroom';

export function teacherClassView(record: ClassRecord): TeacherClassView {
	const { teacherHash: _teacherHash, ...rest } = record;
	return { ...rest, expiresAt: new Date(classExpiresAtMs(record.createdAt, record.retentionDays)).toISOString(), joinPath: `/join/${record.joinCode}`, lanAddresses: lanAddresses() };
}

export function studentClassView(record: ClassRecord, student: StudentRecord) {
	return {
		class: { id: record.id, title: record.title, notice: record.notice, consentBy: record.consentBy, assignment: record.assignment },
		student: { id: student.id, displayName: student.displayName, consentAt: student.consentAt },
		mayRecord: hasConsent(record, student)
	};
}

/** The machine's IPv4 addresses on its networks (not loopback): what students type when the studio serves the class (HOST=0.0.0.0). */
export function lanAddresses(): string[] {
	return Object.values(networkInterfaces())
		.flatMap((list) => list ?? [])
		.filter((a) => a.family === 'IPv4' && !a.internal)
		.map((a) => a.address);
}
