import type { ClassRecord, StudentRecord } from './types';

/** Whether a student may record now: the notice was agreed to, by them or (when the class says so) by the teacher for everyone. */
export function hasConsent(cls: Pick<ClassRecord, 'consentBy' | 'teacherConsentAt'>, student: Pick<StudentRecord, 'consentAt'>): boolean {
	return cls.consentBy === 'teacher' ? cls.teacherConsentAt !== null : student.consentAt !== null;
}
