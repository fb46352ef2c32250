// HTTPS for a class on the school network (`HTTPS=1 npm start`): phones and tablets allow the
// microphone only on a secure page (https, or localhost on the device itself), so a studio served
// on a LAN address over plain http could not record on students' devices. Either the teacher gives
// a certificate (TLS_CERT_FILE + TLS_KEY_FILE), or the studio makes a self-signed one with openssl
// for this machine's names and addresses (each device asks once to trust it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** This machine's IPv4 addresses on its networks (not loopback): where students' devices reach it. */
export function networkAddresses() {
	return Object.values(os.networkInterfaces())
		.flatMap((list) => list ?? [])
		.filter((a) => a.family === 'IPv4' && !a.internal)
		.map((a) => a.address);
}

/** This machine's names and IPv4 addresses a device (or this machine itself) may use. */
export function machineNames() {
	return { dns: [...new Set(['localhost', os.hostname()])], ip: [...new Set(['127.0.0.1', ...networkAddresses()])] };
}

/**
 * The certificate and key files to serve with: the teacher's own, or a self-signed pair under
 * DATA_DIR/tls made again when the machine's addresses changed. Throws a sentence when it cannot.
 * @param {string} dataDir
 * @returns {{ certFile: string, keyFile: string, selfSigned: boolean }}
 */
export function ensureCertificate(dataDir) {
	const certFile = process.env.TLS_CERT_FILE;
	const keyFile = process.env.TLS_KEY_FILE;
	if (certFile || keyFile) {
		if (!certFile || !keyFile) throw new Error('set both TLS_CERT_FILE and TLS_KEY_FILE (or neither, for a self-signed certificate).');
		for (const file of [certFile, keyFile]) if (!existsSync(file)) throw new Error(`${file} does not exist.`);
		return { certFile, keyFile, selfSigned: false };
	}
	const dir = path.join(dataDir, 'tls');
	const names = machineNames();
	const san = [...names.dns.map((d) => `DNS:${d}`), ...names.ip.map((ip) => `IP:${ip}`)].join(',');
	const made = { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem'), selfSigned: true };
	const sanFile = path.join(dir, 'names.txt');
	if (existsSync(made.certFile) && existsSync(made.keyFile) && existsSync(sanFile) && readFileSync(sanFile, 'utf8') === san) return made;
	if (spawnSync('openssl', ['version'], { stdio: 'ignore' }).status !== 0) throw new Error('HTTPS=1 needs openssl to make a certificate: sudo apt-get install -y openssl (or give TLS_CERT_FILE and TLS_KEY_FILE).');
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const result = spawnSync(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '825', '-subj', '/CN=Hum2Song Studio', '-addext', `subjectAltName=${san}`, '-keyout', made.keyFile, '-out', made.certFile],
		{ stdio: 'pipe' }
	);
	if (result.status !== 0) throw new Error(`openssl could not make a certificate: ${String(result.stderr).trim()}`);
	writeFileSync(sanFile, san, { mode: 0o600 });
	return made;
}
