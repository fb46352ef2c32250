/**
 * The few pieces of the WebAssembly binary format (core spec §5, SIMD proposal's BinarySIMD.md)
 * that the studio's SIMD kernels need, so a kernel is written in TypeScript as an instruction list
 * and compiled in memory: no toolchain, no binary file in the repository, the same bytes in Node
 * and the browser.
 */

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
	const bytes: number[] = [];
	let v = value >>> 0;
	do {
		let byte = v & 0x7f;
		v >>>= 7;
		if (v !== 0) byte |= 0x80;
		bytes.push(byte);
	} while (v !== 0);
	return bytes;
}

/** Signed LEB128 (i32 immediates). */
export function sleb(value: number): number[] {
	const bytes: number[] = [];
	let v = value | 0;
	for (;;) {
		const byte = v & 0x7f;
		v >>= 7;
		const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
		bytes.push(done ? byte : byte | 0x80);
		if (done) return bytes;
	}
}

/** A length-prefixed vector of already-encoded items. */
export function vector(items: number[][]): number[] {
	return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
	return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
	const bytes = [...new TextEncoder().encode(text)];
	return [...uleb(bytes.length), ...bytes];
}

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Opcodes used by the kernels (core and 0xFD-prefixed SIMD). */
export const op = {
	block: [0x02, 0x40],
	loop: [0x03, 0x40],
	if: [0x04, 0x40],
	end: [0x0b],
	br: (depth: number) => [0x0c, ...uleb(depth)],
	brIf: (depth: number) => [0x0d, ...uleb(depth)],
	localGet: (index: number) => [0x20, ...uleb(index)],
	localSet: (index: number) => [0x21, ...uleb(index)],
	localTee: (index: number) => [0x22, ...uleb(index)],
	/** f32.store with 4-byte alignment and a byte offset. */
	f32Store: (offset = 0) => [0x38, 2, ...uleb(offset)],
	i32Const: (value: number) => [0x41, ...sleb(value)],
	i32Eqz: [0x45],
	i32LtU: [0x49],
	i32GeU: [0x4f],
	i32Add: [0x6a],
	i32Sub: [0x6b],
	i32Mul: [0x6c],
	i32Shl: [0x74],
	f32Add: [0x92],
	/** v128.load, alignment hint 4 bytes (unaligned addresses are allowed), byte offset. */
	v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 2, ...uleb(offset)],
	v128Zero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
	f32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1f), lane],
	f32x4Add: [0xfd, ...uleb(0xe4)],
	f32x4Mul: [0xfd, ...uleb(0xe6)]
};

export interface WasmFunction {
	exportName: string;
	params: number[];
	/** Extra locals after the parameters, as [count, type] runs. */
	locals: Array<[number, number]>;
	body: number[][];
}

/** A module with one exported memory ("memory", `initialPages` × 64 KiB) and the given functions (no results). */
export function encodeModule(functions: WasmFunction[], initialPages: number): Uint8Array<ArrayBuffer> {
	const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector([])]);
	const exports = [
		...functions.map((f, index) => [...name(f.exportName), 0x00, ...uleb(index)]),
		[...name('memory'), 0x02, ...uleb(0)]
	];
	const bodies = functions.map((f) => {
		const content = [...vector(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body.flat(), ...op.end];
		return [...uleb(content.length), ...content];
	});
	return new Uint8Array([
		...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
		...section(1, vector(types)),
		...section(3, vector(functions.map((_, index) => uleb(index)))),
		...section(5, vector([[0x00, ...uleb(initialPages)]])),
		...section(7, vector(exports)),
		...section(10, vector(bodies))
	]);
}
