import {createRequire} from 'node:module'
import Bottleneck from 'bottleneck/light.js'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {bottleneckYieldsImmediately} from './bottleneck-yield.js'

/**
 * The zero-delay timers Bottleneck sets while a limiter runs `jobs` jobs one after another (its own only: the test
 * files of a worker share it, and another's leftover work may set timers meanwhile).
 */
async function zeroTimers(limiter: Bottleneck, jobs: number): Promise<number> {
  let count = 0
  const setTimeout = globalThis.setTimeout
  const timers = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
    if (!ms && /[\\/]bottleneck[\\/]/.test(new Error().stack ?? '')) count++
    return setTimeout(handler, ms)
  }) as typeof globalThis.setTimeout)
  try {
    for (let i = 0; i < jobs; i++) await limiter.schedule(() => Promise.resolve(i))
    return count
  } finally {
    timers.mockRestore()
  }
}

describe("Bottleneck's zero waits as immediates", () => {
  afterEach(() => vi.restoreAllMocks())

  it('is the Bottleneck release the patch was written for, reached through the package the plug-ins import', () => {
    const require = createRequire(import.meta.url)
    expect((require('bottleneck/package.json') as {version: string}).version).toBe('2.19.5')
    for (const plugin of ['@octokit/plugin-retry', '@octokit/plugin-throttling']) {
      const fromPlugin = createRequire(require.resolve(plugin))
      expect(fromPlugin.resolve('bottleneck/light.js'), plugin).toBe(require.resolve('bottleneck/light.js'))
    }
  })

  it('applies (once), and a job then sets one zero timer (Bottleneck’s own run) instead of four', async () => {
    expect(bottleneckYieldsImmediately()).toBe(true)
    const store = Object.getPrototypeOf((new Bottleneck() as unknown as {_store: object})._store)
    const patched = store.yieldLoop
    expect(bottleneckYieldsImmediately()).toBe(true)
    expect(store.yieldLoop).toBe(patched)
    expect(await zeroTimers(new Bottleneck(), 5)).toBe(5)
    expect(await zeroTimers(new Bottleneck.Group({maxConcurrent: 10}).key('a'), 5)).toBe(5)
  })

  it('keeps what the limiters promise: concurrency, spacing, order, and a failed job retried after its wait', async () => {
    bottleneckYieldsImmediately()
    const limiter = new Bottleneck({maxConcurrent: 2})
    let running = 0
    let most = 0
    const done: number[] = []
    // Each job holds its place until a second job runs beside it (or 200 ms pass: a limiter of one would still end),
    // so the limit is reached whatever the timers' order on a loaded machine.
    let release = () => {}
    const pair = new Promise<void>((resolve) => {
      release = resolve
      setTimeout(resolve, 200).unref()
    })
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        limiter.schedule(async () => {
          running++
          most = Math.max(most, running)
          if (running === 2) release()
          await pair
          running--
          done.push(i)
        }),
      ),
    )
    expect(most).toBe(2)
    expect(done).toEqual([0, 1, 2, 3, 4, 5])

    // A minTime still spaces the jobs: a lower bound (a slow machine only spaces them more), with room for Bottleneck's
    // Date.now() milliseconds and a timer's rounding (unspaced, the second starts within a millisecond or two).
    const spaced = new Bottleneck({maxConcurrent: 1, minTime: 30})
    const starts: number[] = []
    const start = () => Promise.resolve(starts.push(performance.now()))
    await Promise.all([spaced.schedule(start), spaced.schedule(start)])
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(20)

    // plugin-retry's use: the "failed" handler returns a wait, and the job runs again.
    const retrying = new Bottleneck()
    let attempts = 0
    retrying.on('failed', (_error, info) => (info.retryCount < 2 ? 1 : undefined))
    const result = await retrying.schedule(async () => {
      attempts++
      if (attempts < 3) throw new Error('glitch')
      return 'answer'
    })
    expect([result, attempts]).toEqual(['answer', 3])
  })
})
