import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pkg, tempCacheDir} from '../../tests/support/registry-emulators/fixtures.js'
import {type Emulator, notFound, sendJson, startEmulator} from '../../tests/support/registry-emulators/server.js'
import {resolveComponents} from './index.js'

/** Registry answers are upstream data: credentials in the URLs they give never reach the resolution. */
const CANARIES = ['cnry-resolve-a-1', 'cnry-resolve-b-2', 'cnry-resolve-c-3', 'cnry-resolve-d-4']

let registry: Emulator
beforeAll(async () => {
  registry = await startEmulator((request, res) => {
    if (request.url === '/leaky/1.0.0')
      return sendJson(res, 200, {
        repository: {url: `git+https://user:${CANARIES[0]}@git.example.com`},
        homepage: `https://user:${CANARIES[1]}@home.example.com/leaky?token=${CANARIES[2]}`,
      })
    if (request.url === '/resolved/1.0.0')
      return sendJson(res, 200, {repository: `git+https://${CANARIES[3]}@github.com/example-org/resolved.git`})
    return notFound(res)
  })
})
afterAll(() => registry.close())

describe('resolution: the model entry of registry answers', () => {
  it('removes credentials from every URL a registry gives, keeping host and path', async () => {
    const run = await resolveComponents([pkg('npm', 'leaky', '1.0.0'), pkg('npm', 'resolved', '1.0.0')], {
      cacheDir: await tempCacheDir(),
      endpoints: {npm: registry.url, 'deps.dev': registry.url},
      prefer: 'native',
      retries: 0,
    })
    expect(run.groups.map((g) => g.repo)).toEqual(['github.com/example-org/resolved'])
    const leaky = run.unresolved.find((u) => u.component.name === 'leaky')
    expect(leaky?.attempts?.find((a) => a.resolver === 'npm-registry')?.detail).toBe(
      'npm leaky@1.0.0: no repository URL (saw repository.url=git+https://***@git.example.com, homepage=https://***@home.example.com/leaky?token=***)',
    )
    const text = JSON.stringify(run)
    for (const canary of CANARIES) expect(text).not.toContain(canary)
  })
})
