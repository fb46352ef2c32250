import { readFileSync } from 'node:fs';

/** A process's resident memory from /proc/<pid>/status (Linux): now (VmRSS) and its peak so far (VmHWM), in MB. */
export function processMemoryMb(pid: number): { rssMb: number; peakRssMb: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
