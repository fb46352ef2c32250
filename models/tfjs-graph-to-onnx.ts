/**
 * A TensorFlow.js graph-model → ONNX converter for the operators Basic Pitch's graph uses.
 *
 * A TF.js graph model (format "graph-model") is a frozen TensorFlow GraphDef as JSON
 * (`modelTopology.node`: name, op, input, attr) plus binary weight shards described by
 * `weightsManifest`; every `Const` node's value lives in a shard. Each TF node becomes one or a
 * few ONNX nodes (opset 17). TF's tensors are channels-last (NHWC, HWIO filters) while ONNX Conv is
 * channels-first (NCHW, OIHW filters), so each convolution is wrapped in Transposes and its
 * constant filter is permuted here; ONNX Runtime's transpose optimiser then cancels the pairs.
 * Constant operands that TF passes as tensors but ONNX wants as attributes or static inputs (perms,
 * paddings, slice bounds, axes) are read here, so the ONNX graph keeps only the data path.
 * An op outside the supported set stops the conversion with its name, rather than guessing.
 */
import { OnnxAttributeType, OnnxDataType } from './onnx-proto';

/** The parts of a TF.js model.json the converter reads. */
export interface TfjsGraphModelJson {
	format: string;
	modelTopology: { node: TfNode[] };
	weightsManifest: Array<{ paths: string[]; weights: TfWeightSpec[] }>;
	signature?: unknown;
}

interface TfNode {
	name: string;
	op: string;
	input?: string[];
	attr?: Record<string, TfAttr>;
}

interface TfAttr {
	s?: string;
	i?: string;
	f?: number;
	b?: boolean;
	list?: { i?: string[]; s?: string[] };
	type?: string;
	shape?: unknown;
}

interface TfWeightSpec {
	name: string;
	shape: number[];
	dtype: string;
	quantization?: unknown;
}

interface ConstTensor {
	dtype: 'float32' | 'int32';
	shape: number[];
	data: Float32Array | Int32Array;
}

export interface ConvertOptions {
	/** Opset of the default ONNX domain; the mapping below is written for 17. */
	opset?: number;
	/** Graph input name and its TF placeholder. */
	input: { onnxName: string; tfName: string };
	/** Graph outputs: ONNX name ← TF node, with the static trailing dims (batch stays symbolic). */
	outputs: Array<{ onnxName: string; tfName: string; dims: number[] }>;
	/** Name prefix stripped from TF node names to keep ONNX names short. */
	stripPrefix?: string;
	graphName: string;
	docString: string;
	producerName: string;
	producerVersion: string;
}

export interface ConversionResult {
	/** Plain ModelProto object ready for `encodeModel`. */
	model: Record<string, unknown>;
	/** TF op type → number of nodes of it that the outputs depend on. */
	tfOpCounts: Record<string, number>;
	/** ONNX op type → number of nodes emitted. */
	onnxOpCounts: Record<string, number>;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

type OnnxAttr = Record<string, unknown>;
interface OnnxNode {
	input: string[];
	output: string[];
	name: string;
	op_type: string;
	attribute: OnnxAttr[];
}

function attrInts(name: string, values: Array<number | bigint>): OnnxAttr {
	return { name, type: OnnxAttributeType.INTS, ints: values.map((v) => Number(v)) };
}
function attrInt(name: string, value: number): OnnxAttr {
	return { name, type: OnnxAttributeType.INT, i: value };
}
function attrString(name: string, value: string): OnnxAttr {
	return { name, type: OnnxAttributeType.STRING, s: Buffer.from(value, 'utf8') };
}

function decodeTfString(attr: TfAttr | undefined): string {
	return attr?.s === undefined ? '' : Buffer.from(attr.s, 'base64').toString('utf8');
}
function tfInt(attr: TfAttr | undefined, fallback = 0): number {
	return attr?.i === undefined ? fallback : Number(attr.i);
}
function tfIntList(attr: TfAttr | undefined): number[] {
	return (attr?.list?.i ?? []).map(Number);
}

/** Little-endian raw bytes, so the file is the same on any host. */
function float32Bytes(values: ArrayLike<number>): Uint8Array {
	const out = new Uint8Array(values.length * 4);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
	return out;
}
function int64Bytes(values: ArrayLike<number | bigint>): Uint8Array {
	const out = new Uint8Array(values.length * 8);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]), true);
	return out;
}

/** Splits the weight shards into one typed array per `Const`, in manifest order. */
export function readTfjsWeights(modelJson: TfjsGraphModelJson, shards: Uint8Array[]): Map<string, ConstTensor> {
	const bytes = Buffer.concat(shards);
	const weights = new Map<string, ConstTensor>();
	let offset = 0;
	for (const group of modelJson.weightsManifest) {
		for (const spec of group.weights) {
			if (spec.quantization) throw new Error(`weight ${spec.name} is quantized; this converter reads only float32/int32 weights`);
			if (spec.dtype !== 'float32' && spec.dtype !== 'int32') throw new Error(`weight ${spec.name} has dtype ${spec.dtype}; only float32/int32 are supported`);
			const count = spec.shape.reduce((a, b) => a * b, 1);
			const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
			const data = spec.dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
			for (let i = 0; i < count; i++) data[i] = spec.dtype === 'float32' ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
			weights.set(spec.name, { dtype: spec.dtype, shape: spec.shape, data });
			offset += count * 4;
		}
	}
	if (offset !== bytes.length) throw new Error(`weight shards hold ${bytes.length} bytes but the manifest describes ${offset}`);
	return weights;
}

/** Converts the graph; deterministic: node order, names and bytes depend only on the inputs. */
export function convertTfjsGraph(modelJson: TfjsGraphModelJson, shards: Uint8Array[], options: ConvertOptions): ConversionResult {
	if (modelJson.format !== 'graph-model') throw new Error(`expected a TF.js graph-model, got format "${modelJson.format}"`);
	const opset = options.opset ?? 17;
	const weights = readTfjsWeights(modelJson, shards);
	const tfNodes = new Map<string, TfNode>();
	for (const node of modelJson.modelTopology.node) tfNodes.set(node.name, node);

	// Internal tensors never take a graph input/output name, which the final Identities own.
	const reserved = new Set([options.input.onnxName, ...options.outputs.map((o) => o.onnxName)]);
	const strip = (name: string): string => {
		const short = options.stripPrefix && name.startsWith(options.stripPrefix) ? name.slice(options.stripPrefix.length) : name;
		return reserved.has(short) ? `tf/${short}` : short;
	};
	/** TF input reference ("node", "node:0") → producing node name; control inputs are rejected. */
	const producer = (ref: string): string => {
		if (ref.startsWith('^')) throw new Error(`control dependency ${ref} is not supported`);
		const [name, port] = ref.split(':');
		if (port !== undefined && port !== '0') throw new Error(`output ${ref}: only single-output ops are supported`);
		return name;
	};

	// Nodes the outputs depend on, in a deterministic topological order (depth-first, inputs in order).
	const order: TfNode[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (name: string): void => {
		const seen = state.get(name);
		if (seen === 'done') return;
		if (seen === 'visiting') throw new Error(`cycle through ${name}`);
		const node = tfNodes.get(name);
		if (!node) throw new Error(`graph references missing node ${name}`);
		state.set(name, 'visiting');
		for (const ref of node.input ?? []) visit(producer(ref));
		state.set(name, 'done');
		order.push(node);
	};
	for (const output of options.outputs) visit(output.tfName);

	const onnxNodes: OnnxNode[] = [];
	const initializers: Record<string, unknown>[] = [];
	const initializerNames = new Set<string>();
	/** ONNX tensor name of each converted TF node's output. */
	const tensorOf = new Map<string, string>();
	const tfOpCounts: Record<string, number> = {};

	const constOf = (ref: string): ConstTensor | undefined => {
		const node = tfNodes.get(producer(ref));
		return node?.op === 'Const' ? weights.get(node.name) : undefined;
	};
	const requireConst = (node: TfNode, index: number, what: string): ConstTensor => {
		const value = constOf(node.input![index]);
		if (!value) throw new Error(`${node.op} ${node.name}: ${what} (input ${index}) must be a constant`);
		return value;
	};
	const constInts = (node: TfNode, index: number, what: string): number[] => Array.from(requireConst(node, index, what).data);

	const addInitializer = (name: string, dataType: number, dims: number[], raw: Uint8Array): string => {
		if (!initializerNames.has(name)) {
			initializerNames.add(name);
			initializers.push({ name, data_type: dataType, dims, raw_data: raw });
		}
		return name;
	};
	const int64Initializer = (name: string, values: Array<number | bigint>, dims: number[] = [values.length]): string =>
		addInitializer(name, OnnxDataType.INT64, dims, int64Bytes(values));
	const floatInitializer = (name: string, values: ArrayLike<number>, dims: number[]): string =>
		addInitializer(name, OnnxDataType.FLOAT, dims, float32Bytes(values));

	/** The ONNX tensor for a TF input: a converted node's output or a constant as an initializer. */
	const tensor = (ref: string): string => {
		const name = producer(ref);
		const converted = tensorOf.get(name);
		if (converted) return converted;
		const value = constOf(ref);
		if (!value) throw new Error(`input ${ref} has not been converted`);
		// TF's int32 index tensors feed shape arithmetic, which ONNX does in int64.
		return value.dtype === 'float32'
			? floatInitializer(strip(name), value.data, value.shape)
			: int64Initializer(strip(name), Array.from(value.data), value.shape);
	};

	const emit = (op: string, inputs: string[], output: string, attributes: OnnxAttr[] = []): string => {
		onnxNodes.push({ input: inputs, output: [output], name: output, op_type: op, attribute: attributes });
		return output;
	};

	const convertConv = (node: TfNode, out: string): string => {
		const attr = node.attr ?? {};
		const format = decodeTfString(attr.data_format) || 'NHWC';
		if (format !== 'NHWC') throw new Error(`${node.name}: data_format ${format} is not supported`);
		const strides = tfIntList(attr.strides);
		const dilations = tfIntList(attr.dilations);
		const padding = decodeTfString(attr.padding);
		const convAttrs: OnnxAttr[] = [
			attrInts('strides', strides.length ? [strides[1], strides[2]] : [1, 1]),
			attrInts('dilations', dilations.length ? [dilations[1], dilations[2]] : [1, 1])
		];
		if (padding === 'VALID') convAttrs.push(attrInts('pads', [0, 0, 0, 0]));
		// TF "SAME" pads the total (out−1)·stride + (k−1)·dilation + 1 − in, the odd sample at the end: ONNX SAME_UPPER.
		else if (padding === 'SAME') convAttrs.push(attrString('auto_pad', 'SAME_UPPER'));
		else if (padding === 'EXPLICIT') {
			const p = tfIntList(attr.explicit_paddings);
			convAttrs.push(attrInts('pads', [p[2], p[4], p[3], p[5]]));
		} else throw new Error(`${node.name}: padding ${padding} is not supported`);

		const filter = requireConst(node, 1, 'the filter');
		const [kh, kw, cin, cout] = filter.shape;
		const oihw = new Float32Array(filter.data.length);
		for (let h = 0; h < kh; h++)
			for (let w = 0; w < kw; w++)
				for (let i = 0; i < cin; i++)
					for (let o = 0; o < cout; o++) oihw[((o * cin + i) * kh + h) * kw + w] = filter.data[((h * kw + w) * cin + i) * cout + o];
		const base = strip(node.name);
		const inputs = [emit('Transpose', [tensor(node.input![0])], `${base}/to_nchw`, [attrInts('perm', [0, 3, 1, 2])]), floatInitializer(`${base}/filter_oihw`, oihw, [cout, cin, kh, kw])];

		let activation: string | null = null;
		if (node.op === '_FusedConv2D') {
			const fused = (attr.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
			if (fused[0] !== 'BiasAdd' || fused.length > 2 || tfInt(attr.num_args) !== 1) throw new Error(`${node.name}: fused ops ${fused.join('+')} are not supported`);
			if (fused.length === 2) {
				if (fused[1] !== 'Relu') throw new Error(`${node.name}: fused activation ${fused[1]} is not supported`);
				activation = 'Relu';
			}
			const bias = requireConst(node, 2, 'the bias');
			inputs.push(floatInitializer(`${base}/bias`, bias.data, bias.shape));
		}
		let y = emit('Conv', inputs, `${base}/conv_nchw`, convAttrs);
		if (activation) y = emit(activation, [y], `${base}/${activation.toLowerCase()}_nchw`);
		return emit('Transpose', [y], out, [attrInts('perm', [0, 2, 3, 1])]);
	};

	/** TF StridedSlice (constant bounds) → Slice, then Squeeze for shrink axes, Unsqueeze for new axes. */
	const convertStridedSlice = (node: TfNode, out: string): string => {
		const attr = node.attr ?? {};
		const begin = constInts(node, 1, 'begin');
		const end = constInts(node, 2, 'end');
		const steps = constInts(node, 3, 'strides');
		const beginMask = tfInt(attr.begin_mask);
		const endMask = tfInt(attr.end_mask);
		const shrinkMask = tfInt(attr.shrink_axis_mask);
		const newAxisMask = tfInt(attr.new_axis_mask);
		if (tfInt(attr.ellipsis_mask) !== 0) throw new Error(`${node.name}: ellipsis_mask is not supported`);
		const axes: number[] = [];
		const starts: bigint[] = [];
		const ends: bigint[] = [];
		const sliceSteps: number[] = [];
		const squeezeAxes: number[] = [];
		const unsqueezeAxes: number[] = [];
		let inputAxis = 0;
		let outputAxis = 0;
		for (let k = 0; k < begin.length; k++) {
			const bit = 1 << k;
			if (newAxisMask & bit) {
				unsqueezeAxes.push(outputAxis++);
				continue;
			}
			const step = steps[k];
			if (step === 0) throw new Error(`${node.name}: zero stride`);
			if (shrinkMask & bit) {
				// One element; `end` is begin+1 unless that wraps from −1 to 0.
				const b = BigInt(begin[k]);
				axes.push(inputAxis);
				starts.push(b);
				ends.push(b === -1n ? INT64_MAX : b + 1n);
				sliceSteps.push(1);
				squeezeAxes.push(inputAxis);
			} else {
				const fullStart = step > 0 ? 0n : INT64_MAX;
				const fullEnd = step > 0 ? INT64_MAX : INT64_MIN;
				const s = beginMask & bit ? fullStart : BigInt(begin[k]);
				const e = endMask & bit ? fullEnd : BigInt(end[k]);
				if (!(s === 0n && e === INT64_MAX && step === 1)) {
					axes.push(inputAxis);
					starts.push(s);
					ends.push(e);
					sliceSteps.push(step);
				}
				outputAxis++;
			}
			inputAxis++;
		}
		const base = strip(node.name);
		let y = tensor(node.input![0]);
		const stages = (axes.length ? 1 : 0) + (squeezeAxes.length ? 1 : 0) + (unsqueezeAxes.length ? 1 : 0);
		let stage = 0;
		const target = (suffix: string): string => (++stage === stages ? out : `${base}/${suffix}`);
		if (axes.length)
			y = emit(
				'Slice',
				[y, int64Initializer(`${base}/starts`, starts), int64Initializer(`${base}/ends`, ends), int64Initializer(`${base}/axes`, axes), int64Initializer(`${base}/steps`, sliceSteps)],
				target('slice')
			);
		if (squeezeAxes.length) y = emit('Squeeze', [y, int64Initializer(`${base}/squeeze_axes`, squeezeAxes)], target('squeeze'));
		if (unsqueezeAxes.length) y = emit('Unsqueeze', [y, int64Initializer(`${base}/new_axes`, unsqueezeAxes)], target('unsqueeze'));
		return stages === 0 ? emit('Identity', [y], out) : y;
	};

	/** TF paddings [[before, after] per axis] → ONNX pads [all befores, all afters]. */
	const onnxPads = (node: TfNode): string => {
		const paddings = constInts(node, 1, 'paddings');
		const rank = paddings.length / 2;
		const pads: number[] = [];
		for (let a = 0; a < rank; a++) pads.push(paddings[2 * a]);
		for (let a = 0; a < rank; a++) pads.push(paddings[2 * a + 1]);
		return int64Initializer(`${strip(node.name)}/pads`, pads);
	};

	for (const node of order) {
		if (node.op === 'Const') continue;
		tfOpCounts[node.op] = (tfOpCounts[node.op] ?? 0) + 1;
		const out = strip(node.name);
		const x = (index: number): string => tensor(node.input![index]);
		const attr = node.attr ?? {};
		let result: string;
		switch (node.op) {
			case 'Placeholder':
				if (node.name !== options.input.tfName) throw new Error(`unexpected placeholder ${node.name}`);
				result = options.input.onnxName;
				break;
			case 'Identity':
				result = emit('Identity', [x(0)], out);
				break;
			case 'Shape':
				// ONNX Shape yields int64, the type all shape arithmetic here is carried in.
				result = emit('Shape', [x(0)], out);
				break;
			case 'StridedSlice':
				result = convertStridedSlice(node, out);
				break;
			case 'Pack': {
				// Stack = Unsqueeze each input at `axis`, then Concat along it.
				const axis = tfInt(attr.axis);
				const parts = node.input!.map((ref, k) => emit('Unsqueeze', [tensor(ref), int64Initializer(`${out}/axis`, [axis])], `${out}/item_${k}`));
				result = emit('Concat', parts, out, [attrInt('axis', axis)]);
				break;
			}
			case 'ConcatV2': {
				const inputs = node.input!;
				const axis = constInts(node, inputs.length - 1, 'axis')[0];
				result = emit('Concat', inputs.slice(0, -1).map((ref) => tensor(ref)), out, [attrInt('axis', axis)]);
				break;
			}
			case 'Reshape':
				result = emit('Reshape', [x(0), x(1)], out);
				break;
			case 'Transpose':
				result = emit('Transpose', [x(0)], out, [attrInts('perm', constInts(node, 1, 'perm'))]);
				break;
			case 'ExpandDims':
				// TF and ONNX both count a negative axis from the end of the output shape.
				result = emit('Unsqueeze', [x(0), int64Initializer(`${out}/axes`, constInts(node, 1, 'dim'))], out);
				break;
			case 'Squeeze': {
				const dims = tfIntList(attr.squeeze_dims);
				if (!dims.length) throw new Error(`${node.name}: Squeeze without squeeze_dims is not supported`);
				result = emit('Squeeze', [x(0), int64Initializer(`${out}/axes`, dims)], out);
				break;
			}
			case 'Pad':
				if (node.input!.length !== 2) throw new Error(`${node.name}: PadV2 constant values are not supported`);
				result = emit('Pad', [x(0), onnxPads(node)], out, [attrString('mode', 'constant')]);
				break;
			case 'MirrorPad': {
				// REFLECT excludes the edge sample, as ONNX "reflect" does; SYMMETRIC has no ONNX mode.
				const mode = decodeTfString(attr.mode);
				if (mode !== 'REFLECT') throw new Error(`${node.name}: MirrorPad mode ${mode} is not supported`);
				result = emit('Pad', [x(0), onnxPads(node)], out, [attrString('mode', 'reflect')]);
				break;
			}
			case 'Conv2D':
			case '_FusedConv2D':
				result = convertConv(node, out);
				break;
			case 'Neg':
			case 'Sqrt':
			case 'Log':
			case 'Sigmoid':
			case 'Relu':
				result = emit(node.op, [x(0)], out);
				break;
			case 'Square':
				// x·x rather than Pow(x, 2): exact and what TF computes.
				result = emit('Mul', [x(0), x(0)], out);
				break;
			case 'Mul':
			case 'Sub':
				result = emit(node.op, [x(0), x(1)], out);
				break;
			case 'Add':
			case 'AddV2':
				result = emit('Add', [x(0), x(1)], out);
				break;
			case 'DivNoNan': {
				// x / y, and 0 wherever y == 0 (TF semantics), as Where(y == 0, 0, x / y).
				const zero = floatInitializer('zero_f32', [0], []);
				const quotient = emit('Div', [x(0), x(1)], `${out}/div`);
				const isZero = emit('Equal', [x(1), zero], `${out}/denominator_is_zero`);
				result = emit('Where', [isZero, zero, quotient], out);
				break;
			}
			case 'Sum':
			case 'Min':
			case 'Max': {
				const axes = constInts(node, 1, 'reduction_indices');
				const keep = attr.keep_dims?.b ? 1 : 0;
				const op = { Sum: 'ReduceSum', Min: 'ReduceMin', Max: 'ReduceMax' }[node.op]!;
				// Opset 17: ReduceSum takes axes as an input (since 13), ReduceMin/Max as an attribute (until 18).
				result =
					op === 'ReduceSum'
						? emit(op, [x(0), int64Initializer(`${out}/axes`, axes)], out, [attrInt('keepdims', keep)])
						: emit(op, [x(0)], out, [attrInts('axes', axes), attrInt('keepdims', keep)]);
				break;
			}
			default:
				throw new Error(`TF op ${node.op} (node ${node.name}) is not supported by this converter`);
		}
		tensorOf.set(node.name, result);
	}

	// Graph outputs get their public names through a final Identity.
	for (const output of options.outputs) emit('Identity', [tensorOf.get(output.tfName)!], output.onnxName);

	const onnxOpCounts: Record<string, number> = {};
	for (const n of onnxNodes) onnxOpCounts[n.op_type] = (onnxOpCounts[n.op_type] ?? 0) + 1;

	const placeholder = tfNodes.get(options.input.tfName)!;
	const inputDims = ((placeholder.attr?.shape?.shape as { dim?: Array<{ size?: string }> })?.dim ?? []).map((d) => Number(d.size ?? -1));
	const valueInfo = (name: string, dims: Array<number | string>): Record<string, unknown> => ({
		name,
		type: {
			tensor_type: {
				elem_type: OnnxDataType.FLOAT,
				shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) }
			}
		}
	});
	const symbolic = (dims: number[]): Array<number | string> => dims.map((d) => (d < 0 ? 'batch' : d));

	const model = {
		ir_version: 8,
		opset_import: [{ domain: '', version: opset }],
		producer_name: options.producerName,
		producer_version: options.producerVersion,
		doc_string: options.docString,
		graph: {
			name: options.graphName,
			node: onnxNodes,
			initializer: initializers,
			input: [valueInfo(options.input.onnxName, symbolic(inputDims))],
			output: options.outputs.map((o) => valueInfo(o.onnxName, ['batch', ...o.dims]))
		}
	};
	return { model, tfOpCounts, onnxOpCounts };
}
