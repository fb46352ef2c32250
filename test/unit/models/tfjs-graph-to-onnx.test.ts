/**
 * The converter's op mappings on small hand-made TF.js graphs, each checked against values worked
 * out from TensorFlow's documented semantics (NHWC convolution with SAME padding, StridedSlice
 * masks, MirrorPad REFLECT, DivNoNan).
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../../models/onnx-proto';
import { convertTfjsGraph, type TfjsGraphModelJson } from '../../../models/tfjs-graph-to-onnx';

interface ConstSpec {
	name: string;
	dtype: 'float32' | 'int32';
	shape: number[];
	values: number[];
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A graph-model JSON and its weight shard: Placeholder `x` of `inputShape`, the given nodes, constants. */
function graph(inputShape: number[], nodes: TfjsGraphModelJson['modelTopology']['node'], consts: ConstSpec[]): { json: TfjsGraphModelJson; shard: Uint8Array } {
	const shard = new Uint8Array(consts.reduce((n, c) => n + c.values.length * 4, 0));
	const view = new DataView(shard.buffer);
	let offset = 0;
	for (const c of consts)
		for (const v of c.values) {
			if (c.dtype === 'float32') view.setFloat32(offset, v, true);
			else view.setInt32(offset, v, true);
			offset += 4;
		}
	return {
		json: {
			format: 'graph-model',
			modelTopology: {
				node: [
					{ name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: inputShape.map((d) => ({ size: String(d) })) } } } },
					...consts.map((c) => ({ name: c.name, op: 'Const' })),
					...nodes
				]
			},
			weightsManifest: [{ paths: ['shard.bin'], weights: consts.map((c) => ({ name: c.name, shape: c.shape, dtype: c.dtype })) }]
		},
		shard
	};
}

async function run(g: { json: TfjsGraphModelJson; shard: Uint8Array }, output: string, outDims: number[], x: Float32Array, xDims: number[]): Promise<ort.Tensor> {
	const { model } = convertTfjsGraph(g.json, [g.shard], {
		input: { onnxName: 'x', tfName: 'x' },
		outputs: [{ onnxName: 'y', tfName: output, dims: outDims }],
		graphName: 'test',
		docString: '',
		producerName: 'test',
		producerVersion: '0'
	});
	const session = await ort.InferenceSession.create(encodeModel(model));
	try {
		return (await session.run({ x: new ort.Tensor('float32', x, xDims) })).y;
	} finally {
		await session.release();
	}
}

const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i);

describe('tfjs-graph-to-onnx op mappings', () => {
	it('StridedSlice honours begin/end masks, negative ends, shrink and new axes', async () => {
		// x[2,5,3]; y = x[:, tf.newaxis, 1:-1, 2] → shape [2,1,3].
		const g = graph(
			[-1, 5, 3],
			[
				{
					name: 'y',
					op: 'StridedSlice',
					input: ['x', 'b', 'e', 's'],
					attr: { begin_mask: { i: '1' }, end_mask: { i: '1' }, shrink_axis_mask: { i: '8' }, new_axis_mask: { i: '2' }, ellipsis_mask: { i: '0' } }
				}
			],
			[
				{ name: 'b', dtype: 'int32', shape: [4], values: [0, 0, 1, 2] },
				{ name: 'e', dtype: 'int32', shape: [4], values: [0, 0, -1, 3] },
				{ name: 's', dtype: 'int32', shape: [4], values: [1, 1, 1, 1] }
			]
		);
		const y = await run(g, 'y', [1, 3], iota(30), [2, 5, 3]);
		expect(y.dims).toEqual([2, 1, 3]);
		// x[n, r, 2] = 15n + 3r + 2 for r = 1..3.
		expect(Array.from(y.data as Float32Array)).toEqual([5, 8, 11, 20, 23, 26]);
	});

	it('MirrorPad REFLECT leaves out the edge sample and Pad adds zeros', async () => {
		const g = graph(
			[-1, 4],
			[
				{ name: 'm', op: 'MirrorPad', input: ['x', 'p'], attr: { mode: { s: b64('REFLECT') } } },
				{ name: 'y', op: 'Pad', input: ['m', 'q'] }
			],
			[
				{ name: 'p', dtype: 'int32', shape: [2, 2], values: [0, 0, 2, 1] },
				{ name: 'q', dtype: 'int32', shape: [2, 2], values: [0, 0, 1, 0] }
			]
		);
		const y = await run(g, 'y', [8], Float32Array.from([1, 2, 3, 4]), [1, 4]);
		expect(Array.from(y.data as Float32Array)).toEqual([0, 3, 2, 1, 2, 3, 4, 3]);
	});

	it('Conv2D (NHWC, HWIO filter, SAME, stride 2) matches a direct convolution', async () => {
		// Input 1×5×1×2, filter 1×3×2×1, stride 2 along width: TF SAME pads 1 before, 1 after.
		const filter = [1, 10, 2, 20, 3, 30]; // [h=0][w][cin][cout=0]
		const g = graph(
			[-1, 1, 5, 2],
			[
				{
					name: 'y',
					op: 'Conv2D',
					input: ['x', 'f'],
					attr: { padding: { s: b64('SAME') }, strides: { list: { i: ['1', '1', '2', '1'] } }, dilations: { list: { i: ['1', '1', '1', '1'] } }, data_format: { s: b64('NHWC') } }
				}
			],
			[{ name: 'f', dtype: 'float32', shape: [1, 3, 2, 1], values: filter }]
		);
		const x = iota(10); // x[w][c] = 2w + c
		const y = await run(g, 'y', [1, 3, 1], x, [1, 1, 5, 2]);
		const expected: number[] = [];
		for (const center of [0, 2, 4]) {
			let sum = 0;
			for (let k = 0; k < 3; k++) {
				const w = center - 1 + k;
				if (w < 0 || w >= 5) continue;
				for (let c = 0; c < 2; c++) sum += x[2 * w + c] * filter[k * 2 + c];
			}
			expected.push(sum);
		}
		expect(y.dims).toEqual([1, 1, 3, 1]);
		expect(Array.from(y.data as Float32Array)).toEqual(expected);
	});

	it('DivNoNan gives 0 where the denominator is 0', async () => {
		const g = graph([-1, 3], [{ name: 'y', op: 'DivNoNan', input: ['x', 'd'] }], [{ name: 'd', dtype: 'float32', shape: [3], values: [2, 0, 4] }]);
		const y = await run(g, 'y', [3], Float32Array.from([1, 5, 2]), [1, 3]);
		expect(Array.from(y.data as Float32Array)).toEqual([0.5, 0, 0.5]);
	});

	it('stops with the op name on an op it does not support', () => {
		const g = graph([-1, 3], [{ name: 'y', op: 'Erf', input: ['x'] }], []);
		expect(() =>
			convertTfjsGraph(g.json, [g.shard], {
				input: { onnxName: 'x', tfName: 'x' },
				outputs: [{ onnxName: 'y', tfName: 'y', dims: [3] }],
				graphName: 'test',
				docString: '',
				producerName: 'test',
				producerVersion: '0'
			})
		).toThrow(/Erf/);
	});
});
