import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real recordings for development (not in the repo). CI always has them; a user's clone may not. */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);
export const GENERATED_DIR = path.join(REPO_ROOT, 'test/fixtures/generated');
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test/output');
