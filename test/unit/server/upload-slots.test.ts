import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/lib/server/upload-slots';

describe('upload slots', () => {
	it('run at most their count of uploads at once, the rest in arrival order', async () => {
		const slots = new Slots(2);
		let running = 0;
		let most = 0;
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				slots.run(async () => {
					running++;
					most = Math.max(most, running);
					order.push(i);
					await new Promise((r) => setTimeout(r, 5));
					running--;
				})
			)
		);
		expect(most).toBe(2);
		expect(order).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('free a slot when an upload fails', async () => {
		const slots = new Slots(1);
		await expect(slots.run(async () => Promise.reject(new Error('bad upload')))).rejects.toThrow('bad upload');
		await expect(slots.run(async () => 'next')).resolves.toBe('next');
	});
});
