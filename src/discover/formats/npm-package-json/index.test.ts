// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the .npmrc and .yarnrc.yml files under test
import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'
import {MAX_DEPTH, MAX_ENTRIES, MAX_PATTERNS} from './members.js'

type Output = Required<DiscoverOutput>

/** A context over a fixture folder on disk, counting the reads of each file. */
function folderContext(name: string): DiscoverContext & {reads: Map<string, number>} {
  const base = new URL(`./__fixtures__/${name}/`, import.meta.url)
  const reads = new Map<string, number>()
  return {
    reads,
    readText(file) {
      reads.set(file, (reads.get(file) ?? 0) + 1)
      try {
        return readFileSync(new URL(file, base), 'utf8')
      } catch {
        return null
      }
    },
    listDir(dir) {
      try {
        return readdirSync(new URL(dir === '.' ? './' : `${dir}/`, base)).sort()
      } catch {
        return null
      }
    },
  }
}

/** A context over files in memory; folders are the prefixes of their paths. */
function memoryContext(files: Record<string, string>): DiscoverContext & {reads: Map<string, number>} {
  const reads = new Map<string, number>()
  return {
    reads,
    readText(file) {
      reads.set(file, (reads.get(file) ?? 0) + 1)
      return Object.hasOwn(files, file) ? files[file] : null
    },
    listDir(dir) {
      const prefix = dir === '.' ? '' : `${dir}/`
      const names = new Set<string>()
      for (const path of Object.keys(files))
        if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0])
      return names.size > 0 ? [...names].sort() : null
    },
  }
}

function discover(text: string, file = 'package.json', context: DiscoverContext = memoryContext({})): Output {
  return discoverer.discover({file, text}, context) as Output
}

function discoverFixture(project: string, file: string, context = folderContext(project)): Output {
  const text = readFileSync(new URL(`./__fixtures__/${project}/${file}`, import.meta.url), 'utf8')
  return discover(text, file, context)
}

const rows = (out: Output) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )

const problems = (list: Array<{line?: number; message: string; code?: string; reason?: string}>) =>
  list.map((p) => `${p.line ?? '-'} ${p.code ?? p.reason} ${p.message}`)

describe('npm-package-json', () => {
  it('matches package.json at any depth, never inside node_modules or bower_components', () => {
    expect(discoverer.matches('package.json')).toBe(true)
    expect(discoverer.matches('packages/app/package.json')).toBe(true)
    expect(discoverer.matches('node_modules/left-pad/package.json')).toBe(false)
    expect(discoverer.matches('app/node_modules/@scope/x/package.json')).toBe(false)
    expect(discoverer.matches('bower_components/jquery/package.json')).toBe(false)
    expect(discoverer.matches('package-lock.json')).toBe(false)
    expect(discoverer.matches('my-package.json')).toBe(false)
  })

  it("lists a library's declared dependencies at their keys, exact pins with their version (express)", () => {
    const out = discoverFixture('express', 'package.json')
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '9:5 accepts ^2.0.0 - prod pkg:npm/accepts',
      '10:5 body-parser ^2.2.1 - prod pkg:npm/body-parser',
      '11:5 cookie ^0.7.1 - prod pkg:npm/cookie',
      '12:5 debug ^4.4.0 - prod pkg:npm/debug',
      '13:5 finalhandler ^2.1.0 - prod pkg:npm/finalhandler',
      '14:5 qs ^6.15.2 - prod pkg:npm/qs',
      '15:5 router ^2.2.0 - prod pkg:npm/router',
      '16:5 send ^1.1.0 - prod pkg:npm/send',
      '17:5 serve-static ^2.2.0 - prod pkg:npm/serve-static',
      '18:5 vary ^1.1.2 - prod pkg:npm/vary',
      '21:5 after 0.8.2 0.8.2 dev pkg:npm/after@0.8.2',
      '22:5 connect-redis ^8.0.1 - dev pkg:npm/connect-redis',
      '23:5 cookie-parser 1.4.7 1.4.7 dev pkg:npm/cookie-parser@1.4.7',
      '24:5 ejs ^3.1.10 - dev pkg:npm/ejs',
      '25:5 eslint 8.47.0 8.47.0 dev pkg:npm/eslint@8.47.0',
      '26:5 mocha ^11.7.5 - dev pkg:npm/mocha',
      '27:5 supertest ^6.3.0 - dev pkg:npm/supertest',
      '28:5 vhost ~3.0.2 - dev pkg:npm/vhost',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'npm')).toBe(true)
  })

  it("takes the workspace's own packages for local whatever their range, never a registry's (npm/cli)", () => {
    const context = folderContext('npm-cli')
    const out = discoverFixture('npm-cli', 'package.json', context)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '13:5 @isaacs/string-locale-compare ^1.1.0 - prod pkg:npm/%40isaacs/string-locale-compare',
      '14:5 @npmcli/arborist ^8.0.0 - prod local -',
      '15:5 @npmcli/config ^9.0.0 - prod local -',
      '16:5 @npmcli/fs ^4.0.0 - prod pkg:npm/%40npmcli/fs',
      '17:5 abbrev ^3.0.0 - prod pkg:npm/abbrev',
      '18:5 archy ~1.0.0 - prod pkg:npm/archy',
      '19:5 libnpmaccess ^9.0.0 - prod local -',
      '20:5 libnpmdiff ^7.0.0 - prod local -',
      '21:5 semver ^7.6.3 - prod pkg:npm/semver',
      // Private packages of the tree: asked of the public registry, their names would leak and may match another's.
      '35:5 @npmcli/docs ^1.0.0 - dev local -',
      '36:5 @npmcli/eslint-config ^5.0.1 - dev pkg:npm/%40npmcli/eslint-config',
      '37:5 @npmcli/mock-globals ^1.0.0 - dev local -',
      '38:5 @npmcli/mock-registry ^1.0.0 - dev local -',
      '39:5 @npmcli/template-oss 4.23.3 4.23.3 dev pkg:npm/%40npmcli/template-oss@4.23.3',
      '40:5 tap ^16.3.9 - dev pkg:npm/tap',
    ])
    // A member finds the same root above it: its dependency on a sibling is local too.
    const member = discoverFixture('npm-cli', 'workspaces/libnpmdiff/package.json', context)
    expect(rows(member)).toEqual([
      '12:5 @npmcli/arborist ^8.0.0 - prod local -',
      '13:5 @npmcli/installed-package-contents ^3.0.0 - prod pkg:npm/%40npmcli/installed-package-contents',
      '14:5 binary-extensions ^2.3.0 - prod pkg:npm/binary-extensions',
      '15:5 diff ^5.1.0 - prod pkg:npm/diff',
      '16:5 minimatch ^9.0.4 - prod pkg:npm/minimatch',
      '17:5 npm-package-arg ^12.0.0 - prod pkg:npm/npm-package-arg',
      '18:5 pacote ^19.0.0 - prod pkg:npm/pacote',
      '19:5 tar ^6.2.1 - prod pkg:npm/tar',
      '7:5 @npmcli/eslint-config ^5.0.1 - dev pkg:npm/%40npmcli/eslint-config',
      '8:5 @npmcli/template-oss 4.23.3 4.23.3 dev pkg:npm/%40npmcli/template-oss@4.23.3',
      '9:5 tap ^16.3.8 - dev pkg:npm/tap',
    ])
    // Each member's package.json was read once for the two files (the run's cache); the root once, by the member.
    for (const member of ['docs', 'mock-globals', 'workspaces/arborist', 'workspaces/libnpmaccess'])
      expect(context.reads.get(`${member}/package.json`)).toBe(1)
    expect(context.reads.get('package.json')).toBeUndefined()
    // Another run (another context) reads them again: nothing is kept between runs.
    const again = folderContext('npm-cli')
    discoverFixture('npm-cli', 'package.json', again)
    expect(again.reads.get('docs/package.json')).toBe(1)
  })

  it('reads a pnpm workspace: catalogs, workspace: ranges, optional peers, packageManager (vitest)', () => {
    const context = folderContext('vitest')
    const root = discoverFixture('vitest', 'package.json', context)
    expect(root.errors).toEqual([])
    expect(root.skipped).toEqual([])
    expect(rows(root)).toEqual([
      '16:5 @antfu/eslint-config ^9.3.0 - dev pkg:npm/%40antfu/eslint-config',
      '17:5 @playwright/test ^1.62.1 - dev pkg:npm/%40playwright/test',
      '18:5 @types/node 24.13.3 24.13.3 dev pkg:npm/%40types/node@24.13.3',
      '19:5 @vitest/browser workspace:* - dev local -',
      '20:5 @vitest/coverage-v8 workspace:* - dev local -',
      '21:5 @vitest/ui workspace:* - dev local -',
      '22:5 eslint ^10.8.1 - dev pkg:npm/eslint',
      '23:5 rollup ^4.62.4 - dev pkg:npm/rollup',
      '24:5 tinyglobby ^0.2.17 - dev pkg:npm/tinyglobby',
      '25:5 typescript ^5.9.3 - dev pkg:npm/typescript',
      '26:5 vite 8.0.11 8.0.11 dev pkg:npm/vite@8.0.11',
      '27:5 vitest workspace:* - dev local -',
      '6:3 pnpm@11.22.0 11.22.0 dev pkg:npm/pnpm@11.22.0',
    ])
    const member = discoverFixture('vitest', 'packages/coverage-v8/package.json', context)
    expect(member.errors).toEqual([])
    expect(member.skipped).toEqual([])
    expect(rows(member)).toEqual([
      '17:5 @bcoe/v8-coverage ^1.0.2 - prod pkg:npm/%40bcoe/v8-coverage',
      '18:5 ast-v8-to-istanbul ^1.0.5 - prod pkg:npm/ast-v8-to-istanbul',
      '19:5 istanbul-lib-coverage ^3.2.2 - prod pkg:npm/istanbul-lib-coverage',
      '20:5 istanbul-lib-report ^3.0.1 - prod pkg:npm/istanbul-lib-report',
      '21:5 istanbul-reports ^3.2.0 - prod pkg:npm/istanbul-reports',
      '22:5 magicast ^0.5.4 - prod pkg:npm/magicast',
      '23:5 obug ^2.1.4 - prod pkg:npm/obug',
      '24:5 std-env ^4.2.0 - prod pkg:npm/std-env',
      '25:5 tinyrainbow ^3.1.1 - prod pkg:npm/tinyrainbow',
      '28:5 @types/istanbul-lib-coverage ^2.0.6 - dev pkg:npm/%40types/istanbul-lib-coverage',
      '29:5 @types/istanbul-lib-report ^3.0.3 - dev pkg:npm/%40types/istanbul-lib-report',
      '30:5 @types/istanbul-reports ^3.0.4 - dev pkg:npm/%40types/istanbul-reports',
      '31:5 @vitest/browser workspace:* - dev local -',
      '32:5 @vitest/browser-playwright workspace:* - dev local -',
      '33:5 pathe ^2.0.3 - dev pkg:npm/pathe',
      '34:5 vitest workspace:* - dev local -',
      // peerDependenciesMeta: @vitest/browser is an optional peer.
      '8:5 @vitest/browser workspace:* - optional local -',
      '9:5 vitest workspace:* - peer local -',
    ])
    expect(context.reads.get('pnpm-workspace.yaml')).toBe(1)
  })

  it('tells every kind of range apart: versions, ranges, aliases, paths, git, URLs', () => {
    const out = discover(`{
  "name": "example-app",
  "dependencies": {
    "exact": "1.2.3",
    "equals": "=1.2.3",
    "vee": "v2.0.0-beta.1+build.5",
    "caret": "^1.2.3",
    "tilde": "~1.2",
    "between": ">=1 <2",
    "xrange": "1.x",
    "star": "*",
    "tag": "latest",
    "empty": "",
    "alias": "npm:@example-corp/real@^3.1.0",
    "pinned-alias": "npm:real-two@4.0.0",
    "file": "file:../file",
    "link": "link:../link",
    "portal": "portal:../portal",
    "relative": "./vendor/relative",
    "home": "~/relative",
    "tarball": "vendor/thing-1.0.0.tgz",
    "git-ssh": "git+ssh://git@github.com/example-corp/git-ssh.git#v1.0.0",
    "git-https": "git+https://gitlab.example.com/acme/git-https.git",
    "hosted": "github:example-corp/hosted#semver:^1.0",
    "gitlab": "gitlab:acme/gl",
    "bitbucket": "bitbucket:acme/bb",
    "shorthand": "example-corp/shorthand#main",
    "scp": "git@github.com:example-corp/scp.git",
    "page": "https://github.com/example-corp/page",
    "url": "https://cdn.example.com/url-1.0.0.tgz",
    "public-tarball": "https://registry.npmjs.org/public-tarball/-/public-tarball-1.0.0.tgz",
    "private-tarball": "https://npm.example-corp.com/private-tarball/-/private-tarball-1.0.0.tgz",
    "jsr": "jsr:@std/path@^1.0.0",
    "patched": "patch:lodash@npm%3A4.17.21#./patches/lodash.patch",
    "generated": "exec:./generate.js"
  }
}
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:5 exact 1.2.3 1.2.3 prod pkg:npm/exact@1.2.3',
      '5:5 equals =1.2.3 1.2.3 prod pkg:npm/equals@1.2.3',
      '6:5 vee v2.0.0-beta.1+build.5 2.0.0-beta.1+build.5 prod pkg:npm/vee@2.0.0-beta.1+build.5',
      '7:5 caret ^1.2.3 - prod pkg:npm/caret',
      '8:5 tilde ~1.2 - prod pkg:npm/tilde',
      '9:5 between >=1 <2 - prod pkg:npm/between',
      '10:5 xrange 1.x - prod pkg:npm/xrange',
      '11:5 star * - prod pkg:npm/star',
      '12:5 tag latest - prod pkg:npm/tag',
      '13:5 empty - prod pkg:npm/empty',
      '14:5 alias npm:@example-corp/real@^3.1.0 - prod pkg:npm/%40example-corp/real',
      '15:5 pinned-alias npm:real-two@4.0.0 4.0.0 prod pkg:npm/real-two@4.0.0',
      '16:5 file file:../file - prod local -',
      '17:5 link link:../link - prod local -',
      '18:5 portal portal:../portal - prod local -',
      '19:5 relative ./vendor/relative - prod local -',
      '20:5 home ~/relative - prod local -',
      '21:5 tarball vendor/thing-1.0.0.tgz - prod local -',
      '22:5 git-ssh git+ssh://git@github.com/example-corp/git-ssh.git#v1.0.0 - prod pkg:npm/git-ssh?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-corp%2Fgit-ssh.git%23v1.0.0',
      '23:5 git-https git+https://gitlab.example.com/acme/git-https.git - prod pkg:npm/git-https?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.example.com%2Facme%2Fgit-https.git',
      '24:5 hosted github:example-corp/hosted#semver:^1.0 - prod pkg:npm/hosted?vcs_url=github%3Aexample-corp%2Fhosted%23semver%3A%5E1.0',
      '25:5 gitlab gitlab:acme/gl - prod pkg:npm/gitlab?vcs_url=gitlab%3Aacme%2Fgl',
      '26:5 bitbucket bitbucket:acme/bb - prod pkg:npm/bitbucket?vcs_url=bitbucket%3Aacme%2Fbb',
      '27:5 shorthand example-corp/shorthand#main - prod pkg:npm/shorthand?vcs_url=github%3Aexample-corp%2Fshorthand%23main',
      '28:5 scp git@github.com:example-corp/scp.git - prod pkg:npm/scp?vcs_url=git%40github.com%3Aexample-corp%2Fscp.git',
      '29:5 page https://github.com/example-corp/page - prod pkg:npm/page?vcs_url=https%3A%2F%2Fgithub.com%2Fexample-corp%2Fpage',
      '30:5 url https://cdn.example.com/url-1.0.0.tgz - prod pkg:npm/url?download_url=https%3A%2F%2Fcdn.example.com%2Furl-1.0.0.tgz',
      '31:5 public-tarball https://registry.npmjs.org/public-tarball/-/public-tarball-1.0.0.tgz - prod pkg:npm/public-tarball',
      '32:5 private-tarball https://npm.example-corp.com/private-tarball/-/private-tarball-1.0.0.tgz - prod pkg:npm/private-tarball?repository_url=https%3A%2F%2Fnpm.example-corp.com',
      // yarn's patch: the package its source descriptor names, which yarn fetches and then patches.
      '34:5 patched patch:lodash@npm%3A4.17.21#./patches/lodash.patch 4.17.21 prod pkg:npm/lodash@4.17.21',
      '35:5 generated exec:./generate.js - prod local -',
    ])
    expect(problems(out.skipped)).toEqual([
      '33 unsupported jsr: jsr:@std/path@^1.0.0 is a JSR package (https://jsr.io), not an npm registry package of this name: not listed',
    ])
  })

  it('lists a name in optionalDependencies and dependencies once, as optional; peers with their meta', () => {
    const out = discover(`{
  "dependencies": {"both": "^1.0.0", "only-prod": "^2.0.0"},
  "optionalDependencies": {"both": "^1.0.0", "fsevents": "2.3.3"},
  "peerDependencies": {"react": "^18 || ^19", "react-dom": "*"},
  "peerDependenciesMeta": {"react-dom": {"optional": true}, "not-a-peer": {"optional": true}},
  "bundleDependencies": ["only-prod"],
  "overrides": {"semver": "7.5.4"},
  "resolutions": {"minimist": "1.2.8"},
  "pnpm": {"overrides": {"debug": "4.3.4"}},
  "publishConfig": {"registry": "https://npm.example-corp.com/"},
  "engines": {"node": ">=20"}
}`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:38 only-prod ^2.0.0 - prod pkg:npm/only-prod',
      '3:28 both ^1.0.0 - optional pkg:npm/both',
      '3:46 fsevents 2.3.3 2.3.3 optional pkg:npm/fsevents@2.3.3',
      '4:24 react ^18 || ^19 - peer pkg:npm/react',
      '4:47 react-dom * - optional pkg:npm/react-dom',
    ])
  })

  it('takes catalog: ranges from pnpm-workspace.yaml, named catalogs, and says when one is missing', () => {
    const context = memoryContext({
      'pnpm-workspace.yaml': `packages:
  - 'apps/*'
catalog:
  react: ^18.3.1
catalogs:
  default:
    lodash: 4.17.21
  legacy:
    react: 17.0.2
  __proto__:
    polluted: 1.0.0
`,
      'package.json': '{"name": "acme-root", "private": true}',
      'apps/web/package.json': '{"name": "@acme/web"}',
    })
    const out = discover(
      `{
  "name": "@acme/web",
  "dependencies": {
    "react": "catalog:",
    "lodash": "catalog:default",
    "react-legacy": "catalog:legacy",
    "old-react": "catalog:legacy",
    "missing": "catalog:",
    "nowhere": "catalog:nowhere",
    "acme-root": "*"
  }
}`,
      'apps/web/package.json',
      context,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:5 react ^18.3.1 - prod pkg:npm/react',
      '5:5 lodash 4.17.21 4.17.21 prod pkg:npm/lodash@4.17.21',
      '6:5 react-legacy catalog:legacy - prod pkg:npm/react-legacy',
      '7:5 old-react catalog:legacy - prod pkg:npm/old-react',
      '8:5 missing catalog: - prod pkg:npm/missing',
      '9:5 nowhere catalog:nowhere - prod pkg:npm/nowhere',
      // The workspace root is a package of the tree too.
      '10:5 acme-root * - prod local -',
    ])
    expect(problems(out.skipped)).toEqual([
      "6 unresolved-version react-legacy: catalog:legacy names the catalog 'legacy', which the workspace (pnpm-workspace.yaml, .yarnrc.yml, the root package.json) does not have or which does not list it",
      "7 unresolved-version old-react: catalog:legacy names the catalog 'legacy', which the workspace (pnpm-workspace.yaml, .yarnrc.yml, the root package.json) does not have or which does not list it",
      '8 unresolved-version missing: catalog: names the default catalog, which the workspace (pnpm-workspace.yaml, .yarnrc.yml, the root package.json) does not have or which does not list it',
      "9 unresolved-version nowhere: catalog:nowhere names the catalog 'nowhere', which the workspace (pnpm-workspace.yaml, .yarnrc.yml, the root package.json) does not have or which does not list it",
    ])
  })

  it('takes the catalogs of a named catalog entry by its package name', () => {
    const context = memoryContext({
      'pnpm-workspace.yaml': 'packages: []\ncatalogs:\n  legacy:\n    react: 17.0.2\n',
    })
    const out = discover('{"dependencies": {"react": "catalog:legacy"}}', 'package.json', context)
    expect(rows(out)).toEqual(['1:19 react 17.0.2 17.0.2 prod pkg:npm/react@17.0.2'])
    expect(out.skipped).toEqual([])
  })

  it("reads Bun's catalogs in the root package.json and yarn's in .yarnrc.yml", () => {
    const bun = memoryContext({
      'package.json': JSON.stringify({
        name: 'acme-bun',
        workspaces: {packages: ['packages/*'], catalog: {zod: '^3.23.0'}, catalogs: {testing: {jest: '29.7.0'}}},
      }),
      'packages/api/package.json': '{}',
    })
    const fromBun = discover(
      '{"dependencies": {"zod": "catalog:"}, "devDependencies": {"jest": "catalog:testing"}}',
      'packages/api/package.json',
      bun,
    )
    expect(rows(fromBun)).toEqual([
      '1:19 zod ^3.23.0 - prod pkg:npm/zod',
      '1:59 jest 29.7.0 29.7.0 dev pkg:npm/jest@29.7.0',
    ])
    const yarn = memoryContext({
      'package.json': '{"name": "acme-yarn", "workspaces": ["packages/*"]}',
      '.yarnrc.yml':
        'npmAuthToken: secret-never-read\ncatalog:\n  lodash: ^4.17.21\ncatalogs:\n  react18:\n    react: ^18.3.1\n',
    })
    const fromYarn = discover(
      '{"dependencies": {"lodash": "catalog:", "react": "catalog:react18"}}',
      'packages/ui/package.json',
      yarn,
    )
    expect(rows(fromYarn)).toEqual([
      '1:19 lodash ^4.17.21 - prod pkg:npm/lodash',
      '1:41 react ^18.3.1 - prod pkg:npm/react',
    ])
    expect(JSON.stringify(fromYarn)).not.toContain('secret-never-read')
  })

  it('never takes a member dependency for a registry package: globs, exclusions, {packages: [...]}, nested roots', () => {
    const context = memoryContext({
      'package.json': JSON.stringify({
        name: '@example-corp/monorepo',
        workspaces: {packages: ['packages/**', 'tools/cli', '!packages/legacy/**', '../outside']},
      }),
      'packages/core/package.json': '{"name": "@example-corp/core"}',
      'packages/plugins/auth/package.json': '{"name": "@example-corp/auth"}',
      'packages/legacy/old/package.json': '{"name": "@example-corp/old"}',
      'packages/node_modules/hidden/package.json': '{"name": "@example-corp/hidden"}',
      'tools/cli/package.json': '{"name": "example-cli"}',
      'tools/other/package.json': '{"name": "example-other"}',
    })
    const out = discover(
      `{
  "name": "@example-corp/web",
  "dependencies": {
    "@example-corp/core": "^2.0.0",
    "@example-corp/auth": "1.4.0",
    "@example-corp/old": "^1.0.0",
    "@example-corp/hidden": "^1.0.0",
    "example-cli": "latest",
    "example-other": "^1.0.0",
    "@example-corp/web": "*"
  }
}`,
      'packages/web/package.json',
      context,
    )
    expect(rows(out)).toEqual([
      '4:5 @example-corp/core ^2.0.0 - prod local -',
      '5:5 @example-corp/auth 1.4.0 - prod local -',
      // Excluded by `!`, or in node_modules, or named by no pattern: not members.
      '6:5 @example-corp/old ^1.0.0 - prod pkg:npm/%40example-corp/old',
      '7:5 @example-corp/hidden ^1.0.0 - prod pkg:npm/%40example-corp/hidden',
      '8:5 example-cli latest - prod local -',
      '9:5 example-other ^1.0.0 - prod pkg:npm/example-other',
      // The file's own name.
      '10:5 @example-corp/web * - prod local -',
    ])
    expect(problems(out.skipped)).toEqual([
      "- unsupported workspace pattern '../outside' leaves the workspace: not read",
    ])
    expect(out.skipped[0].file).toBe('package.json')
  })

  it('marks a package of a registry .npmrc or .yarnrc.yml names with it, beside the file or at the workspace root', () => {
    const npmrc = memoryContext({
      'package.json': '{"workspaces": ["apps/*"]}',
      '.npmrc': '@acme:registry=https://npm.acme.example/\n//npm.acme.example/:_authToken=npm-token-never-read\n',
    })
    const out = discover(
      '{"name": "@acme/app", "dependencies": {"@acme/ui": "^1.0.0", "left-pad": "1.3.0"}, "publishConfig": {"registry": "https://publish.example.com/"}}',
      'apps/app/package.json',
      npmrc,
    )
    expect(rows(out)).toEqual([
      '1:40 @acme/ui ^1.0.0 - prod pkg:npm/%40acme/ui?repository_url=https%3A%2F%2Fnpm.acme.example',
      '1:62 left-pad 1.3.0 1.3.0 prod pkg:npm/left-pad@1.3.0',
    ])
    expect(JSON.stringify(out)).not.toContain('npm-token-never-read')
    // The one beside the file wins over the root's.
    const beside = memoryContext({
      'package.json': '{"workspaces": ["apps/*"]}',
      '.npmrc': '@acme:registry=https://npm.acme.example/\n',
      'apps/app/.npmrc': 'registry=https://mirror.example.com/npm/\n',
    })
    expect(
      rows(discover('{"dependencies": {"@acme/ui": "^1.0.0"}}', 'apps/app/package.json', beside)).map((row) =>
        row.replace(/^\S+ /, ''),
      ),
    ).toEqual(['@acme/ui ^1.0.0 - prod pkg:npm/%40acme/ui?repository_url=https%3A%2F%2Fmirror.example.com%2Fnpm'])
    const yarn = memoryContext({
      '.yarnrc.yml':
        'npmScopes:\n  acme:\n    npmRegistryServer: "https://yarn.acme.example"\n    npmAuthToken: yarn-token-never-read\n',
    })
    const fromYarn = discover('{"dependencies": {"@acme/ui": "^1.0.0", "react": "^18"}}', 'package.json', yarn)
    expect(rows(fromYarn)).toEqual([
      '1:19 @acme/ui ^1.0.0 - prod pkg:npm/%40acme/ui?repository_url=https%3A%2F%2Fyarn.acme.example',
      '1:41 react ^18 - prod pkg:npm/react',
    ])
    expect(JSON.stringify(fromYarn)).not.toContain('yarn-token-never-read')
    const broken = memoryContext({'.yarnrc.yml': 'npmScopes: [\n'})
    expect(problems(discover('{"dependencies": {"a": "1"}}', 'package.json', broken).errors)).toEqual([
      expect.stringMatching(/^\d+ invalid-yaml .*the registries it names are not known$/),
    ])
  })

  it('lists the package manager Corepack fetches, by its npm package', () => {
    const one = (value: unknown) => discover(JSON.stringify({packageManager: value}))
    expect(rows(one('pnpm@9.1.0+sha512.0123abcd'))).toEqual([
      '1:2 pnpm@9.1.0+sha512.0123abcd 9.1.0 dev pkg:npm/pnpm@9.1.0',
    ])
    expect(rows(one('yarn@4.1.0+sha224.abc'))).toEqual([
      '1:2 yarn@4.1.0+sha224.abc 4.1.0 dev pkg:npm/%40yarnpkg/cli-dist@4.1.0',
    ])
    expect(rows(one('yarn@1.22.22'))).toEqual(['1:2 yarn@1.22.22 1.22.22 dev pkg:npm/yarn@1.22.22'])
    expect(rows(one('npm@https://cdn.example.com/npm-10.0.0.tgz'))).toEqual([
      '1:2 npm@https://cdn.example.com/npm-10.0.0.tgz - dev pkg:npm/npm?download_url=https%3A%2F%2Fcdn.example.com%2Fnpm-10.0.0.tgz',
    ])
    for (const bad of [42, 'Not A Name@1.0.0']) {
      const out = one(bad)
      expect(out.components).toEqual([])
      expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['1:2 invalid-entry'])
    }
  })

  it('skips a packageManager without one exact version, naming the tool: npm ignores the field, Corepack refuses it only when it runs', () => {
    const one = (value: string) => discover(`{\n  "name": "app",\n  "packageManager": ${JSON.stringify(value)}\n}`)
    const expected: Record<string, string> = {
      yarn: 'yarn with no version',
      pnpm: 'pnpm with no version',
      'yarn@3.2': 'yarn with 3.2, not one exact version',
      'pnpm@^9': 'pnpm with ^9, not one exact version',
      'pnpm@latest': 'pnpm with latest, not one exact version',
    }
    for (const [value, why] of Object.entries(expected)) {
      const out = one(value)
      expect(out.components).toEqual([])
      expect(out.errors).toEqual([])
      expect(problems(out.skipped)).toEqual([
        `3 unresolved-version packageManager: '${value}': ${why} (Corepack refuses it when it runs; npm ignores the field): not listed`,
      ])
    }
  })

  it('reports bad entries at their line and reads the rest', () => {
    const out = discover(`{
  "dependencies": {
    "ok": "^1.0.0",
    "number": 42,
    "object": {"version": "1.0.0"},
    "Not Valid!": "^1.0.0",
    "bad-alias": "npm:not a name@1.0.0",
    "__proto__": "^1.0.0",
    "constructor": "^1.0.0",
    "ok": "^2.0.0"
  },
  "devDependencies": ["not", "an", "object"],
  "optionalDependencies": null,
  "peerDependencies": "react",
  "bundleDependencies": []
}`)
    expect(rows(out)).toEqual(['10:5 ok ^2.0.0 - prod pkg:npm/ok', '9:5 constructor ^1.0.0 - prod pkg:npm/constructor'])
    expect(problems(out.errors)).toEqual([
      "8 forbidden-key forbidden key '__proto__' ignored",
      "10 duplicate-key duplicate key 'ok' (the last value is used)",
      '4 invalid-entry dependencies.number: expected a string (a range, a path or a URL)',
      '5 invalid-entry dependencies.object: expected a string (a range, a path or a URL)',
      "6 invalid-entry dependencies: 'Not Valid!' is not an npm package name",
      "7 invalid-entry dependencies.bad-alias: 'not a name', the alias's target, is not an npm package name",
      '14 invalid-entry peerDependencies must be an object of package names and ranges',
    ])
    // normalize-package-data: null is dropped, an array is its deprecated form (not read; an empty one is nothing).
    expect(problems(out.skipped)).toEqual([
      "12 unsupported devDependencies is an array (npm's deprecated form of 3 'name@range' entries): not read",
    ])
    expect(discover('{"dependencies": [], "devDependencies": null, "peerDependencies": {}}')).toEqual({
      components: [],
      skipped: [],
      errors: [],
    })
    expect(Object.getPrototypeOf({})).not.toHaveProperty('ok')
  })

  it('gives a JSON syntax error its line and column, and refuses a root that is not an object', () => {
    expect(problems(discover('{\n  "dependencies": {\n    "a": "1.0.0",\n  }\n}').errors)).toEqual([
      expect.stringMatching(/^4 invalid-json invalid JSON: /),
    ])
    expect(discover('{\n  "dependencies": {\n    "a": "1.0.0",\n  }\n}').errors[0].column).toBe(3)
    expect(problems(discover('["dependencies"]').errors)).toEqual(['1 invalid-lockfile expected a JSON object'])
    expect(problems(discover('').errors)).toEqual(['1 invalid-json invalid JSON: a value expected'])
    const deep = `{"dependencies": {"a": "1.0.0"}, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    const out = discover(deep)
    expect(out.components).toEqual([])
    expect(problems(out.errors)).toEqual(['1 invalid-json invalid JSON: nested deeper than 1000 levels'])
  })

  it('reads 10,000 dependencies, each at its own line', () => {
    const names = Array.from({length: 10_000}, (_, index) => `pkg-${index}`)
    const text = `{\n  "dependencies": {\n${names.map((name) => `    "${name}": "1.0.${name.length}"`).join(',\n')}\n  }\n}\n`
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(10_000)
    expect(rows(out).at(-1)).toBe('10002:5 pkg-9999 1.0.8 1.0.8 prod pkg:npm/pkg-9999@1.0.8')
    expect(rows(out)[0]).toBe('3:5 pkg-0 1.0.5 1.0.5 prod pkg:npm/pkg-0@1.0.5')
  })

  it('bounds the walk of a workspace glob through a looping or huge tree, and says what it left out', () => {
    // Every folder holds one more: a link back to itself (`loop -> .`) seen through listDir.
    let listings = 0
    const looping: DiscoverContext = {
      readText: (file) => (file === 'package.json' ? '{"workspaces": ["packages/**"]}' : null),
      listDir: () => {
        listings++
        return ['loop']
      },
    }
    const out = discover('{"dependencies": {"a": "^1"}}', 'packages/x/package.json', looping)
    expect(rows(out)).toEqual(['1:19 a ^1 - prod pkg:npm/a'])
    expect(out.skipped).toEqual([])
    // `packages` and the folders under it, each listed once, down to MAX_DEPTH levels below it.
    expect(listings).toBe(MAX_DEPTH)

    // A folder of 100,000 names runs out of the budget once: it is said, and nothing past it is read.
    const reads: string[] = []
    const huge: DiscoverContext = {
      readText: (file) => {
        reads.push(file)
        return file === 'package.json' ? '{"workspaces": ["packages/*", "more/*"]}' : null
      },
      listDir: () => Array.from({length: 100_000}, (_, index) => `p${index}`),
    }
    const cut = discover('{"dependencies": {"a": "^1"}}', 'packages/x/package.json', huge)
    expect(problems(cut.skipped)).toEqual([
      `- unsupported workspace patterns name more than ${MAX_ENTRIES} folders and files: members past them are not known (a dependency on one is looked up by its name)`,
    ])
    // 100,000 patterns: the first MAX_PATTERNS are tried, and a pattern of a million slashes is passed over.
    const patterns = Array.from({length: 100_000}, (_, index) => (index % 2 ? `!skip/${index}` : `dir/${index}`))
    const many = discover(
      '{"dependencies": {"a": "^1"}}',
      'package.json',
      memoryContext({'pnpm-workspace.yaml': `packages:\n  - "${'/'.repeat(1_000_000)}x"\n`}),
    )
    expect(problems(many.skipped)).toEqual([
      expect.stringMatching(
        /^- unsupported workspace pattern '\/{120}… \(999801 characters left out\) …\/{79}x' is too long to be read: its members are not known$/,
      ),
    ])
    const listed = memoryContext({'dir/0/package.json': '{"name": "zero"}'})
    const first = discover(
      JSON.stringify({dependencies: {zero: '1.0.0'}, workspaces: patterns}),
      'package.json',
      listed,
    )
    expect(problems(first.skipped)).toEqual([
      `- unsupported ${patterns.length} workspace patterns: the first ${MAX_PATTERNS} are read, the members of the others are not known`,
    ])
    expect(rows(first)).toEqual(['1:18 zero 1.0.0 - prod local -'])
    expect([...listed.reads.keys()].filter((file) => file.startsWith('dir/'))).toHaveLength(MAX_PATTERNS / 2)

    // The workspace's and the settings' files: no member's package.json.
    expect(reads.filter((file) => file.endsWith('package.json'))).toEqual(['packages/package.json', 'package.json'])
  })

  it('says when a workspace pattern is not a glob read here, or pnpm-workspace.yaml is broken', () => {
    const out = discover(
      '{"dependencies": {"a": "^1"}}',
      'package.json',
      memoryContext({'pnpm-workspace.yaml': 'packages:\n  - "packages/[ab]*"\n  - "!(x)"\n'}),
    )
    expect(problems(out.skipped)).toEqual([
      "- unsupported workspace pattern 'packages/[ab]*' is not a glob read here: its members are not known",
      "- unsupported workspace pattern '!(x)' is not a glob read here: nothing is excluded",
    ])
    const broken = discover(
      '{"dependencies": {"a": "^1"}}',
      'package.json',
      memoryContext({'pnpm-workspace.yaml': 'packages:\n  - a\n bad: [\n'}),
    )
    expect(broken.errors.map((e) => `${e.file} ${e.code}`)).toEqual(['pnpm-workspace.yaml invalid-yaml'])
    expect(broken.errors[0].message).toMatch(/the workspace's packages and catalogs it names are not known$/)
    expect(rows(broken)).toEqual(['1:19 a ^1 - prod pkg:npm/a'])
  })

  it('lists a link: folder under any key yarn takes for local, and keeps name errors for registry packages (babel)', () => {
    const root = discoverFixture('babel', 'package.json')
    expect(root.errors).toEqual([])
    expect(rows(root)).toEqual([
      '8:5 $repo-utils link:./scripts/repo-utils - dev local -',
      '9:5 @actions/github 9.1.1 9.1.1 dev pkg:npm/%40actions/github@9.1.1',
      // Members' names (packages/babel-cli, packages/babel-core): linked whatever the range.
      '10:5 @babel/cli ^8.0.1 - dev local -',
      '11:5 @babel/core ^8.0.1 - dev local -',
      '12:5 @babel/eslint-parser workspace:^ - dev local -',
      // Before, skipped as unsupported: yarn's patch of @rollup/plugin-commonjs@npm:29.0.2 (babel's package.json).
      '13:5 @rollup/plugin-commonjs patch:@rollup/plugin-commonjs@npm%3A29.0.2#~/.yarn/patches/@rollup-plugin-commonjs-npm-29.0.2-18c3a497d8.patch 29.0.2 dev pkg:npm/%40rollup/plugin-commonjs@29.0.2',
      '14:5 core-js ^3.48.0 - dev pkg:npm/core-js',
      '15:5 typescript 6.0.2 6.0.2 dev pkg:npm/typescript@6.0.2',
      '6:3 yarn@4.17.0+sha512.c2957de2f9025ab14d63b24d0d8be1f1655810e22c341042c27f7ecd017b180ec12db73d69ac366d71b304ef9f069349ce462de96f04f8f1da317f4f762c95ae 4.17.0 dev pkg:npm/%40yarnpkg/cli-dist@4.17.0',
    ])
    expect(problems(root.skipped)).toEqual([])
    const benchmark = discoverFixture('babel', 'benchmark/package.json')
    expect(benchmark.errors).toEqual([])
    expect(rows(benchmark)).toEqual([
      '6:5 $repo-utils link:../scripts/repo-utils - dev local -',
      // An `npm:` alias of a member's name: the published package, fetched from the registry (not the member).
      '7:5 @babel-baseline/cli npm:@babel/cli@7.27.1 7.27.1 dev pkg:npm/%40babel/cli@7.27.1',
      '8:5 @babel-baseline/core npm:@babel/core@7.24.4 7.24.4 dev pkg:npm/%40babel/core@7.24.4',
      '9:5 @babel/cli workspace:^ - dev local -',
      '10:5 @babel/core workspace:^ - dev local -',
      '11:5 benchmark ^2.1.4 - dev pkg:npm/benchmark',
    ])

    const out = discover(`{
  "dependencies": {
    "$utils": "file:../utils",
    "@my scope/x": "portal:./x",
    "~helpers": "./helpers",
    "@acme/$cfg": "link:../cfg",
    "$bad": "^1.0.0",
    "$tar": "https://cdn.example.com/t-1.0.0.tgz",
    "a/b/c": "link:../abc",
    "@acme/x@1": "link:../x1",
    "tab\\tname": "link:../tab"
  }
}`)
    expect(rows(out)).toEqual([
      '3:5 $utils file:../utils - prod local -',
      '5:5 ~helpers ./helpers - prod local -',
      '6:5 @acme/$cfg link:../cfg - prod local -',
    ])
    expect(problems(out.errors)).toEqual([
      "4 invalid-entry dependencies: '@my scope/x' is not an npm package name",
      "7 invalid-entry dependencies: '$bad' is not an npm package name",
      "8 invalid-entry dependencies: '$tar' is not an npm package name",
      "9 invalid-entry dependencies: 'a/b/c' is not an npm package name",
      "10 invalid-entry dependencies: '@acme/x@1' is not an npm package name",
      "11 invalid-entry dependencies: 'tab\tname' is not an npm package name",
    ])
  })

  it('reads the git URLs hosted-git-info reads: GitHub tree pages, GitLab subgroups, any scheme case', () => {
    const out = discover(`{
  "dependencies": {
    "tree": "https://github.com/example-corp/tree/tree/feature",
    "tree-git": "https://github.com/example-corp/tree-git.git/tree/v2",
    "www": "http://www.github.com/example-corp/www#main",
    "archive": "https://github.com/example-corp/archive/archive/refs/tags/v1.0.0.tar.gz",
    "release": "https://github.com/example-corp/rel/releases/download/v1/rel-1.0.0.tgz",
    "subgroup": "https://gitlab.com/acme/platform/subgroup",
    "gl-archive": "https://gitlab.com/acme/gl/-/archive/v1/gl-v1.tar.gz",
    "gl-http": "http://gitlab.com/acme/gl-http",
    "bb-page": "https://bitbucket.org/acme/bb-page/src/main",
    "bb-get": "https://bitbucket.org/acme/bb-get/get/v1.tar.gz",
    "caps": "GitHub:Example-Corp/Caps",
    "caps-git": "GIT+SSH://git@github.com/example-corp/caps-git.git",
    "caps-url": "HTTPS://cdn.example.com/caps-url-1.0.0.tgz",
    "caps-file": "FILE:../caps-file"
  }
}`)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '3:5 tree https://github.com/example-corp/tree/tree/feature - prod pkg:npm/tree?vcs_url=github%3Aexample-corp%2Ftree%23feature',
      '4:5 tree-git https://github.com/example-corp/tree-git.git/tree/v2 - prod pkg:npm/tree-git?vcs_url=github%3Aexample-corp%2Ftree-git%23v2',
      '5:5 www http://www.github.com/example-corp/www#main - prod pkg:npm/www?vcs_url=http%3A%2F%2Fwww.github.com%2Fexample-corp%2Fwww%23main',
      '6:5 archive https://github.com/example-corp/archive/archive/refs/tags/v1.0.0.tar.gz - prod pkg:npm/archive?download_url=https%3A%2F%2Fgithub.com%2Fexample-corp%2Farchive%2Farchive%2Frefs%2Ftags%2Fv1.0.0.tar.gz',
      '7:5 release https://github.com/example-corp/rel/releases/download/v1/rel-1.0.0.tgz - prod pkg:npm/release?download_url=https%3A%2F%2Fgithub.com%2Fexample-corp%2Frel%2Freleases%2Fdownload%2Fv1%2Frel-1.0.0.tgz',
      '8:5 subgroup https://gitlab.com/acme/platform/subgroup - prod pkg:npm/subgroup?vcs_url=https%3A%2F%2Fgitlab.com%2Facme%2Fplatform%2Fsubgroup',
      '9:5 gl-archive https://gitlab.com/acme/gl/-/archive/v1/gl-v1.tar.gz - prod pkg:npm/gl-archive?download_url=https%3A%2F%2Fgitlab.com%2Facme%2Fgl%2F-%2Farchive%2Fv1%2Fgl-v1.tar.gz',
      '10:5 gl-http http://gitlab.com/acme/gl-http - prod pkg:npm/gl-http?download_url=http%3A%2F%2Fgitlab.com%2Facme%2Fgl-http',
      '11:5 bb-page https://bitbucket.org/acme/bb-page/src/main - prod pkg:npm/bb-page?vcs_url=https%3A%2F%2Fbitbucket.org%2Facme%2Fbb-page%2Fsrc%2Fmain',
      '12:5 bb-get https://bitbucket.org/acme/bb-get/get/v1.tar.gz - prod pkg:npm/bb-get?download_url=https%3A%2F%2Fbitbucket.org%2Facme%2Fbb-get%2Fget%2Fv1.tar.gz',
      '13:5 caps GitHub:Example-Corp/Caps - prod pkg:npm/caps?vcs_url=github%3AExample-Corp%2FCaps',
      '14:5 caps-git GIT+SSH://git@github.com/example-corp/caps-git.git - prod pkg:npm/caps-git?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-corp%2Fcaps-git.git',
      '15:5 caps-url HTTPS://cdn.example.com/caps-url-1.0.0.tgz - prod pkg:npm/caps-url?download_url=https%3A%2F%2Fcdn.example.com%2Fcaps-url-1.0.0.tgz',
      '16:5 caps-file FILE:../caps-file - prod local -',
    ])
  })

  it('lists no package manager Corepack does not fetch (bun, deno)', () => {
    for (const value of ['bun@1.3.4', 'deno@2.0.0']) {
      const out = discover(JSON.stringify({packageManager: value}))
      expect(out.components).toEqual([])
      expect(out.errors).toEqual([])
      expect(problems(out.skipped)).toEqual([
        `1 unsupported packageManager: '${value}': Corepack fetches npm, pnpm and yarn only: not listed`,
      ])
    }
    expect(rows(discover(JSON.stringify({packageManager: 'npm@10.9.0'})))).toEqual([
      '1:2 npm@10.9.0 10.9.0 dev pkg:npm/npm@10.9.0',
    ])
  })

  it("reads .npmrc as npm's ini does: comments, quotes, escapes, sections", () => {
    const context = memoryContext({
      '.npmrc': [
        '@a:registry = https://npm.a.example.com/',
        '"@b:registry"="https://npm.b.example.com/"',
        '; ini comment',
        '@c:registry=https://npm.c.example.com/ # trailing comment',
        "@d:registry='https://npm.d.example.com/'",
        '@e:registry=https://npm.e.example.com/x\\;y;comment',
        '  # indented comment',
        '//npm.a.example.com/:_authToken="npmrc-token-never-read"',
        '[section]',
        'registry=https://should-not-apply.example.com/',
        '@a:registry=https://nor-this.example.com/',
      ].join('\r\n'),
    })
    const out = discover(
      '{"dependencies": {"@a/x": "^1", "@b/x": "^1", "@c/x": "^1", "@d/x": "^1", "@e/x": "^1", "plain": "^1"}}',
      'package.json',
      context,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '1:19 @a/x ^1 - prod pkg:npm/%40a/x?repository_url=https%3A%2F%2Fnpm.a.example.com',
      '1:33 @b/x ^1 - prod pkg:npm/%40b/x?repository_url=https%3A%2F%2Fnpm.b.example.com',
      '1:47 @c/x ^1 - prod pkg:npm/%40c/x?repository_url=https%3A%2F%2Fnpm.c.example.com',
      '1:61 @d/x ^1 - prod pkg:npm/%40d/x?repository_url=https%3A%2F%2Fnpm.d.example.com',
      '1:75 @e/x ^1 - prod pkg:npm/%40e/x?repository_url=https%3A%2F%2Fnpm.e.example.com%2Fx%3By',
      '1:89 plain ^1 - prod pkg:npm/plain',
    ])
    expect(JSON.stringify(out)).not.toContain('npmrc-token-never-read')
  })

  it("lists a package whose registry is set from the environment (${VAR}) with that registry as written, never as the npm registry's", () => {
    const context = memoryContext({
      '.npmrc': [
        '@acme:registry=https://${NPM_HOST}/npm/',
        'registry=${NPM_REGISTRY_URL}',
        '@pub:registry=https://npm.pub.example.com/',
      ].join('\n'),
      'b/.yarnrc.yml': 'npmScopes:\n  corp:\n    npmRegistryServer: "${CORP_REGISTRY}"\n',
    })
    const out = discover(
      '{\n  "dependencies": {\n    "@acme/ui": "^1",\n    "left-pad": "1.3.0",\n    "@pub/x": "^2",\n    "./x": "file:./x"\n  }\n}',
      'package.json',
      context,
    )
    // The setting as written: a registry other than npm's, so no resolver asks npm for these names.
    expect(rows(out)).toEqual([
      '3:5 @acme/ui ^1 - prod pkg:npm/%40acme/ui?repository_url=https%3A%2F%2F%24%7BNPM_HOST%7D%2Fnpm',
      '4:5 left-pad 1.3.0 1.3.0 prod pkg:npm/left-pad@1.3.0?repository_url=%24%7BNPM_REGISTRY_URL%7D',
      '5:5 @pub/x ^2 - prod pkg:npm/%40pub/x?repository_url=https%3A%2F%2Fnpm.pub.example.com',
    ])
    expect(out.skipped).toEqual([])
    expect(problems(out.errors)).toEqual(["6 invalid-entry dependencies: './x' is not an npm package name"])
    const yarn = discover('{"devDependencies": {"@corp/x": "^1", "react": "^18"}}', 'b/package.json', context)
    expect(rows(yarn)).toEqual([
      '1:22 @corp/x ^1 - dev pkg:npm/%40corp/x?repository_url=%24%7BCORP_REGISTRY%7D',
      '1:39 react ^18 - dev pkg:npm/react',
    ])
  })

  it(".yarnrc (yarn 1): registry and @scope:registry, every folder up, nearest first, .npmrc's scope before it", () => {
    const context = memoryContext({
      '.yarnrc': [
        '# yarn lockfile v1',
        'registry "https://registry.corp.example.com/"',
        '"@corp:registry" "https://npm.corp.example.com/"',
        '"@lab:registry" "https://npm.lab.example.com/"',
        '"//npm.corp.example.com/:_authToken" "yarnrc-token-never-read"',
        'network-timeout 600000',
      ].join('\n'),
      'apps/web/.yarnrc':
        '@lab:registry https://npm.lab-near.example.com\n  "@x:registry" "https://nested.example.com/"\n',
      'apps/web/.npmrc': '@corp:registry=https://npm.from-npmrc.example.com/\n',
    })
    const out = discover(
      '{"dependencies": {"@corp/ui": "^1", "@lab/kit": "^1", "@x/y": "^1", "left-pad": "^1"}}',
      'apps/web/package.json',
      context,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      // .npmrc's scope first (yarn 1's NpmRegistry.getRegistry), then .yarnrc's, the nearest .yarnrc first.
      '1:19 @corp/ui ^1 - prod pkg:npm/%40corp/ui?repository_url=https%3A%2F%2Fnpm.from-npmrc.example.com',
      '1:37 @lab/kit ^1 - prod pkg:npm/%40lab/kit?repository_url=https%3A%2F%2Fnpm.lab-near.example.com',
      // Indented: a nested object's key, not read; the default registry of the root's .yarnrc.
      '1:55 @x/y ^1 - prod pkg:npm/%40x/y?repository_url=https%3A%2F%2Fregistry.corp.example.com',
      '1:69 left-pad ^1 - prod pkg:npm/left-pad?repository_url=https%3A%2F%2Fregistry.corp.example.com',
    ])
    expect(JSON.stringify(out)).not.toContain('yarnrc-token-never-read')
    // A .npmrc default registry comes after a .yarnrc scope, and before a .yarnrc default.
    const mixed = memoryContext({
      '.npmrc': 'registry=https://npm-default.example.com/\n',
      '.yarnrc': '"@corp:registry" "https://npm.corp.example.com/"\n--registry "https://yarn-default.example.com/"\n',
    })
    expect(rows(discover('{"dependencies": {"@corp/ui": "^1", "left-pad": "^1"}}', 'package.json', mixed))).toEqual([
      '1:19 @corp/ui ^1 - prod pkg:npm/%40corp/ui?repository_url=https%3A%2F%2Fnpm.corp.example.com',
      '1:37 left-pad ^1 - prod pkg:npm/left-pad?repository_url=https%3A%2F%2Fnpm-default.example.com',
    ])
  })

  it('takes member names for local only in the workspace root and its members (vue template)', () => {
    const context = memoryContext({
      'package.json': JSON.stringify({name: 'root', private: true, workspaces: ['packages/*']}),
      'packages/vue/package.json': '{"name": "vue"}',
      'packages/app/package.json': '{"name": "app"}',
      'packages/lib/package.json': '{"name": "lib"}',
      'packages/vue/src/template/package.json': '{"name": "template"}',
    })
    const deps = '{"dependencies": {"vue": "latest", "app": "^1"}}'
    const member = discover(deps, 'packages/lib/package.json', context)
    expect(rows(member)).toEqual(['1:19 vue latest - prod local -', '1:36 app ^1 - prod local -'])
    expect(rows(discover(deps, 'package.json', context))).toEqual([
      '1:19 vue latest - prod local -',
      '1:36 app ^1 - prod local -',
    ])
    // Not a member: installed on its own, from the registry.
    expect(rows(discover(deps, 'packages/vue/src/template/package.json', context))).toEqual([
      '1:19 vue latest - prod pkg:npm/vue',
      '1:36 app ^1 - prod pkg:npm/app',
    ])
    // Members not all known (a pattern not read here): every file under the root is taken for a member.
    const partly = memoryContext({
      'package.json': JSON.stringify({workspaces: ['packages/vue', 'packages/app', 'packages/[l]ib']}),
      'packages/vue/package.json': '{"name": "vue"}',
      'packages/app/package.json': '{"name": "app"}',
    })
    const out = discover(deps, 'packages/vue/src/template/package.json', partly)
    expect(rows(out)).toEqual(['1:19 vue latest - prod local -', '1:36 app ^1 - prod local -'])
    expect(problems(out.skipped)).toEqual([
      "- unsupported workspace pattern 'packages/[l]ib' is not a glob read here: its members are not known",
    ])
  })
})

describe("npm-package-json: yarn's patch: protocol", () => {
  it('lists the package the source descriptor names, encoded or not; a patch without a source is not read', () => {
    const out = discover(`{
  "dependencies": {
    "lodash": "patch:lodash@1.0.0#./my-patch-file.patch",
    "@acme/ui": "patch:@acme/ui@npm%3A^2.0.0#~/.yarn/patches/@acme-ui-npm-2.0.0.patch",
    "tool": "patch:tool@https%3A//github.com/example/tool.git%23v1.0.0#./tool.patch",
    "vendored": "patch:vendored@file%3A./vendor/vendored#./vendored.patch",
    "sourceless": "patch:./sourceless.patch",
    "bad": "patch:%E0%A4%A#./bad.patch"
  }
}`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:5 lodash patch:lodash@1.0.0#./my-patch-file.patch 1.0.0 prod pkg:npm/lodash@1.0.0',
      '4:5 @acme/ui patch:@acme/ui@npm%3A^2.0.0#~/.yarn/patches/@acme-ui-npm-2.0.0.patch - prod pkg:npm/%40acme/ui',
      '5:5 tool patch:tool@https%3A//github.com/example/tool.git%23v1.0.0#./tool.patch - prod pkg:npm/tool?vcs_url=https%3A%2F%2Fgithub.com%2Fexample%2Ftool.git%23v1.0.0',
      '6:5 vendored patch:vendored@file%3A./vendor/vendored#./vendored.patch - prod local -',
    ])
    expect(problems(out.skipped)).toEqual([
      "7 unsupported sourceless: patch:./sourceless.patch is yarn's patch of a package whose source is not 'name@range': not listed",
      "8 unsupported bad: patch:%E0%A4%A#./bad.patch is yarn's patch of a package whose source is not 'name@range': not listed",
    ])
  })
})

describe("npm-package-json: clib's package.json", () => {
  it('reads a C package (repo, src) as clib does: its dependencies and development as GitHub repositories at their ref', () => {
    // The shape of a clib package vendored in llama.cpp (examples/gguf-hash/deps/sha256/package.json), fictional names.
    const out = discover(`{
  "name": "hash",
  "version": "0.0.2",
  "repo": "example-org/hash.c",
  "src": ["hash.c", "hash.h"],
  "dependencies": {
    "example-org/rotate-bits.h": "0.1.1",
    "example-org/buffer": "*",
    "not-a-repo": "1.0.0"
  },
  "development": {
    "example-org/tap.c": "v2"
  }
}
`)
    expect(rows(out)).toEqual([
      '7:5 example-org/rotate-bits.h@0.1.1 0.1.1 prod pkg:generic/github.com/example-org/rotate-bits.h@0.1.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Frotate-bits.h%400.1.1',
      '8:5 example-org/buffer@* - prod pkg:generic/github.com/example-org/buffer?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fbuffer',
      '12:5 example-org/tap.c@v2 v2 dev pkg:generic/github.com/example-org/tap.c@v2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ftap.c%40v2',
    ])
    expect(out.components.every((c) => c.direct && c.origin === 'manifest' && c.ecosystem === 'generic')).toBe(true)
    expect(problems(out.errors ?? [])).toEqual([
      "9 invalid-entry dependencies: 'not-a-repo' is not a GitHub repository (owner/name), as clib names them",
    ])
  })

  it('reads an npm package.json with an owner/name key as npm does (an error), without clib fields', () => {
    const out = discover('{\n  "name": "web",\n  "dependencies": {"example-org/widget": "1.0.0"}\n}\n')
    expect(rows(out)).toEqual([])
    expect(problems(out.errors ?? [])).toEqual([
      "3 invalid-entry dependencies: 'example-org/widget' is not an npm package name",
    ])
  })
})
