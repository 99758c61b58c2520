/**
 * GitHub App authentication (src/collect/app-auth.ts) against the GitHub emulator's app route
 * (tests/support/github-emulator/routes/apps.ts): the app's id, key and installation make an installation token,
 * which then reads the API like any token; it, the JWT and the key never reach any output.
 */
import {generateKeyPairSync} from 'node:crypto'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'
import {makeFifo} from '../support/fifo.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {appsRoute} from '../support/github-emulator/routes/apps.js'
import {fixtureRoot, freshCacheDir} from './helpers.js'

const INSTALLATION_TOKEN = 'ghs_installation0123456789abcdefABCDEF01'
const dir = mkdtempSync(join(tmpdir(), 'stewards-app-'))
// GitHub hands out PKCS#1 PEM keys ("BEGIN RSA PRIVATE KEY").
function pair() {
  const keys = generateKeyPairSync('rsa', {modulusLength: 2048})
  return {publicKey: keys.publicKey, privateKey: keys.privateKey.export({type: 'pkcs1', format: 'pem'}) as string}
}
const {privateKey, publicKey} = pair()
const keyFile = join(dir, 'app.pem')
writeFileSync(keyFile, privateKey)
const installation = {appId: 4242, installationId: 77, publicKey, token: INSTALLATION_TOKEN}
const app = appsRoute(installation)

let emulator: GithubEmulator
beforeAll(async () => {
  emulator = await startGithubEmulator({roots: [fixtureRoot], token: INSTALLATION_TOKEN, routes: [app]})
})
afterAll(() => emulator.close())

const collect = async (
  env: Record<string, string>,
  extra: string[] = [],
  target: {url?: string; repos?: string[]} = {},
) =>
  runCli(
    [
      'collect',
      ...(target.repos ?? ['example/widget']),
      '--json',
      '--github-api-url',
      target.url ?? emulator.url,
      '--since',
      '2024-01-01',
      '--until',
      '2025-01-01',
      '--cache-dir',
      await freshCacheDir(),
      ...extra,
    ],
    {env},
  )

const APP = {GITHUB_APP_ID: '4242', GITHUB_APP_INSTALLATION_ID: '77'}

describe('GitHub App authentication', () => {
  it('makes one installation token from the key file and reads the API with it; nothing secret is printed', async () => {
    emulator.requests.length = 0
    const issued = app.issued
    const r = await collect({...APP, GITHUB_APP_PRIVATE_KEY_FILE: keyFile})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).projects[0]).toMatchObject({repo: 'github.com/example/widget', status: 'ok'})
    expect(app.issued).toBe(issued + 1)
    const [first, ...rest] = emulator.requests
    expect(first).toMatchObject({method: 'POST', url: '/app/installations/77/access_tokens', status: 201})
    expect(first.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i)
    expect(rest.length).toBeGreaterThan(2)
    for (const request of rest) expect(request.authorization).toBe(`token ${INSTALLATION_TOKEN}`)
    const printed = r.stdout + r.stderr
    expect(printed).not.toContain(INSTALLATION_TOKEN)
    expect(printed).not.toContain(first.authorization!.slice(7, 40))
    expect(printed).not.toContain('PRIVATE KEY')
  })

  it('takes the key as text (one line with \\n, as secret stores keep it); --token wins over the app', async () => {
    // A new key for the app (GitHub allows several): the token made with the first one is not reused.
    const rotated = pair()
    installation.publicKey = rotated.publicKey
    const issued = app.issued
    const oneLine = rotated.privateKey.trim().replace(/\n/g, '\\n')
    const r = await collect({...APP, GITHUB_APP_PRIVATE_KEY: oneLine, GITHUB_TOKEN: 'ghp_unused'})
    expect(r.code).toBe(0)
    expect(app.issued).toBe(issued + 1)
    expect(emulator.requests.at(-1)?.authorization).toBe(`token ${INSTALLATION_TOKEN}`)
    emulator.requests.length = 0
    const flag = await collect({...APP, GITHUB_APP_PRIVATE_KEY: oneLine}, ['--token', INSTALLATION_TOKEN])
    expect(flag.code).toBe(0)
    expect(app.issued).toBe(issued + 1)
    expect(emulator.requests.some((q) => q.url.startsWith('/app/'))).toBe(false)
    installation.publicKey = publicKey
  })

  it('offline, no token is made', async () => {
    const issued = app.issued
    const r = await collect({...APP, GITHUB_APP_PRIVATE_KEY_FILE: keyFile}, ['--offline'])
    expect(r.code).toBe(2)
    expect(app.issued).toBe(issued)
  })

  it('a wrong key, an unknown installation, missing or invalid settings: exit 3 with a hint, no secret', async () => {
    const other = join(dir, 'other.pem')
    writeFileSync(other, pair().privateKey)
    const wrongKey = await collect({...APP, GITHUB_APP_PRIVATE_KEY_FILE: other})
    expect(wrongKey.code).toBe(3)
    expect(wrongKey.stderr).toContain(
      'GitHub App 4242: no installation token for installation 77 (401 A JSON web token could not be decoded)',
    )
    expect(wrongKey.stderr).toContain('Hint:')
    expect(wrongKey.stderr).not.toContain('PRIVATE KEY')

    const unknown = await collect({...APP, GITHUB_APP_INSTALLATION_ID: '78', GITHUB_APP_PRIVATE_KEY_FILE: keyFile})
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toContain('no installation token for installation 78 (404')

    const partial = await collect({GITHUB_APP_ID: '4242', GITHUB_APP_PRIVATE_KEY_FILE: keyFile})
    expect(partial.code).toBe(3)
    expect(partial.stderr).toContain('GitHub App authentication needs GITHUB_APP_INSTALLATION_ID')

    const notPem = await collect({...APP, GITHUB_APP_PRIVATE_KEY: 'not a key'})
    expect(notPem.code).toBe(3)
    expect(notPem.stderr).toContain('the GitHub App private key is not a PEM private key')

    const missingFile = await collect({...APP, GITHUB_APP_PRIVATE_KEY_FILE: join(dir, 'absent.pem')})
    expect(missingFile.code).toBe(3)
    expect(missingFile.stderr).toContain('cannot read the GitHub App private key (no such file or directory)')

    // A FIFO nothing writes to is refused at once (it made the run wait for a writer that never came). A pipe a
    // secret store writes (`<(vault …)`) is read as it comes (src/core/user-file.test.ts).
    if (process.platform !== 'win32') {
      const fifo = await collect({...APP, GITHUB_APP_PRIVATE_KEY_FILE: makeFifo(join(dir, 'fifo.pem'))})
      expect(fifo.code).toBe(3)
      expect(fifo.stderr).toContain('cannot read the GitHub App private key (it is a FIFO nothing writes to)')
    }
  })
})

describe('a collection that outlives an installation token', () => {
  it('makes a new token before the old one expires: no request refused, each token made is used, none printed', async () => {
    // Tokens that live 3 s (GitHub's live an hour; whole seconds, so 2 to 3 s, renewed with a quarter of that left) and
    // answers slowed to 0.6 s: its requests span about 4 s and need a second token.
    const keys = pair()
    const short = {
      appId: 4243,
      installationId: 78,
      publicKey: keys.publicKey,
      token: 'ghs_shortLived0123456789abcdefABCDEF0000',
      lifetimeSeconds: 3,
    }
    const route = appsRoute(short)
    const slow = await startGithubEmulator({
      roots: [fixtureRoot],
      routes: [route],
      faults: [{kind: 'slow', match: /^GET \/repos\//, delayMs: 600}],
    })
    try {
      const repos = ['example/widget', 'example/empty', 'example/gone', 'example/blocked']
      const r = await collect(
        {GITHUB_APP_ID: '4243', GITHUB_APP_INSTALLATION_ID: '78', GITHUB_APP_PRIVATE_KEY: keys.privateKey},
        ['--concurrency', '1'],
        {url: slow.url, repos},
      )
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout).projects.map((p: {status: string}) => p.status)).toEqual([
        'unavailable',
        'empty',
        'unavailable',
        'ok',
      ])
      expect(route.expired).toBe(0)
      const api = slow.requests.filter((q) => !q.url.startsWith('/app/'))
      expect(api.filter((q) => q.status === 401)).toEqual([])
      const used = new Set(api.map((q) => q.authorization))
      expect(route.issued).toBeGreaterThanOrEqual(2)
      expect(used.size).toBe(route.issued)
      for (const header of used) {
        expect(header).toMatch(/^token ghs_shortLived0123456789abcdefABCDEF\d{4}$/)
        expect(r.stdout).not.toContain(header!.slice(6))
      }
    } finally {
      await slow.close()
    }
  })
})
