/**
 * The inner loop of every FIR in the studio's resampling and decimation: a polyphase filter
 * evaluated only at the outputs kept,
 *
 *   y[o] = Σ_{j < stride} x[s_o + j] · table[p_o · stride + j],
 *
 * where output o reads `stride` input samples from s_o with the kernel row of phase p_o, and each
 * output moves s by `stepWhole` and p by `stepPhase` around a wheel of `upFactor` phases (one
 * carry into s per turn). Samples outside x count as zero.
 *
 * It runs in a WebAssembly SIMD kernel (f32x4, two accumulators, eight taps per iteration), built
 * in memory by `wasm-encoding.ts`, over chunks of 64 Ki outputs so its memory stays near 1–2 MB
 * whatever the length of the take; a scalar loop computes the same where WebAssembly SIMD is
 * missing. The kernel sums in float32 and the loop in float64: they agree to ~1e-6 relative.
 */
import { encodeModule, I32, op, V128 } from './wasm-encoding';

export interface PolyphaseFirPlan {
	/** Kernel rows, `upFactor` × `stride` (row p = phase p). */
	table: Float32Array;
	/** Taps per row; a multiple of 8 (pad rows with zeros). */
	stride: number;
	/** Number of phases (rows); 1 for plain decimation. */
	upFactor: number;
	/** Input samples s advances per output. */
	stepWhole: number;
	/** Phases p advances per output (< upFactor); each wrap past upFactor adds one to s. */
	stepPhase: number;
	/** s for output 0 (may be negative: leading zeros). */
	firstStart: number;
	/** p for output 0. */
	firstPhase?: number;
}

export interface PolyphaseFirOptions {
	/** Use the WebAssembly SIMD kernel where the runtime has one (default true). */
	simd?: boolean;
}

const CHUNK_OUTPUTS = 1 << 16;

// Parameters of the exported `fir` function, then its locals.
const P = { x: 0, table: 1, taps: 2, y: 3, count: 4, i: 5, phase: 6, stepWhole: 7, stepPhase: 8, up: 9 };
const L = { xp: 10, tp: 11, j: 12, tapBytes: 13, acc0: 14, acc1: 15 };

/** fir(xPtr, tablePtr, taps, yPtr, count, i0, phase0, stepWhole, stepPhase, upFactor): byte pointers, taps % 8 == 0, count ≥ 1. */
function firModuleBytes(): Uint8Array<ArrayBuffer> {
	const body = [
		op.localGet(P.taps), op.i32Const(2), op.i32Shl, op.localSet(L.tapBytes),
		op.loop,
		// xp = x + 4i; tp = table + 4 · phase · taps
		op.localGet(P.x), op.localGet(P.i), op.i32Const(2), op.i32Shl, op.i32Add, op.localSet(L.xp),
		op.localGet(P.table), op.localGet(P.phase), op.localGet(P.taps), op.i32Mul, op.i32Const(2), op.i32Shl, op.i32Add, op.localSet(L.tp),
		op.v128Zero, op.localSet(L.acc0),
		op.v128Zero, op.localSet(L.acc1),
		op.i32Const(0), op.localSet(L.j),
		op.loop,
		op.localGet(L.acc0),
		op.localGet(L.xp), op.localGet(L.j), op.i32Add, op.v128Load(0),
		op.localGet(L.tp), op.localGet(L.j), op.i32Add, op.v128Load(0),
		op.f32x4Mul, op.f32x4Add, op.localSet(L.acc0),
		op.localGet(L.acc1),
		op.localGet(L.xp), op.localGet(L.j), op.i32Add, op.v128Load(16),
		op.localGet(L.tp), op.localGet(L.j), op.i32Add, op.v128Load(16),
		op.f32x4Mul, op.f32x4Add, op.localSet(L.acc1),
		op.localGet(L.j), op.i32Const(32), op.i32Add, op.localTee(L.j),
		op.localGet(L.tapBytes), op.i32LtU, op.brIf(0),
		op.end,
		// *y = Σ lanes(acc0 + acc1); y += 4
		op.localGet(P.y),
		op.localGet(L.acc0), op.localGet(L.acc1), op.f32x4Add, op.localTee(L.acc0),
		op.f32x4ExtractLane(0), op.localGet(L.acc0), op.f32x4ExtractLane(1), op.f32Add,
		op.localGet(L.acc0), op.f32x4ExtractLane(2), op.f32Add,
		op.localGet(L.acc0), op.f32x4ExtractLane(3), op.f32Add,
		op.f32Store(0),
		op.localGet(P.y), op.i32Const(4), op.i32Add, op.localSet(P.y),
		// i += stepWhole; phase += stepPhase, carrying into i
		op.localGet(P.i), op.localGet(P.stepWhole), op.i32Add, op.localSet(P.i),
		op.localGet(P.phase), op.localGet(P.stepPhase), op.i32Add, op.localTee(P.phase),
		op.localGet(P.up), op.i32GeU,
		op.if,
		op.localGet(P.phase), op.localGet(P.up), op.i32Sub, op.localSet(P.phase),
		op.localGet(P.i), op.i32Const(1), op.i32Add, op.localSet(P.i),
		op.end,
		op.localGet(P.count), op.i32Const(1), op.i32Sub, op.localTee(P.count),
		op.brIf(0),
		op.end
	];
	return encodeModule([{ exportName: 'fir', params: new Array<number>(10).fill(I32), locals: [[4, I32], [2, V128]], body }], 1);
}

/** An instance of the kernel with its own memory (grown by the caller as needed). */
export interface FirKernel {
	/** fir(xPtr, tablePtr, taps, yPtr, count, i0, phase0, stepWhole, stepPhase, upFactor); byte pointers into `memory`. */
	fir: (x: number, table: number, taps: number, y: number, count: number, i: number, phase: number, stepWhole: number, stepPhase: number, up: number) => void;
	memory: WebAssembly.Memory;
}

let moduleCache: WebAssembly.Module | null | undefined;

/** A fresh kernel instance, or null where WebAssembly SIMD is unavailable. */
export function createFirKernel(): FirKernel | null {
	if (moduleCache === undefined) {
		moduleCache = null;
		try {
			const bytes = firModuleBytes();
			if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) moduleCache = new WebAssembly.Module(bytes);
		} catch {
			moduleCache = null;
		}
	}
	if (!moduleCache) return null;
	const instance = new WebAssembly.Instance(moduleCache, {});
	return { fir: instance.exports.fir as FirKernel['fir'], memory: instance.exports.memory as WebAssembly.Memory };
}

/** Grows the kernel's memory to at least `bytes`. */
export function reserveKernelMemory(k: FirKernel, bytes: number): void {
	const have = k.memory.buffer.byteLength;
	if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
}

let shared: FirKernel | null | undefined;

/** The kernel `polyphaseFir` uses (one per process or page). */
function simdKernel(): FirKernel | null {
	if (shared === undefined) shared = createFirKernel();
	return shared;
}

/** True where the SIMD kernel runs here (reported by benchmarks). */
export function hasSimdFir(): boolean {
	return simdKernel() !== null;
}

function checkPlan(plan: PolyphaseFirPlan): void {
	const { stride, upFactor, stepWhole, stepPhase, table } = plan;
	const phase = plan.firstPhase ?? 0;
	const ok =
		Number.isInteger(stride) && stride >= 8 && stride % 8 === 0 &&
		Number.isInteger(upFactor) && upFactor >= 1 && table.length >= upFactor * stride &&
		Number.isInteger(stepWhole) && stepWhole >= 0 &&
		Number.isInteger(stepPhase) && stepPhase >= 0 && stepPhase < upFactor &&
		Number.isInteger(plan.firstStart) && Number.isInteger(phase) && phase >= 0 && phase < upFactor;
	if (!ok) throw new RangeError('polyphaseFir: invalid plan (stride a multiple of 8, integer steps, phases below upFactor, table of upFactor × stride).');
}

/** Start and phase after `outputs` more outputs. */
function advance(start: number, phase: number, outputs: number, plan: PolyphaseFirPlan): [number, number] {
	const total = phase + outputs * plan.stepPhase;
	return [start + outputs * plan.stepWhole + Math.floor(total / plan.upFactor), total % plan.upFactor];
}

function firScalar(x: Float32Array, plan: PolyphaseFirPlan, y: Float32Array): void {
	const { table, stride, upFactor, stepWhole, stepPhase } = plan;
	const n = x.length;
	let start = plan.firstStart;
	let phase = plan.firstPhase ?? 0;
	for (let o = 0; o < y.length; o++) {
		const base = phase * stride;
		let acc = 0;
		if (start >= 0 && start + stride <= n) {
			// Four partial sums break the add dependency chain; stride is a multiple of 8.
			let acc1 = 0;
			let acc2 = 0;
			let acc3 = 0;
			for (let j = 0; j < stride; j += 4) {
				const xj = start + j;
				const tj = base + j;
				acc += x[xj] * table[tj];
				acc1 += x[xj + 1] * table[tj + 1];
				acc2 += x[xj + 2] * table[tj + 2];
				acc3 += x[xj + 3] * table[tj + 3];
			}
			acc += acc1 + acc2 + acc3;
		} else {
			const j0 = start < 0 ? -start : 0;
			const j1 = Math.min(stride, n - start);
			for (let j = j0; j < j1; j++) acc += x[start + j] * table[base + j];
		}
		y[o] = acc;
		start += stepWhole;
		phase += stepPhase;
		if (phase >= upFactor) {
			phase -= upFactor;
			start++;
		}
	}
}

function align16(bytes: number): number {
	return (bytes + 15) & ~15;
}

function firSimd(k: FirKernel, x: Float32Array, plan: PolyphaseFirPlan, y: Float32Array): void {
	const { table, stride, upFactor, stepWhole, stepPhase } = plan;
	const tableBytes = align16(upFactor * stride * 4);
	const chunk = Math.min(CHUNK_OUTPUTS, y.length);
	const maxSpan = chunk * (stepWhole + 1) + stride;
	const xOffset = tableBytes;
	const yOffset = xOffset + align16(maxSpan * 4);
	const needBytes = yOffset + chunk * 4;
	reserveKernelMemory(k, needBytes);
	const heap = new Float32Array(k.memory.buffer);
	heap.set(table.subarray(0, upFactor * stride), 0);

	let start = plan.firstStart;
	let phase = plan.firstPhase ?? 0;
	for (let first = 0; first < y.length; first += chunk) {
		const count = Math.min(chunk, y.length - first);
		const [lastStart] = advance(start, phase, count - 1, plan);
		const span = lastStart + stride - start;
		// Copy x[start, start + span) into the heap, zeros outside the signal.
		const xBase = xOffset >> 2;
		const from = Math.max(0, start);
		const to = Math.min(x.length, start + span);
		if (to > from) {
			heap.fill(0, xBase, xBase + (from - start));
			heap.set(x.subarray(from, to), xBase + (from - start));
			heap.fill(0, xBase + (to - start), xBase + span);
		} else {
			heap.fill(0, xBase, xBase + span);
		}
		k.fir(xOffset, 0, stride, yOffset, count, 0, phase, stepWhole, stepPhase, upFactor);
		y.set(heap.subarray(yOffset >> 2, (yOffset >> 2) + count), first);
		[start, phase] = advance(start, phase, count, plan);
	}
}

/** Evaluates the plan for `outputLength` outputs. */
export function polyphaseFir(x: Float32Array, plan: PolyphaseFirPlan, outputLength: number, options: PolyphaseFirOptions = {}): Float32Array {
	checkPlan(plan);
	const y = new Float32Array(outputLength);
	if (outputLength === 0) return y;
	const k = options.simd === false ? null : simdKernel();
	if (k) firSimd(k, x, plan, y);
	else firScalar(x, plan, y);
	return y;
}
