import {describe, expect, it} from 'vitest'
import {StewardsError} from '../core/errors.js'
import {collectFlags, collectOptionsFrom} from './flags.js'

const WINDOW_2024 = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

describe('collectOptionsFrom', () => {
  it('takes flags over the configuration file, the file over the defaults', async () => {
    const options = await collectOptionsFrom(
      {since: '2024-01-01', 'cache-dir': 'flag-cache', offline: false, concurrency: 2},
      {
        since: '2020-01-01',
        until: '2025-01-01',
        cacheDir: 'file-cache',
        offline: true,
        maxAge: '7d',
        onRateLimit: 'stop',
      },
    )
    expect(options).toMatchObject({
      window: WINDOW_2024,
      cacheDir: 'flag-cache',
      offline: false,
      concurrency: 2,
      maxAge: 7 * 24 * 3_600_000,
      onRateLimit: 'stop',
    })
  })

  it('defaults: wait at the rate limit, GitHub, no snapshot; a snapshot makes it the source', async () => {
    const plain = await collectOptionsFrom({since: '2024-01-01', until: '2025-01-01'}, {}, {})
    expect(plain).toMatchObject({window: WINDOW_2024, onRateLimit: 'wait'})
    expect(plain.source).toBeUndefined()
    expect(plain.maxAge).toBeUndefined()
    const replay = await collectOptionsFrom({since: '2024-01-01', until: '2025-01-01'}, {snapshot: 'bundle.json'}, {})
    expect(replay).toMatchObject({source: 'snapshot', snapshot: 'bundle.json'})
  })

  it('takes the token from the flag, else GITHUB_TOKEN, else GH_TOKEN: never from the file', async () => {
    const window = {since: '2024-01-01', until: '2025-01-01'}
    expect((await collectOptionsFrom({...window, token: 'flag'}, {}, {GITHUB_TOKEN: 'env'})).token).toBe('flag')
    expect((await collectOptionsFrom(window, {}, {GH_TOKEN: 'gh'})).token).toBe('gh')
    expect((await collectOptionsFrom(window, {}, {})).token).toBeUndefined()
  })

  it('refuses a bad date, window, duration or API URL as a usage error naming the flag', async () => {
    const cases: Array<[Parameters<typeof collectOptionsFrom>[0], string]> = [
      [{since: 'yesterday'}, 'bad-date'],
      [{since: '2025-01-01', until: '2024-01-01'}, 'bad-window'],
      [{'max-age': 'a week'}, 'bad-duration'],
      [{'github-api-url': ['https://user:secret@ghe.example.com/api/v3']}, 'bad-api-url'],
    ]
    for (const [flags, code] of cases) {
      let error: unknown
      try {
        await collectOptionsFrom(flags, {}, {})
      } catch (e) {
        error = e
      }
      expect(error, code).toBeInstanceOf(StewardsError)
      expect((error as StewardsError).code).toBe(code)
    }
  })

  it('declares one description and no oclif default, so the file can fill what a flag leaves out', async () => {
    for (const [name, flag] of Object.entries(collectFlags)) {
      expect(flag.description, name).toMatch(/\S/)
      expect((flag as {default?: unknown}).default, name).toBeUndefined()
    }
    expect(collectFlags['on-rate-limit'].options).toEqual(['wait', 'stop'])
  })
})
