import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

type Output = {
  components: Component[]
  skipped: Array<{file: string; reason: string; line?: number; message: string}>
  errors: Array<{code: string; line?: number; message: string}>
}

function discover(text: string, files: Record<string, string> = {}, file = 'requirements.txt'): Output {
  return discoverer.discover({file, text}, {readText: (path) => files[path] ?? null}) as Output
}

const requirements = `# pinned with hashes, continuation lines and markers
--index-url https://pypi.org/simple
Django==5.0.6 \\
    --hash=sha256:aaa \\
    --hash=sha256:bbb
requests[socks,security] == 2.32.0 ; python_version >= "3.8"  # http
Typing_Extensions===4.12.0
ranged>=1.0,<2
wild==1.*
bare
git+https://github.com/example/vcs.git@0123abc#egg=vcs
https://example.com/pkgs/thing-1.0.tar.gz
localpkg @ file:///src/localpkg
-e ./editable/path
constrained
-c constraints.txt
`

describe('pip-requirements', () => {
  it('claims requirements files by name', () => {
    expect(discoverer.matches('requirements.txt')).toBe(true)
    expect(discoverer.matches('dev-requirements.txt')).toBe(true)
    expect(discoverer.matches('requirements-dev.txt')).toBe(true)
    expect(discoverer.matches('requirements/main.txt')).toBe(true)
    expect(discoverer.matches('notes.txt')).toBe(false)
    // Grouped a folder deeper (Lightning's requirements/pytorch/test.txt, uv's test/requirements/compiled/black.txt),
    // and the .in files pip-tools and `uv pip compile` read.
    expect(discoverer.matches('requirements/pytorch/test.txt')).toBe(true)
    expect(discoverer.matches('test/requirements/compiled/black.txt')).toBe(true)
    expect(discoverer.matches('requirements.in')).toBe(true)
    expect(discoverer.matches('docs/requirements-docs.in')).toBe(true)
    expect(discoverer.matches('requirements/lint.in')).toBe(true)
    expect(discoverer.matches('test/sanity/code-smell/docs.requirements.in')).toBe(true)
    expect(discoverer.matches('configure.in')).toBe(false)
    expect(discoverer.matches('src/requirements.py')).toBe(false)
  })

  it('applies a -c constraints file to the files included with -r too, wherever the -c line is, as pip does', () => {
    // home-assistant's requirements_test.txt: `-c homeassistant/package_constraints.txt` then `-r …`.
    const files = {'base.in': 'bar\n', 'pins/constraints.txt': 'bar==2.0\nbaz==3.0\n'}
    const {components, errors} = discover('-r base.in\nbaz\n-c pins/constraints.txt\n', files)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.locations[0].file])).toEqual([
      ['bar', '2.0', 'base.in'],
      ['baz', '3.0', 'requirements.txt'],
    ])
  })

  it('lists a named download (`name @ https://….whl`, pip freeze of a spaCy model) with its download_url, as pyproject does', () => {
    const url =
      'https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.8.0/en_core_web_sm-3.8.0-py3-none-any.whl'
    const {components, skipped} = discover(
      `en_core_web_sm @ ${url}\nhttps://u:hunter2@example.com/pkgs/thing-1.0.tar.gz\n`,
    )
    expect(components.map((c) => [c.name, c.purl, c.direct])).toEqual([
      ['en-core-web-sm', `pkg:pypi/en-core-web-sm?download_url=${encodeURIComponent(url)}`, true],
    ])
    // Without a name there is nothing to list: said, without the credentials.
    expect(skipped.map((s) => s.message)).toEqual([
      "URL requirement 'https://***@example.com/pkgs/thing-1.0.tar.gz' has no registry version",
    ])
  })

  it('reads a constraints file through the -c that names it, never as requirements of its own (it installs nothing)', () => {
    for (const file of [
      'requirements/constraints.txt',
      'test/requirements/airflow2-constraints.txt',
      'constraints.in',
    ]) {
      const out = discover('urllib3==1.26.0\nrequests==2.31.0\n', {}, file)
      expect(out.components, file).toEqual([])
      expect(
        out.skipped.map((s) => [s.file, s.reason]),
        file,
      ).toEqual([[file, 'unsupported']])
    }
    // A file whose name only holds the word inside another is a requirements file.
    expect(discover('a==1\n', {}, 'requirements/unconstrained-ish.txt').components).toHaveLength(1)
  })

  it('reads == and === pins with extras, markers and hashes; unpinned lines are listed without a version; VCS lines on a forge name their repository; URL lines are unresolved; -c pins resolve', () => {
    const {components, skipped, errors} = discover(requirements, {
      'constraints.txt': 'constrained==3.3.3\nother==1.0\n',
    })
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.version,
        c.ref,
        c.local,
        c.purl,
        `${c.locations[0].line}:${c.locations[0].column}`,
      ]),
    ).toEqual([
      ['django', '5.0.6', 'Django==5.0.6', undefined, 'pkg:pypi/django@5.0.6', '3:1'],
      [
        'requests',
        '2.32.0',
        'requests[socks,security] == 2.32.0 ; python_version >= "3.8"',
        undefined,
        'pkg:pypi/requests@2.32.0',
        '6:1',
      ],
      [
        'typing-extensions',
        '4.12.0',
        'Typing_Extensions===4.12.0',
        undefined,
        'pkg:pypi/typing-extensions@4.12.0',
        '7:1',
      ],
      ['ranged', undefined, 'ranged>=1.0,<2', undefined, 'pkg:pypi/ranged', '8:1'],
      ['wild', undefined, 'wild==1.*', undefined, 'pkg:pypi/wild', '9:1'],
      ['bare', undefined, 'bare', undefined, 'pkg:pypi/bare', '10:1'],
      [
        'vcs',
        undefined,
        'git+https://github.com/example/vcs.git@0123abc#egg=vcs',
        undefined,
        'pkg:pypi/vcs?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fvcs.git%400123abc',
        '11:1',
      ],
      ['localpkg', undefined, 'localpkg @ file:///src/localpkg', true, undefined, '13:1'],
      ['constrained', '3.3.3', 'constrained', undefined, 'pkg:pypi/constrained@3.3.3', '15:1'],
    ])
    expect(skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [12, 'unresolved-version', "URL requirement 'https://example.com/pkgs/thing-1.0.tar.gz' has no registry version"],
      [14, 'unresolved-version', "local path requirement '-e ./editable/path' has no registry version"],
    ])
  })

  it('keeps VCS requirements on other hosts, or without a name, unresolved', () => {
    const {components, skipped} = discover(
      'git+https://git.example.com/team/lib.git@v1#egg=lib\ngit+https://github.com/example/noname.git\n',
    )
    expect(components).toEqual([])
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'unresolved-version'],
      [2, 'unresolved-version'],
    ])
  })

  it('follows -r includes, each once, with their own locations, and stops cycles', () => {
    const files = {
      'base.in': 'six==1.16.0\n-r requirements.txt\n',
      'extra/common.in': 'attrs==23.2.0\n',
      'dev-requirements.txt': 'pytest==8.0.0\n',
    }
    const {components, errors} = discover(
      '-r base.in\n-r extra/common.in\n-r missing.in\n-r dev-requirements.txt\nflask==3.0.0\n',
      files,
    )
    // dev-requirements.txt is read here too: the walker may never reach it (a file given as PATH, a folder left
    // out), and what both read merges into the same component.
    expect(components.map((c) => [c.name, c.locations[0].file, c.locations[0].line])).toEqual([
      ['six', 'base.in', 1],
      ['attrs', 'extra/common.in', 1],
      ['pytest', 'dev-requirements.txt', 1],
      ['flask', 'requirements.txt', 5],
    ])
    expect(errors).toEqual([
      {
        file: 'requirements.txt',
        code: 'include-not-read',
        message: "cannot read included file 'missing.in'",
        line: 3,
        column: 1,
      },
    ])
    // Each file once: thirty `-r` lines to the next of eight levels were 30^8 reads.
    const levels: Record<string, string> = {'r8.txt': 'six==1.16.0\n'}
    for (let i = 0; i < 8; i++) levels[`r${i}.txt`] = `${'-r r'.concat(String(i + 1), '.txt\n').repeat(30)}`
    const deep = discover(levels['r0.txt'], levels, 'r0.txt')
    expect(deep.components.map((c) => c.name)).toEqual(['six'])
    expect(deep.errors).toEqual([])
    // One level deeper than the limit: reported, for -r and -c alike (a -c there was dropped without a word).
    const tooDeep: Record<string, string> = {'r8.txt': '-r more.txt\n-c pins.txt\n', 'more.txt': '', 'pins.txt': ''}
    for (let i = 0; i < 8; i++) tooDeep[`r${i}.txt`] = `-r r${i + 1}.txt\n`
    // Constraints first: they apply to the includes too.
    expect(discover(tooDeep['r0.txt'], tooDeep, 'r0.txt').errors).toEqual([
      {
        file: 'r8.txt',
        code: 'include-not-read',
        message: "constraints file 'pins.txt' is nested deeper than 8 includes; not read",
        line: 2,
        column: 1,
      },
      {
        file: 'r8.txt',
        code: 'include-not-read',
        message: "included file 'more.txt' is nested deeper than 8 includes; not read",
        line: 1,
        column: 1,
      },
    ])
    // A requirements file the walker cannot find (outside the scanned path, or absent) is reported, not passed
    // over silently; so is a constraints file that cannot be read.
    const outside = discover('-r ../other/requirements.txt\n-c ../pins.txt\nflask==3.0.0\n', {})
    expect(outside.errors).toEqual([
      {
        file: 'requirements.txt',
        code: 'include-not-read',
        message: "cannot read constraints file '../pins.txt'",
        line: 2,
        column: 1,
      },
      {
        file: 'requirements.txt',
        code: 'include-not-read',
        message: "cannot read included file '../other/requirements.txt'",
        line: 1,
        column: 1,
      },
    ])
  })

  it('reads a line that looks like a path, as pip does, as a local path requirement: `.`, `.[dev]`, a bare dir/sub', () => {
    // pip's _looks_like_path: a separator anywhere or a leading dot (ansible/awx's awxkit/requirements.txt is `.`).
    const out = discover('.\n.[dev]\nsdks/typescript-a\nwin\\pkg\nrequests==2.0\n')
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.ref)).toEqual(['requests==2.0'])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [1, 'unresolved-version', "local path requirement '.' has no registry version"],
      [2, 'unresolved-version', "local path requirement '.[dev]' has no registry version"],
      [3, 'unresolved-version', "local path requirement 'sdks/typescript-a' has no registry version"],
      [4, 'unresolved-version', "local path requirement 'win\\pkg' has no registry version"],
    ])
  })

  it('reports lines that are not requirements', () => {
    const {errors} = discover('ok==1.0\n  !!!\n')
    expect(errors).toEqual([
      {
        file: 'requirements.txt',
        code: 'invalid-requirement',
        message: 'not a requirement, an option or an include',
        line: 2,
        column: 3,
      },
    ])
  })

  it('splits option lines as pip does (shlex): quoted -r/-c paths, -rFILE, --requirement=FILE, several options', () => {
    const files = {
      'base.txt': 'requests==2.31.0\n',
      'my deps.txt': 'six==1.16.0\n',
      'more.txt': 'attrs==23.2.0\n',
      'extra.txt': 'idna==3.7\n',
      'cons.txt': 'flask==3.0.0\n',
    }
    const {components, errors, skipped} = discover(
      `-r "base.txt"\n-r 'my deps.txt'\n-rmore.txt --requirement=extra.txt\n-c 'cons.txt'\nflask\n`,
      files,
    )
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.locations[0].file, c.locations[0].line])).toEqual([
      ['requests', '2.31.0', 'base.txt', 1],
      ['six', '1.16.0', 'my deps.txt', 1],
      ['attrs', '23.2.0', 'more.txt', 1],
      ['idna', '3.7', 'extra.txt', 1],
      ['flask', '3.0.0', 'requirements.txt', 5],
    ])
  })

  it('reports an option pip cannot split, or without its value, at its line and column', () => {
    expect(discover('flask==3.0.0\n  -r "base.txt\n-c\n', {}).errors).toEqual([
      {
        file: 'requirements.txt',
        code: 'invalid-requirement',
        message: "pip cannot split this line's options (no closing quotation)",
        line: 2,
        column: 3,
      },
      {file: 'requirements.txt', code: 'invalid-requirement', message: '-c without a value', line: 3, column: 1},
    ])
  })

  it('skips an include or constraints file named by a URL (pip fetches it; nothing is fetched here), credentials dropped', () => {
    // dependabot-core python/spec/fixtures/requirements/remote_constraints.txt, plus a -r with credentials.
    const {components, errors, skipped} = discover(
      '-c "https://raw.githubusercontent.com/apache/airflow/constraints-2.7.2/constraints-3.11.txt"\n' +
        "-r 'https://deploy:s3cr3t@pypi.internal.example/reqs.txt'\nflask==3.0.0\n",
      {},
    )
    expect(errors).toEqual([])
    expect(components.map((c) => c.name)).toEqual(['flask'])
    expect(skipped).toEqual([
      {
        file: 'requirements.txt',
        line: 1,
        reason: 'remote-resource',
        message:
          'constraints file https://raw.githubusercontent.com/apache/airflow/constraints-2.7.2/constraints-3.11.txt is a URL: not fetched',
      },
      {
        file: 'requirements.txt',
        line: 2,
        reason: 'remote-resource',
        message: 'included file https://pypi.internal.example/reqs.txt is a URL: not fetched',
      },
    ])
  })
})

describe("pip-requirements: pip-tools' and uv's `# via` annotations", () => {
  it('tells direct (-r an input file, the project itself) from transitive (only other packages) where the file says', () => {
    // The shapes of pip-tools 6+ and uv (warehouse's requirements/main.txt, a Bazel rules_python lock: a `# via` line
    // or block after the pin and its --hash lines) and of pip-tools 5 (on the pin's line, `, ` between items).
    const text = `#
# This file is autogenerated by pip-compile with Python 3.12
#
lanternlib==1.4.0 \\
    --hash=sha256:aaa \\
    --hash=sha256:bbb \\
    # via -r requirements/main.in
wickfile==2.0.1 \\
    --hash=sha256:ccc
    # via
    #   -r requirements/main.in
    #   lanternlib
flint==0.3.2
    # via
    #   -c constraints.txt
    #   lanternlib
tinder==5.0          # via flint, wickfile
ember==1.1           # via -r requirements.in, flint
glow==7.7
    # via acme-app (pyproject.toml)
unannotated==1.0
`
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.locations[0].line, c.direct ?? null])).toEqual([
      ['lanternlib', 4, true],
      ['wickfile', 8, true],
      ['flint', 13, false],
      ['tinder', 17, false],
      ['ember', 18, true],
      ['glow', 19, true],
      ['unannotated', 21, null],
    ])
  })

  it('says nothing of direct in a file without annotations, nor for a `# via` with no pin above it', () => {
    const {components} = discover('# via -r requirements.in\nlanternlib==1.0\n')
    expect(components.map((c) => c.direct ?? null)).toEqual([null])
  })

  it('takes a comment line as `# via` only when it starts so (one anchored expression), and a viable word for none', () => {
    const text = [
      'lanternlib==1.0',
      '    # pinned by hand, see # via -r requirements.in',
      'wickfile==2.0',
      '    # viable',
      'flint==3.0',
      '    #via -r requirements.in',
      'tallow==4.0',
      '    # via',
      '    #   flint',
      '',
    ].join('\n')
    const {components} = discover(text)
    expect(components.map((c) => [c.name, c.direct ?? null])).toEqual([
      ['lanternlib', null],
      ['wickfile', null],
      ['flint', true],
      ['tallow', false],
    ])
  })
  it('reads a `# via` line with a line separator (U+2028) after a long run of spaces in linear time', () => {
    // `.*` stopped at the U+2028, `$` failed, and each split of the spaces was tried: 40,000 spaces took 18 s. A
    // regression shows as this test's timeout.
    const line = `    # via${' '.repeat(1 << 20)}-r requirements.in\u2028x`
    const {components} = discover(`lanternlib==1.0\n${line}\nwickfile==2.0\n#${' '.repeat(1 << 20)}via\u2028\n`)
    expect(components.map((c) => [c.name, c.direct ?? null])).toEqual([
      ['lanternlib', true],
      // A `# via` whose only item is blank: what the line says, not a guess (no project named: transitive).
      ['wickfile', false],
    ])
  })
})

describe('pip-requirements: --index-url', () => {
  it("names the file's index as repository_url when it is not PyPI, and passes it to the files it includes", () => {
    const {components, errors} = discover(
      '--index-url https://pypi.internal.example/simple/\nacme-tools==1.4.0\n-r more.txt\n',
      {
        'more.txt': 'requests==2.32.0\n',
      },
    )
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl)).toEqual([
      'pkg:pypi/requests@2.32.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
      'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
    ])
    // PyPI itself, named with -i, is PyPI; --extra-index-url leaves the source open (pip takes either).
    expect(discover('-i https://pypi.org/simple\nrequests==2.32.0\n').components[0].purl).toBe(
      'pkg:pypi/requests@2.32.0',
    )
    expect(
      discover('--extra-index-url https://pypi.internal.example/simple\nrequests==2.32.0\n').components[0].purl,
    ).toBe('pkg:pypi/requests@2.32.0')
  })
})

describe("pip-requirements: pip's URL fragments", () => {
  it('names the package by #egg= (first or after &) and carries neither egg= nor subdirectory= in vcs_url', () => {
    const {components, skipped, errors} = discover(
      [
        '-e git+https://github.com/openai/CLIP.git@main#egg=clip',
        'git+https://github.com/example-corp/mono.git@v2#egg=acme-sub&subdirectory=packages/sub',
        'git+https://github.com/example-corp/mono.git@v2#subdirectory=packages/other&egg=Acme_Other',
        'acme-direct @ git+https://github.com/example-corp/direct.git@v1#subdirectory=py',
        'git+https://github.com/example-corp/noname.git#subdirectory=py',
        '-e ./libs/acme-local#egg=acme-local',
      ].join('\n'),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.ref, c.local, c.purl, c.locations[0].line])).toEqual([
      [
        'clip',
        '-e git+https://github.com/openai/CLIP.git@main#egg=clip',
        undefined,
        'pkg:pypi/clip?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fopenai%2FCLIP.git%40main',
        1,
      ],
      [
        'acme-sub',
        'git+https://github.com/example-corp/mono.git@v2#egg=acme-sub&subdirectory=packages/sub',
        undefined,
        'pkg:pypi/acme-sub?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fmono.git%40v2',
        2,
      ],
      [
        'acme-other',
        'git+https://github.com/example-corp/mono.git@v2#subdirectory=packages/other&egg=Acme_Other',
        undefined,
        'pkg:pypi/acme-other?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fmono.git%40v2',
        3,
      ],
      [
        'acme-direct',
        'acme-direct @ git+https://github.com/example-corp/direct.git@v1#subdirectory=py',
        undefined,
        'pkg:pypi/acme-direct?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fdirect.git%40v1',
        4,
      ],
      ['acme-local', '-e ./libs/acme-local#egg=acme-local', true, undefined, 6],
    ])
    // subdirectory= names no package: still unnamed.
    expect(skipped.map((s) => [s.line, s.message])).toEqual([
      [5, "VCS requirement 'git+https://github.com/example-corp/noname.git#subdirectory=py' has no registry version"],
    ])
  })

  it('never writes credentials of a VCS URL into the purl, the ref or a message', () => {
    const out = discover(
      'git+https://deploy:s3cr3t@github.com/example-corp/x.git@v1#egg=acme-x\ngit+https://deploy:s3cr3t@github.com/example-corp/y.git\n',
    )
    expect(out.components.map((c) => [c.ref, c.purl])).toEqual([
      [
        'git+https://***@github.com/example-corp/x.git@v1#egg=acme-x',
        'pkg:pypi/acme-x?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fx.git%40v1',
      ],
    ])
    expect(out.skipped.map((s) => s.message)).toEqual([
      "VCS requirement 'git+https://***@github.com/example-corp/y.git' has no registry version",
    ])
    expect(JSON.stringify(out)).not.toContain('s3cr3t')
  })
})

describe('pip-requirements: --index-url with --extra-index-url', () => {
  const purls = (text: string, files: Record<string, string> = {}) =>
    discover(text, files).components.map((c) => c.purl)

  it('carries nothing when PyPI is one of the indexes pip may take a package from', () => {
    // conda/conda tests/env/support/advanced-pip: a mirror as the index, PyPI as an extra one.
    expect(
      purls(
        '--index-url https://pypi.doubanio.com/simple\n--extra-index-url https://pypi.python.org/simple\nxmltodict==0.10.2\n',
      ),
    ).toEqual(['pkg:pypi/xmltodict@0.10.2'])
    expect(purls('--extra-index-url=https://pypi.internal.example/simple\nacme==1.0\n')).toEqual(['pkg:pypi/acme@1.0'])
  })

  it('carries the --index-url when no index is PyPI (the package never comes from PyPI)', () => {
    expect(
      purls(
        '-i https://pypi.internal.example/simple\n--extra-index-url https://other.internal.example/simple\nacme==1.0\n',
      ),
    ).toEqual(['pkg:pypi/acme@1.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple'])
  })

  it('applies the options in order: a later --index-url replaces the list, extra indexes included', () => {
    expect(
      purls('--extra-index-url https://pypi.org/simple\n--index-url https://pypi.internal.example/simple\nacme==1.0\n'),
    ).toEqual(['pkg:pypi/acme@1.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple'])
  })

  it("passes the includer's index list to the files it includes, under their own options", () => {
    const files = {
      'plain.txt': 'six==1.16.0\n',
      'own.txt': '-i https://own.internal.example/simple\nattrs==23.2.0\n',
    }
    expect(
      purls(
        '-i https://pypi.internal.example/simple\n--extra-index-url https://pypi.org/simple\n-r plain.txt\n-r own.txt\nacme==1.0\n',
        files,
      ),
    ).toEqual([
      'pkg:pypi/six@1.16.0',
      'pkg:pypi/attrs@23.2.0?repository_url=https%3A%2F%2Fown.internal.example%2Fsimple',
      'pkg:pypi/acme@1.0',
    ])
  })

  it('keeps index credentials out of repository_url', () => {
    const out = discover('-i https://deploy:s3cr3t@pypi.internal.example/simple/\nacme==1.0\n')
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:pypi/acme@1.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
    ])
    expect(JSON.stringify(out)).not.toContain('s3cr3t')
  })
})

describe("pip-requirements: pip's environment variables (upper-case $-brace names)", () => {
  it('lists no value pip fills in from the environment: an index, include, name or URL is skipped, a written name is listed without a version', () => {
    const out = discover(
      [
        `--index-url https://\${DOMAIN}-\${ACCOUNT}.d.codeartifact.\${REGION}.amazonaws.com/pypi/\${REPOSITORY}/simple/`,
        `git+https://\${GITHUB_TOKEN}@github.com/example/repo.git#egg=example-pkg`,
        `mypkg==\${MYPKG_VERSION}`,
        `\${OTHER_PKG}==1.0`,
        `wheelpkg @ https://files.example.com/\${VERSION}/wheelpkg.whl`,
        `-r \${BASE}/requirements-base.txt`,
        'requests==2.31.0',
      ].join('\n'),
    )
    expect(
      out.components.map((c) => [c.name, c.version, c.purl, `${c.locations[0].line}:${c.locations[0].column}`]),
    ).toEqual([
      [
        'example-pkg',
        undefined,
        'pkg:pypi/example-pkg?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Frepo.git',
        '2:1',
      ],
      ['mypkg', undefined, 'pkg:pypi/mypkg', '3:1'],
      ['requests', '2.31.0', 'pkg:pypi/requests@2.31.0', '7:1'],
    ])
    const why = `holds an environment variable (\${…}) that pip fills in when it reads the file`
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        1,
        'unsupported',
        `--index-url option 'https://\${DOMAIN}-\${ACCOUNT}.d.codeartifact.\${REGION}.amazonaws.com/pypi/\${REPOSITORY}/simple/' ${why}: not read`,
      ],
      [3, 'unsupported', `requirement 'mypkg==\${MYPKG_VERSION}' ${why}: listed without a version`],
      [4, 'unsupported', `requirement '\${OTHER_PKG}==1.0' ${why}: not read`],
      [
        5,
        'unsupported',
        `requirement 'wheelpkg @ https://files.example.com/\${VERSION}/wheelpkg.whl' ${why}: not read`,
      ],
      [6, 'unsupported', `included file '\${BASE}/requirements-base.txt' ${why}: not read`],
    ])
    expect(out.errors).toEqual([])
  })

  it('an index from the environment leaves where packages come from open, after a private --index-url too', () => {
    const out = discover(`--index-url https://pypi.example.com/simple\n--extra-index-url \${EXTRA_INDEX}\nthing==1.0\n`)
    expect(out.components.map((c) => c.purl)).toEqual(['pkg:pypi/thing@1.0'])
  })
})
