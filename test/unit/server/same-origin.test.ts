import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from '../../../src/lib/server/same-origin';

describe('crossSiteRefusal', () => {
	it('lets the studio page change state over plain http at 127.0.0.1, localhost and a LAN address', () => {
		for (const host of ['127.0.0.1:3000', 'localhost:3000', '192.168.1.20:3000', '[::1]:3000']) {
			expect(crossSiteRefusal({ origin: `http://${host}`, host, secFetchSite: 'same-origin' })).toBeNull();
			expect(crossSiteRefusal({ origin: `http://${host}`, host, secFetchSite: null })).toBeNull();
		}
	});
	it('lets clients without Origin through (curl, the CLI, scripts)', () => {
		expect(crossSiteRefusal({ origin: null, host: '127.0.0.1:3000', secFetchSite: null })).toBeNull();
	});
	it('refuses another site, another port of the same host and opaque origins', () => {
		expect(crossSiteRefusal({ origin: 'http://evil.example', host: '127.0.0.1:3000', secFetchSite: null })).toMatch(/evil\.example/);
		expect(crossSiteRefusal({ origin: 'http://127.0.0.1:4000', host: '127.0.0.1:3000', secFetchSite: null })).not.toBeNull();
		expect(crossSiteRefusal({ origin: 'null', host: '127.0.0.1:3000', secFetchSite: null })).not.toBeNull();
		expect(crossSiteRefusal({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', secFetchSite: 'cross-site' })).not.toBeNull();
		expect(crossSiteRefusal({ origin: null, host: '127.0.0.1:3000', secFetchSite: 'same-site' })).not.toBeNull();
	});
});
