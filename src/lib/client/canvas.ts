/**
 * Canvas plumbing shared by the studio's drawn views: a backing store sized for the screen's
 * pixel density, and a redraw loop that paints only after something changed.
 */

/**
 * Sizes `canvas` to `widthPx` × `heightPx` CSS pixels at the device pixel ratio and returns a
 * cleared 2D context in CSS-pixel units, or null when the canvas has no 2D context.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, widthPx: number, heightPx: number): CanvasRenderingContext2D | null {
	const dpr = window.devicePixelRatio || 1;
	const w = Math.max(1, Math.floor(widthPx));
	if (canvas.width !== w * dpr || canvas.height !== heightPx * dpr) {
		canvas.width = w * dpr;
		canvas.height = heightPx * dpr;
	}
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	ctx.clearRect(0, 0, w, heightPx);
	return ctx;
}

/**
 * Calls `paint` on animation frames after `invalidate()` was called, at most once a frame.
 * Returns `invalidate` and `stop` (call it on destroy).
 */
export function redrawLoop(paint: () => void): { invalidate: () => void; stop: () => void } {
	let dirty = true;
	let frame: number | null = null;
	const tick = () => {
		frame = requestAnimationFrame(tick);
		if (!dirty) return;
		dirty = false;
		paint();
	};
	frame = requestAnimationFrame(tick);
	return {
		invalidate: () => {
			dirty = true;
		},
		stop: () => {
			if (frame !== null) cancelAnimationFrame(frame);
			frame = null;
		}
	};
}
