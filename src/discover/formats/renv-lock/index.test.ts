import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {readDescription} from './description.js'
import {discoverer, discoverRenvLock} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')
const lock = (repositories: Array<[string, string]>, packages: Record<string, Record<string, unknown>>) =>
  JSON.stringify(
    {
      R: {Version: '4.4.1', Repositories: repositories.map(([Name, URL]) => ({Name, URL}))},
      Packages: packages,
    },
    null,
    2,
  )
const cran = (name: string, version: string, repository?: string) => ({
  Package: name,
  Version: version,
  Source: 'Repository',
  ...(repository === undefined ? {} : {Repository: repository}),
})

describe('renv-lock', () => {
  it('matches renv.lock, not the lockfiles inside renv/library', () => {
    expect(discoverer.matches('renv.lock')).toBe(true)
    expect(discoverer.matches('analysis/renv/profiles/dev/renv.lock')).toBe(true)
    expect(discoverer.matches('renv/library/R-4.4/x86_64-pc-linux-gnu/pkg/renv.lock')).toBe(false)
    expect(discoverer.matches('renv.lock.bak')).toBe(false)
    expect(discoverer.identify?.(fixture('bioconductor.lock'))).toBe(true)
    expect(discoverer.identify?.('{"packages": {}}')).toBe(false)
  })

  it("reads a real renv lockfile (renv's validation test): CRAN and GitHub packages, line and column", async () => {
    const inventory = await scanTree({'renv.lock': fixture('validate-extra-fields.lock')})
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) =>
          `${c.ecosystem} ${c.name}@${c.version} ${c.purl} ${c.ref} ${c.locations[0].line}:${c.locations[0].column}`,
      ),
    ).toEqual([
      'generic github.com/yihui/mime@1763e0dcb72fb58d97bab97bb834fc71f1e012bc pkg:generic/github.com/yihui/mime@1763e0dcb72fb58d97bab97bb834fc71f1e012bc?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fyihui%2Fmime%401763e0dcb72fb58d97bab97bb834fc71f1e012bc mime 32:5',
      'cran markdown@1.0 pkg:cran/markdown@1.0 markdown 25:5',
    ])
    // No DESCRIPTION beside it: renv.lock does not tell direct from transitive.
    expect(inventory.components.every((c) => c.direct === undefined && c.scope === undefined)).toBe(true)
  })

  it("reads renv's Bioconductor test lockfile: bioconductor purls, the Local package said once", () => {
    const out = discoverRenvLock('renv.lock', fixture('bioconductor.lock'))
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ecosystem} ${c.name} ${c.version} ${c.purl} ${c.locations[0].line}`)).toEqual(
      [
        'generic BiocGenerics 0.38.0 pkg:bioconductor/BiocGenerics@0.38.0 15',
        'generic limma 3.50.0 pkg:bioconductor/limma@3.50.0 25',
      ],
    )
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '35 unsupported 1 package(s) not installed from a repository or a git remote, not listed: renv (Local)',
    ])
  })

  it('CRAN, its mirrors and Posit Package Manager are CRAN; any other repository is the purl repository_url', () => {
    const out = discoverRenvLock(
      'renv.lock',
      lock(
        [
          ['CRAN', 'https://packagemanager.posit.co/cran/2024-01-15'],
          ['RSPM', 'https://packagemanager.rstudio.com/cran/__linux__/jammy/latest'],
          ['ropensci', 'https://ropensci.r-universe.dev'],
          ['work', 'https://ppm.example.com/internal/latest'],
        ],
        {
          dplyr: cran('dplyr', '1.1.4', 'CRAN'),
          glue: cran('glue', '1.6.2', 'RSPM'),
          magick: cran('magick', '2.8.3', 'ropensci'),
          acmeR: cran('acmeR', '0.3.0', 'work'),
          bytes: cran('bytes', '0.1', 'https://example.org/drat'),
          old: {Package: 'old', Version: '1.0-1', Source: 'CRAN'},
          ghost: cran('ghost', '2.0', 'elsewhere'),
          pakd: {...cran('pakd', '0.5.0', 'RSPM2'), RemoteType: 'standard', RemoteRepos: 'https://p3m.dev/cran/latest'},
          pakx: {...cran('pakx', '0.6.0', 'corp'), RemoteRepos: 'https://r.example.com/repo'},
          nameless: cran('nameless', '1.0'),
        },
      ),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:cran/dplyr@1.1.4',
      'pkg:cran/glue@1.6.2',
      'pkg:cran/magick@2.8.3?repository_url=https%3A%2F%2Fropensci.r-universe.dev',
      'pkg:cran/acmeR@0.3.0?repository_url=https%3A%2F%2Fppm.example.com%2Finternal%2Flatest',
      'pkg:cran/bytes@0.1?repository_url=https%3A%2F%2Fexample.org%2Fdrat',
      'pkg:cran/old@1.0-1',
      'pkg:cran/pakd@0.5.0',
      'pkg:cran/pakx@0.6.0?repository_url=https%3A%2F%2Fr.example.com%2Frepo',
    ])
    expect(out.skipped?.map((s) => s.message)).toEqual([
      'Packages["ghost"]: ghost@2.0 comes from the R repository "elsewhere", which R.Repositories does not list, and it lists several beside CRAN: not listed as a CRAN package',
      'Packages["nameless"]: nameless@1.0 names no repository, and R.Repositories lists several beside CRAN: not listed as a CRAN package',
    ])
  })

  it('a package naming no repository is CRAN when every repository is CRAN, or the only one listed', () => {
    const allCran = discoverRenvLock(
      'renv.lock',
      lock(
        [
          ['CRAN', 'https://cloud.r-project.org'],
          ['P3M', 'https://p3m.dev/cran/latest'],
        ],
        {jsonlite: cran('jsonlite', '1.9.1')},
      ),
    )
    expect(allCran.components.map((c) => c.purl)).toEqual(['pkg:cran/jsonlite@1.9.1'])
    const onlyOne = discoverRenvLock(
      'renv.lock',
      lock([['internal', 'https://cran.example.com/']], {jsonlite: cran('jsonlite', '1.9.1')}),
    )
    expect(onlyOne.components.map((c) => c.purl)).toEqual([
      'pkg:cran/jsonlite@1.9.1?repository_url=https%3A%2F%2Fcran.example.com%2F',
    ])
    // A company Package Manager's `cran` path is not Posit's public one.
    const lookalike = discoverRenvLock(
      'renv.lock',
      lock([['CRAN', 'https://packagemanager.example.com/cran/latest']], {x: cran('x', '1.0', 'CRAN')}),
    )
    expect(lookalike.components[0].purl).toBe(
      'pkg:cran/x@1.0?repository_url=https%3A%2F%2Fpackagemanager.example.com%2Fcran%2Flatest',
    )
  })

  it('a repository name the lockfile does not list is a preference: renv installs from the listed ones', () => {
    // As 03rcooke/zeta_ladybirds' renv.lock (every package `Repository: "RSPM"`, only CRAN listed): renv installs
    // from R.Repositories (R/available-packages.R), so these are CRAN's; `@CRAN@` is R's placeholder for CRAN.
    const out = discoverRenvLock(
      'renv.lock',
      lock([['CRAN', '@CRAN@']], {
        ggplot2: cran('ggplot2', '3.4.0', 'RSPM'),
        MASS: cran('MASS', '7.3-58.1', 'CRAN'),
        // renv reads `Source` without case (remotes::install_git writes `Git`); a record with a Repository and no
        // Source is a repository's; `BioC` is Bioconductor's.
        gitpkg: {
          Package: 'gitpkg',
          Version: '0.1.0',
          Source: 'Git',
          RemoteUrl: 'https://git.example.org/r/gitpkg.git',
          RemoteSha: 'a'.repeat(40),
        },
        ghpkg: {
          Package: 'ghpkg',
          Version: '0.2.0',
          Source: 'github',
          RemoteUsername: 'example-org',
          RemoteRepo: 'ghpkg',
          RemoteSha: 'b'.repeat(40),
        },
        nosource: {Package: 'nosource', Version: '1.2.0', Repository: 'CRAN'},
        Biobase: {Package: 'Biobase', Version: '2.58.0', Source: 'Repository', Repository: 'BioC'},
      }),
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:cran/ggplot2@3.4.0',
      'pkg:cran/MASS@7.3-58.1',
      `pkg:generic/git.example.org/r/gitpkg@${'a'.repeat(40)}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fr%2Fgitpkg.git%40${'a'.repeat(40)}`,
      `pkg:generic/github.com/example-org/ghpkg@${'b'.repeat(40)}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fghpkg%40${'b'.repeat(40)}`,
      'pkg:cran/nosource@1.2.0',
      'pkg:bioconductor/Biobase@2.58.0',
    ])
  })

  it("a profile's lockfile takes direct from the project's DESCRIPTION", async () => {
    const inventory = await scanTree({
      DESCRIPTION: 'Package: shop\nVersion: 0.1.0\nImports: jsonlite\n',
      'renv/profiles/dev/renv.lock': lock([['CRAN', 'https://cloud.r-project.org']], {
        jsonlite: cran('jsonlite', '1.9.1', 'CRAN'),
        rlang: cran('rlang', '1.1.4', 'CRAN'),
      }),
    })
    expect(inventory.components.map((c) => `${c.name} ${c.direct} ${c.scope}`)).toEqual([
      'jsonlite true prod',
      'rlang false undefined',
    ])
  })

  it('GitHub, GitLab, Bitbucket and git remotes: generic packages named by their repository, version the commit', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567'
    const out = discoverRenvLock(
      'renv.lock',
      lock([['CRAN', 'https://cloud.r-project.org']], {
        ghe: {
          Package: 'ghe',
          Version: '0.1.0',
          Source: 'GitHub',
          RemoteHost: 'https://github.example.com/api/v3',
          RemoteUsername: 'team',
          RemoteRepo: 'ghe',
          RemoteSha: sha,
        },
        lab: {
          Package: 'lab',
          Version: '0.2.0',
          Source: 'GitLab',
          RemoteHost: 'gitlab.com',
          RemoteUsername: 'group/sub',
          RemoteRepo: 'lab',
          RemoteSha: sha,
        },
        bucket: {
          Package: 'bucket',
          Version: '0.3.0',
          Source: 'Bitbucket',
          RemoteHost: 'api.bitbucket.org/2.0',
          RemoteUsername: 'example',
          RemoteRepo: 'bucket',
          RemoteSha: sha,
        },
        plain: {Package: 'plain', Version: '1.0', Source: 'git', RemoteUrl: 'git@git.example.org:r/plain.git'},
        broken: {Package: 'broken', Version: '1.0', Source: 'GitHub', RemoteRepo: 'broken'},
      }),
    )
    expect(out.components.map((c) => `${c.ecosystem} ${c.name} ${c.version} ${c.ref}`)).toEqual([
      `generic github.example.com/team/ghe ${sha} ghe`,
      `generic gitlab.com/group/sub/lab ${sha} lab`,
      `generic bitbucket.org/example/bucket ${sha} bucket`,
      'generic git.example.org/r/plain undefined plain',
    ])
    expect(out.components[3].purl).toBe(
      'pkg:generic/git.example.org/r/plain?vcs_url=git%2Bssh%3A%2F%2Fgit%40git.example.org%2Fr%2Fplain.git',
    )
    expect(out.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-entry 45:5 Packages["broken"]: a GitHub remote needs "RemoteUsername" and "RemoteRepo" (and a "RemoteHost")',
    ])
  })

  it('a DESCRIPTION beside the lockfile gives direct: Imports/Depends/LinkingTo prod, Suggests dev', async () => {
    const description = [
      'Package: examplepkg',
      'Version: 0.1.0',
      'Depends: R (>= 4.1),',
      '    data.table',
      'Imports:',
      '    cli (>= 3.0.0),',
      '    rlang',
      'LinkingTo: cpp11',
      'Suggests: testthat (>= 3.0.0)',
      'Description: Imports: notapackage',
      '',
    ].join('\n')
    const inventory = await scanTree({
      DESCRIPTION: description,
      'renv.lock': lock([['CRAN', 'https://cloud.r-project.org']], {
        cli: cran('cli', '3.6.2', 'CRAN'),
        cpp11: cran('cpp11', '0.4.7', 'CRAN'),
        'data.table': cran('data.table', '1.15.4', 'CRAN'),
        glue: cran('glue', '1.7.0', 'CRAN'),
        rlang: cran('rlang', '1.1.3', 'CRAN'),
        testthat: cran('testthat', '3.2.1', 'CRAN'),
      }),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.name} ${c.direct} ${c.scope}`)).toEqual([
      'cli true prod',
      'cpp11 true prod',
      'data.table true prod',
      'glue false undefined',
      'rlang true prod',
      'testthat true dev',
    ])
    expect(readDescription('no fields here')).toBeUndefined()
    expect(readDescription('Title: no Package field\n')).toBeUndefined()
  })

  it('bad input: errors naming file and line, never a throw', () => {
    expect(discoverRenvLock('renv.lock', '{"Packages": [').errors[0]).toMatchObject({
      file: 'renv.lock',
      code: 'invalid-json',
    })
    expect(discoverRenvLock('renv.lock', '[]').errors[0].code).toBe('invalid-lockfile')
    expect(discoverRenvLock('renv.lock', '{"R": {}}').errors.map((e) => e.message)).toEqual([
      "no 'Packages' object: not an renv.lock",
    ])
    const bad = discoverRenvLock(
      'renv.lock',
      [
        '{',
        '  "R": {"Version": "4.4.1", "Repositories": [{"Name": "CRAN"}]},',
        '  "Packages": {',
        '    "a": 1,',
        '    "b": {"Package": "../etc", "Version": "1.0", "Source": "Repository"},',
        '    "c": {"Package": "c", "Version": "not a version", "Source": "Repository"},',
        '    "d": {"Package": "d", "Version": "1.0", "Source": "Repository", "Repository": "CRAN"},',
        '    "__proto__": {"Package": "e", "Version": "1.0", "Source": "Repository"}',
        '  }',
        '}',
      ].join('\n'),
    )
    expect(bad.errors.map((e) => `${e.code} ${e.line}:${e.column}`)).toEqual([
      'forbidden-key 8:5',
      // The repository item's `{`; "a", not an object, at the Packages key.
      'invalid-entry 2:46',
      'invalid-entry 3:3',
      'invalid-entry 5:5',
      'invalid-entry 6:5',
    ])
    expect(bad.components.map((c) => c.purl)).toEqual(['pkg:cran/d@1.0'])
  })
})
