import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'inventory-resolve-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), {recursive: true})
    await writeFile(join(dir, name), text)
  }
  return dir
}

const GO_SUM = [
  'github.com/example-org/widget v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  'github.com/example-org/widget v1.2.0/go.mod h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=',
  'golang.org/x/text v0.25.0 h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=',
  'golang.org/x/text v0.25.0/go.mod h1:DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD=',
  '',
].join('\n')

describe('stewards inventory --resolve', () => {
  it('prints the resolution-rate table; offline, paths that need no registry still resolve (exit 0)', async () => {
    const dir = await project({'go.sum': GO_SUM})
    const r = await runCli(['inventory', dir, '--resolve', '--offline'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      [
        'ecosystem  total  resolved    rate  go-module  unresolved',
        '---------  -----  --------  ------  ---------  ----------',
        'golang         2         2  100.0%          2           0',
        'all            2         2  100.0%          2           0',
      ].join('\n'),
    )
  })

  it('--json carries the groups; an offline cache miss makes the run incomplete (exit 2) and says why', async () => {
    const dir = await project({'go.sum': GO_SUM, 'requirements.txt': 'example-internal-lib==1.0.0\n'})
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual([
      'github.com/example-org/widget',
      'github.com/golang/text',
    ])
    expect(
      out.resolution.unresolved.map((u: {component: {name: string}; reason: string}) => [u.component.name, u.reason]),
    ).toEqual([['example-internal-lib', 'offline-cache-miss']])
    expect(out.resolution.incomplete).toBe(true)
  })

  it('GOPRIVATE: a private module is not looked up on deps.dev; the public ones are', async () => {
    const dir = await project({
      'go.sum': `${GO_SUM}git.corp.example/team/lib v1.2.0 h1:EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE=\n`,
    })
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-')), GOPRIVATE: '*.corp.example'},
    })
    const out = JSON.parse(r.stdout)
    const lib = out.resolution.unresolved.find(
      (u: {component: {name: string}}) => u.component.name === 'git.corp.example/team/lib',
    )
    // The module's own host is still asked (offline: not cached); deps.dev is not.
    expect(lib.attempts.map((a: {resolver: string; reason: string}) => `${a.resolver} ${a.reason}`)).toEqual([
      'deps-dev unsupported',
      'go-module offline-cache-miss',
    ])
  })

  it('Terraform modules: a git module on GitHub resolves offline to its repository; a registry one needs the registry', async () => {
    const dir = await project({
      'infra/main.tf': [
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "~> 5.0"',
        '}',
        '',
        'module "widget" {',
        '  source = "github.com/example-org/terraform-widget?ref=v1.2.0"',
        '}',
        '',
        'module "local" {',
        '  source = "./modules/local"',
        '}',
        '',
      ].join('\n'),
    })
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    // The git module's repository is its own (no request); the registry one (its latest version's source, for a
    // constraint) needs the registry, which offline and uncached leaves the run incomplete.
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.components.map((c: {name: string; purl: string}) => c.purl)).toEqual([
      'pkg:terraform/github.com/example-org/terraform-widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fterraform-widget.git%40v1.2.0',
      'pkg:terraform/registry.terraform.io/terraform-aws-modules/vpc/aws',
    ])
    expect(out.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual([
      'github.com/example-org/terraform-widget',
    ])
    expect(
      out.resolution.unresolved.map(
        (u: {component: {name: string}; reason: string}) => `${u.component.name} ${u.reason}`,
      ),
    ).toEqual(['registry.terraform.io/terraform-aws-modules/vpc/aws offline-cache-miss'])
    expect(out.skipped.map((s: {line: number; reason: string}) => `${s.line} ${s.reason}`)).toEqual([
      '2 unresolved-version',
    ])
  })
})
