import {describe, expect, it} from 'vitest'
import {mapLimit} from './map-limit.js'

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

describe('mapLimit', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([30, 5, 20, 1, 10, 2], 2, async (ms) => {
      running++
      peak = Math.max(peak, running)
      await delay(ms)
      running--
      return ms * 10
    })
    expect(out).toEqual([300, 50, 200, 10, 100, 20])
    expect(peak).toBe(2)
  })

  it('still makes progress with a limit below one, and returns [] for no items', async () => {
    expect(await mapLimit([1, 2, 3], 0, async (n) => n + 1)).toEqual([2, 3, 4])
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([])
  })

  it('rejects with the first error', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom 2')
        return n
      }),
    ).rejects.toThrow('boom 2')
  })
})
