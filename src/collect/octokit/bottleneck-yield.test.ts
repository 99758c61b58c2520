import {createRequire} from 'node:module'
import Bottleneck from 'bottleneck/light.js'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {bottleneckYieldsImmediately} from './bottleneck-yield.js'

/** The zero-delay timers a limiter sets while it runs `jobs` jobs one after another. */
async function zeroTimers(limiter: Bottleneck, jobs: number): Promise<number> {
  const timers = vi.spyOn(globalThis, 'setTimeout')
  try {
    for (let i = 0; i < jobs; i++) await limiter.schedule(() => Promise.resolve(i))
    return timers.mock.calls.filter(([, ms]) => !ms).length
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
    expect(bottleneckYieldsImmediately()).toBe(true)
    expect(await zeroTimers(new Bottleneck(), 5)).toBe(5)
    expect(await zeroTimers(new Bottleneck.Group({maxConcurrent: 10}).key('a'), 5)).toBe(5)
  })

  it('keeps what the limiters promise: concurrency, spacing, order, and a failed job retried after its wait', async () => {
    bottleneckYieldsImmediately()
    const limiter = new Bottleneck({maxConcurrent: 2})
    let running = 0
    let most = 0
    const done: number[] = []
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        limiter.schedule(async () => {
          running++
          most = Math.max(most, running)
          await new Promise((resolve) => setImmediate(resolve))
          running--
          done.push(i)
        }),
      ),
    )
    expect(most).toBe(2)
    expect(done).toEqual([0, 1, 2, 3, 4, 5])

    // A minTime is still a timer of that length: Bottleneck's own wait, untouched.
    const spaced = new Bottleneck({maxConcurrent: 1, minTime: 30})
    const timers = vi.spyOn(globalThis, 'setTimeout')
    await Promise.all([spaced.schedule(() => Promise.resolve(1)), spaced.schedule(() => Promise.resolve(2))])
    expect(timers.mock.calls.some(([, ms]) => typeof ms === 'number' && ms > 0 && ms <= 30)).toBe(true)
    timers.mockRestore()

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
