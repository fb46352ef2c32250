// The built web app (adapter-node's handler) served over HTTPS: what `HTTPS=1 npm start` runs
// instead of build/index.js. Env: PORT, HOST, TLS_CERT_FILE, TLS_KEY_FILE (and the app's own).
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { handler } = await import(pathToFileURL(path.join(root, 'build', 'handler.js')).href);
const server = https.createServer({ cert: readFileSync(process.env.TLS_CERT_FILE ?? ''), key: readFileSync(process.env.TLS_KEY_FILE ?? '') }, handler);
server.listen(Number(process.env.PORT || 3000), process.env.HOST || '127.0.0.1');

function stop() {
	server.close(() => process.exit(0));
	// Open event streams would hold close() forever.
	server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
