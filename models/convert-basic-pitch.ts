/**
 * Produces models/basic-pitch.onnx from the TensorFlow.js graph that the `@spotify/basic-pitch`
 * npm package ships (Bittner et al., "A Lightweight Instrument-Agnostic Model for Polyphonic Note
 * Transcription and Multipitch Estimation", ICASSP 2022; Apache-2.0), and records it in
 * models/manifest.json. Deterministic: the same package gives the same bytes (no timestamps, a
 * fixed node order), so the manifest's sha256 checks the file. Reads local files only.
 *
 *   node --import tsx/esm models/convert-basic-pitch.ts           write the model and the manifest
 *   node --import tsx/esm models/convert-basic-pitch.ts --check   exit 1 if the files on disk differ
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from './onnx-proto';
import { convertTfjsGraph, type ConversionResult, type TfjsGraphModelJson } from './tfjs-graph-to-onnx';

export const MODELS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const BASIC_PITCH_ONNX_PATH = path.join(MODELS_DIR, 'basic-pitch.onnx');
export const MANIFEST_PATH = path.join(MODELS_DIR, 'manifest.json');
export const BASIC_PITCH_OPSET = 17;

/** Public tensor names of our export (the official one uses TF serving names instead). */
export const BASIC_PITCH_IO = { input: 'audio', contour: 'contour', note: 'note', onset: 'onset' } as const;

const SOURCE_PACKAGE = '@spotify/basic-pitch';
const SOURCE_FILES = ['model/model.json', 'model/group1-shard1of1.bin'];
const TF_PREFIX = 'StatefulPartitionedCall/model_1/';

export interface ManifestEntry {
	file: string;
	sha256: string;
	bytes: number;
	source: { package: string; version: string; files: Array<{ path: string; sha256: string; bytes: number }> };
	licence: string;
	converter: string;
	opset: number;
	inputs: Array<{ name: string; shape: Array<number | string>; sampleRate: number }>;
	outputs: Array<{ name: string; shape: Array<number | string> }>;
}

export interface ModelManifest {
	models: Record<string, ManifestEntry>;
}

export interface BuiltModel {
	bytes: Uint8Array;
	entry: ManifestEntry;
	conversion: ConversionResult;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function sourcePackageDir(): string {
	const require = createRequire(import.meta.url);
	return path.dirname(require.resolve(`${SOURCE_PACKAGE}/package.json`));
}

/** Converts the packaged TF.js graph in memory; nothing is written. */
export function buildBasicPitchOnnx(): BuiltModel {
	const packageDir = sourcePackageDir();
	const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string; license: string };
	const files = SOURCE_FILES.map((p) => ({ path: p, data: readFileSync(path.join(packageDir, p)) }));
	const modelJson = JSON.parse(files[0].data.toString('utf8')) as TfjsGraphModelJson;
	const shardPaths = modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => path.join(packageDir, 'model', p)));
	const shards = shardPaths.map((p) => new Uint8Array(readFileSync(p)));

	const contourDims = [172, 264];
	const pianoDims = [172, 88];
	const conversion = convertTfjsGraph(modelJson, shards, {
		opset: BASIC_PITCH_OPSET,
		input: { onnxName: BASIC_PITCH_IO.input, tfName: 'input_2' },
		// The TF signature maps contour → Identity, then Identity_1 (note/reshape_3) and Identity_2 (onset/reshape_2).
		outputs: [
			{ onnxName: BASIC_PITCH_IO.contour, tfName: 'Identity', dims: contourDims },
			{ onnxName: BASIC_PITCH_IO.note, tfName: 'Identity_1', dims: pianoDims },
			{ onnxName: BASIC_PITCH_IO.onset, tfName: 'Identity_2', dims: pianoDims }
		],
		stripPrefix: TF_PREFIX,
		graphName: 'basic_pitch',
		docString: `Basic Pitch (Bittner et al., ICASSP 2022), converted from ${SOURCE_PACKAGE}@${pkg.version} (${pkg.license}) by models/convert-basic-pitch.ts. Input: mono audio at 22050 Hz, windows of 43844 samples.`,
		producerName: 'hum2song-studio models/convert-basic-pitch.ts',
		producerVersion: '1'
	});
	const bytes = encodeModel(conversion.model);
	const entry: ManifestEntry = {
		file: 'basic-pitch.onnx',
		sha256: sha256(bytes),
		bytes: bytes.length,
		source: {
			package: SOURCE_PACKAGE,
			version: pkg.version,
			files: files.map((f) => ({ path: f.path, sha256: sha256(f.data), bytes: f.data.length }))
		},
		licence: pkg.license,
		converter: 'models/convert-basic-pitch.ts',
		opset: BASIC_PITCH_OPSET,
		inputs: [{ name: BASIC_PITCH_IO.input, shape: ['batch', 43844, 1], sampleRate: 22050 }],
		outputs: [
			{ name: BASIC_PITCH_IO.contour, shape: ['batch', ...contourDims] },
			{ name: BASIC_PITCH_IO.note, shape: ['batch', ...pianoDims] },
			{ name: BASIC_PITCH_IO.onset, shape: ['batch', ...pianoDims] }
		]
	};
	return { bytes, entry, conversion };
}

export function manifestText(entry: ManifestEntry): string {
	const manifest: ModelManifest = { models: { 'basic-pitch': entry } };
	return `${JSON.stringify(manifest, null, '\t')}\n`;
}

export function readManifest(): ModelManifest {
	return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as ModelManifest;
}

function main(argv: string[]): number {
	const started = performance.now();
	const built = buildBasicPitchOnnx();
	const manifest = manifestText(built.entry);
	if (argv.includes('--check')) {
		const modelOk = existsSync(BASIC_PITCH_ONNX_PATH) && sha256(readFileSync(BASIC_PITCH_ONNX_PATH)) === built.entry.sha256;
		const manifestOk = existsSync(MANIFEST_PATH) && readFileSync(MANIFEST_PATH, 'utf8') === manifest;
		console.log(`models: basic-pitch.onnx ${modelOk ? 'up to date' : 'STALE'}, manifest.json ${manifestOk ? 'up to date' : 'STALE'}`);
		return modelOk && manifestOk ? 0 : 1;
	}
	const unchanged = existsSync(BASIC_PITCH_ONNX_PATH) && sha256(readFileSync(BASIC_PITCH_ONNX_PATH)) === built.entry.sha256;
	if (!unchanged) writeFileSync(BASIC_PITCH_ONNX_PATH, built.bytes);
	if (!existsSync(MANIFEST_PATH) || readFileSync(MANIFEST_PATH, 'utf8') !== manifest) writeFileSync(MANIFEST_PATH, manifest);
	const tfNodes = Object.values(built.conversion.tfOpCounts).reduce((a, b) => a + b, 0);
	const onnxNodes = Object.values(built.conversion.onnxOpCounts).reduce((a, b) => a + b, 0);
	console.log(
		`models: basic-pitch.onnx ${unchanged ? 'unchanged' : 'written'} (${built.entry.bytes} bytes, sha256 ${built.entry.sha256.slice(0, 16)}…, ` +
			`${tfNodes} TF nodes → ${onnxNodes} ONNX nodes, ${Math.round(performance.now() - started)} ms)`
	);
	return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.exitCode = main(process.argv.slice(2));
}
