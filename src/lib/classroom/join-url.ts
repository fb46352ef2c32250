/**
 * The join link students' devices open: the teacher's page's own address, except when the teacher
 * opened the studio as localhost, which a phone cannot reach; then the machine's first address on
 * the network (with the page's port), or none when the studio serves only this machine.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname.toLowerCase()) || hostname.startsWith('127.');

/** The absolute join URL, or null when students cannot reach this studio (it listens on localhost with no network address). */
export function joinUrl(page: URL, joinPath: string, lanAddresses: readonly string[]): string | null {
	if (!isLoopbackHost(page.hostname)) return new URL(joinPath, page.origin).href;
	const address = lanAddresses[0];
	if (!address) return null;
	return `${page.protocol}//${address}${page.port ? `:${page.port}` : ''}${joinPath}`;
}
