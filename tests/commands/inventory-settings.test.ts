/**
 * `stewards inventory` reads the settings file `scan` reads (`--config FILE`, else `.stewards.yaml` in the first
 * PATH, else in the working directory), with the same rules of trust: the keys of its own flags apply (`include`,
 * `exclude`, `maxFileSize`, `paths`; with --resolve `map`, `offline`, `artifactHubUrl`, `registryMirrors`), the
 * others are accepted unused, a mistyped key is an error, and a file inside a scanned PATH may not send, write, read
 * outside it nor raise a limit.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

/** A tree of three Dockerfiles (alpine at the top, debian in sub/, busybox in vendor/) and its `.stewards.yaml`. */
function tree(settings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-inventory-settings-'))
  mkdirSync(join(dir, 'sub'))
  mkdirSync(join(dir, 'vendor'))
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.19\n')
  writeFileSync(join(dir, 'sub', 'Dockerfile'), 'FROM debian:12\n')
  writeFileSync(join(dir, 'vendor', 'Dockerfile'), `FROM busybox:1.36\n${'# padding\n'.repeat(20)}`)
  if (settings !== undefined) writeFileSync(join(dir, '.stewards.yaml'), settings)
  return dir
}

const refs = (stdout: string) =>
  (JSON.parse(stdout) as {components: Array<{ref: string}>}).components.map((c) => c.ref).sort()

describe('inventory reads the settings file', () => {
  it("the working directory's: exclude applies, keys inventory has no use for are accepted", async () => {
    const dir = tree('exclude: [sub]\nsince: 2025-01-01\nfailOn: high\nrules: [default]\noutput: [json=r.json]\n')
    const r = await runCli(['inventory', '--json'], {cwd: dir})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(refs(r.stdout)).toEqual(['alpine:3.19', 'busybox:1.36'])
  })

  it("the first PATH's: include, exclude and a lower maxFileSize apply; flags win", async () => {
    const dir = tree('exclude: [sub]\nmaxFileSize: 100B\n')
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(2)
    expect(refs(r.stdout)).toEqual(['alpine:3.19'])
    expect(JSON.parse(r.stdout).errors).toEqual([
      {
        file: `${dir}/vendor/Dockerfile`,
        code: 'too-large',
        message: expect.stringContaining('--max-file-size'),
      },
    ])
    const flagged = await runCli(['inventory', dir, '--json', '--exclude', 'vendor', '--max-file-size', '1KB'])
    expect(flagged.code).toBe(0)
    expect(refs(flagged.stdout)).toEqual(['alpine:3.19', 'debian:12'])
    const included = await runCli(['inventory', dir, '--json', '--config', join(dir, '.stewards.yaml')], {})
    expect(refs(included.stdout)).toEqual(['alpine:3.19'])
  })

  it('--config FILE: the file named, trusted as the user’s own; paths: is what is walked without a PATH', async () => {
    const dir = tree()
    const settings = join(dir, 'mine.yaml')
    writeFileSync(settings, 'paths: [sub, vendor]\ninclude: [Dockerfile]\nmaxFileSize: 1TB\n')
    const r = await runCli(['inventory', '--config', settings, '--json'], {cwd: dir})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(refs(r.stdout)).toEqual(['busybox:1.36', 'debian:12'])
  })

  it('a mistyped key or a bad value is an error at its line (exit 3), before anything is read', async () => {
    const dir = tree('exclud: [sub]\n')
    const r = await runCli(['inventory', dir])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${dir}/.stewards.yaml:1:1: unknown key 'exclud'`)
    const size = await runCli(['inventory', tree('maxFileSize: huge\n')])
    expect(size.code).toBe(3)
    expect(size.stderr).toContain('.stewards.yaml:1:14: maxFileSize: not a size')
  })

  it('a file inside a scanned PATH is trusted as data from that tree (exit 3, the way out named)', async () => {
    const sends = tree('githubApiUrl: https://ghe.example.com/api/v3\n')
    const r = await runCli(['inventory', sends])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `Error: ${sends}/.stewards.yaml:1: githubApiUrl: a settings file inside a scanned path cannot choose where the GitHub token is sent\n` +
        `Hint: give it as a flag, in --config FILE or in .stewards.yaml of the working directory; --config ${sends}/.stewards.yaml trusts this file as your own\n`,
    )
    const raises = tree('maxFileSize: 1TB\n')
    const raised = await runCli(['inventory', raises])
    expect(raised.code).toBe(3)
    expect(raised.stderr).toContain(
      `${raises}/.stewards.yaml:1: maxFileSize: a settings file inside a scanned path may lower maxFileSize, not raise it past 50MB`,
    )
    const reads = tree('exclude: [sub]\nmap: ../../outside.yaml\n')
    const outside = await runCli(['inventory', reads])
    expect(outside.code).toBe(3)
    expect(outside.stderr).toContain(`${reads}/.stewards.yaml:2: map: '../../outside.yaml' is outside ${reads}/`)
    // The same file named with --config is the user's own.
    const trusted = await runCli(['inventory', raises, '--config', join(raises, '.stewards.yaml'), '--json'])
    expect(trusted.code).toBe(0)
    expect(refs(trusted.stdout)).toEqual(['alpine:3.19', 'busybox:1.36', 'debian:12'])
  })

  it('with --resolve, the settings map applies (offline from the settings too)', async () => {
    const dir = tree('exclude: [sub, vendor]\nmap: map.yaml\noffline: true\n')
    writeFileSync(
      join(dir, 'map.yaml'),
      'mappings:\n  - {match: docker.io/library/alpine, repo: github.com/example-org/alpine-image}\n',
    )
    const r = await runCli(['inventory', dir, '--resolve', '--json'], {
      env: {XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'xdg-'))},
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).resolution.groups.map((g: {repo: string}) => g.repo)).toEqual([
      'github.com/example-org/alpine-image',
    ])
    // What no map names is looked up, and offline: true keeps it to the cache (empty here): a PyPI package is a
    // cache miss, never a request.
    writeFileSync(join(dir, 'requirements.txt'), 'acme-lib==1.0\n')
    const offline = await runCli(['inventory', dir, '--resolve', '--json'], {
      env: {XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'xdg-'))},
    })
    // Offline and not cached: incomplete (exit 2), as --offline is.
    expect(offline.code).toBe(2)
    expect(
      JSON.parse(offline.stdout).resolution.unresolved.map(
        (u: {component: {ref: string}; reason: string}) => `${u.component.ref} ${u.reason}`,
      ),
    ).toEqual(['acme-lib==1.0 offline-cache-miss'])
    // Without --resolve, map: and offline: are accepted unused.
    const plain = await runCli(['inventory', dir, '--json'])
    expect(plain.code).toBe(0)
    expect(refs(plain.stdout)).toEqual(['acme-lib==1.0', 'alpine:3.19'])
  })
})

describe("a settings file's problems reach the user in stewards' words (scan and inventory alike)", () => {
  it('a number past its bound, a waiver with an unknown key (was an internal error, exit 4)', async () => {
    for (const command of ['scan', 'inventory']) {
      const dir = tree('failOn: high\nconcurrency: 1000\n')
      const r = await runCli([command, dir, '--config', join(dir, '.stewards.yaml')])
      expect(r.code).toBe(3)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(
        `${dir}/.stewards.yaml:2:14: concurrency: 1000 is more than 64, the most it may be\n` +
          'Hint: a whole number from 1 to 64, e.g. concurrency: 4\n',
      )
      const waiver = tree(
        'waivers:\n  - {rule: low-bus-factor, repository: example-org/widget, reason: r, approvedBy: a, expires: 2099-01-01, note: x}\n',
      )
      const typo = await runCli([command, waiver])
      expect(typo.code).toBe(3)
      expect(typo.stderr).toBe(
        `${waiver}/.stewards.yaml:2:107: waivers[0]: unknown key 'note'\n` +
          'Hint: each waiver has rule, repository (OWNER/REPO), reason, approvedBy and expires (YYYY-MM-DD), and may have component (README "Waivers")\n',
      )
    }
  })
})
