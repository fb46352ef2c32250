/**
 * Where the web server finds model files, and their pinned hashes. The built server runs from the
 * repository (npm start), so paths resolve from the working directory; env `MODELS_DIR` overrides.
 */
import path from 'node:path';
import manifest from '../../../models/manifest.json';

export interface ModelFile {
	path: string;
	sha256: string;
}

export function basicPitchModelFile(): ModelFile {
	const entry = manifest.models['basic-pitch'];
	return { path: path.resolve(process.env.MODELS_DIR || 'models', entry.file), sha256: entry.sha256 };
}
