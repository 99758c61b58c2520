import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'environment.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('conda-environment', () => {
  it('matches environment.yml and environment.yaml only', () => {
    expect(discoverer.matches('environment.yml')).toBe(true)
    expect(discoverer.matches('binder/environment.yaml')).toBe(true)
    expect(discoverer.matches('ci/environment-dev.yml')).toBe(false)
    expect(discoverer.matches('environment.json')).toBe(false)
    expect(discoverer.matches('my-environment.yml')).toBe(false)
  })

  it("lists a real file's pip: requirements and counts its conda packages (matplotlib)", () => {
    const text = readFileSync(new URL('./__fixtures__/matplotlib/environment.yml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '40:9 mpl-sphinx-theme~=3.11.0 - pkg:pypi/mpl-sphinx-theme',
      '41:9 sphinxcontrib-svg2pdfconverter>=1.1.0 - pkg:pypi/sphinxcontrib-svg2pdfconverter',
      '42:9 sphinxcontrib-video>=0.2.1 - pkg:pypi/sphinxcontrib-video',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'pypi' && c.scope === undefined)).toBe(true)
    expect(skips(out)).toEqual([
      '11 unsupported 28 conda packages not read (cairocffi, c-compiler, cxx-compiler, contourpy>=1.2.1, cycler>=0.10.0, fonttools>=4.28.2, importlib-resources>=3.2.0, kiwisolver>=1.3.1, pybind11>=2.13.2, meson-python>=0.13.1 and 18 more): stewards has no conda ecosystem (no resolver for conda channels); only the pip: list is read',
    ])
  })

  it("carries a real file's -e git+…#egg= requirements with vcs_url, without pip's #egg= (CompVis/latent-diffusion)", () => {
    const text = readFileSync(new URL('./__fixtures__/latent-diffusion/environment.yaml', import.meta.url), 'utf8')
    const out = discover(text, 'environment.yaml')
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '13:7 albumentations==0.4.3 0.4.3 pkg:pypi/albumentations@0.4.3',
      '14:7 opencv-python==4.1.2.30 4.1.2.30 pkg:pypi/opencv-python@4.1.2.30',
      '15:7 pudb==2019.2 2019.2 pkg:pypi/pudb@2019.2',
      '16:7 imageio==2.9.0 2.9.0 pkg:pypi/imageio@2.9.0',
      '17:7 imageio-ffmpeg==0.4.2 0.4.2 pkg:pypi/imageio-ffmpeg@0.4.2',
      '18:7 pytorch-lightning==1.4.2 1.4.2 pkg:pypi/pytorch-lightning@1.4.2',
      '19:7 omegaconf==2.1.1 2.1.1 pkg:pypi/omegaconf@2.1.1',
      '20:7 test-tube>=0.7.5 - pkg:pypi/test-tube',
      '21:7 streamlit>=0.73.1 - pkg:pypi/streamlit',
      '22:7 einops==0.3.0 0.3.0 pkg:pypi/einops@0.3.0',
      '23:7 torch-fidelity==0.3.0 0.3.0 pkg:pypi/torch-fidelity@0.3.0',
      '24:7 transformers==4.3.1 4.3.1 pkg:pypi/transformers@4.3.1',
      '25:7 -e git+https://github.com/CompVis/taming-transformers.git@master#egg=taming-transformers - pkg:pypi/taming-transformers?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FCompVis%2Ftaming-transformers.git%40master',
      '26:7 -e git+https://github.com/openai/CLIP.git@main#egg=clip - pkg:pypi/clip?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fopenai%2FCLIP.git%40main',
    ])
    expect(skips(out)).toEqual([
      "27 unresolved-version dependencies: pip: local path requirement '.' names no package and has no registry version",
      '5 unsupported 6 conda packages not read (python=3.8.5, pip=20.3, cudatoolkit=11.0, pytorch=1.7.0, torchvision=0.8.1, numpy=1.19.2): stewards has no conda ecosystem (no resolver for conda channels); only the pip: list is read',
    ])
  })

  it("drops pip's #egg= and #subdirectory= from vcs_url and download_url, keeping other fragment parts", () => {
    const out = discover(`dependencies:
  - pip:
    - git+https://github.com/example-corp/mono.git@v2#egg=acme-sub&subdirectory=packages/sub
    - git+https://github.com/example-corp/mono.git@v2#subdirectory=packages/other&egg=Acme_Other
    - acme-direct @ git+https://github.com/example-corp/direct.git@v1#subdirectory=py
    - acme-archive @ https://downloads.example-corp.com/acme-archive-1.0.tar.gz#sha256=abc&subdirectory=src
    - hg+https://hg.example-corp.com/acme-hg#egg=acme-hg
    - git+https://github.com/example-corp/noname.git#subdirectory=py
    - git+https://github.com/example-corp/odd.git#egg=[x]
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:7 git+https://github.com/example-corp/mono.git@v2#egg=acme-sub&subdirectory=packages/sub - pkg:pypi/acme-sub?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fmono.git%40v2',
      '4:7 git+https://github.com/example-corp/mono.git@v2#subdirectory=packages/other&egg=Acme_Other - pkg:pypi/acme-other?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fmono.git%40v2',
      '5:7 acme-direct @ git+https://github.com/example-corp/direct.git@v1#subdirectory=py - pkg:pypi/acme-direct?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Fdirect.git%40v1',
      '6:7 acme-archive @ https://downloads.example-corp.com/acme-archive-1.0.tar.gz#sha256=abc&subdirectory=src - pkg:pypi/acme-archive?download_url=https%3A%2F%2Fdownloads.example-corp.com%2Facme-archive-1.0.tar.gz%23sha256%3Dabc',
      '7:7 hg+https://hg.example-corp.com/acme-hg#egg=acme-hg - pkg:pypi/acme-hg?vcs_url=hg%2Bhttps%3A%2F%2Fhg.example-corp.com%2Facme-hg',
    ])
    expect(skips(out)).toEqual([
      "8 unresolved-version dependencies: pip: VCS requirement 'git+https://github.com/example-corp/noname.git' names no package and has no registry version",
      "9 unresolved-version dependencies: pip: VCS requirement 'git+https://github.com/example-corp/odd.git' names no package and has no registry version",
    ])
  })

  it('carries no repository_url when PyPI is among the indexes (conda/conda advanced-pip), the --index-url when none is', () => {
    // conda/conda tests/env/support/advanced-pip/env_template.yml: a mirror as the index, PyPI as an extra one.
    const open = discover(`dependencies:
  - pip:
    - --index-url https://pypi.doubanio.com/simple
    - --extra-index-url https://pypi.python.org/simple
    - xmltodict==0.10.2
`)
    expect(rows(open)).toEqual(['5:7 xmltodict==0.10.2 0.10.2 pkg:pypi/xmltodict@0.10.2'])
    // Options apply in order: --index-url after an extra index replaces the whole list.
    const replaced = discover(`dependencies:
  - pip:
    - --extra-index-url https://pypi.org/simple
    - -i https://pypi.example-corp.com/simple
    - acme==1.0
`)
    expect(rows(replaced)).toEqual([
      '5:7 acme==1.0 1.0 pkg:pypi/acme@1.0?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
    ])
    const extraOnly = discover(
      'dependencies:\n  - pip:\n    - --extra-index-url=https://pypi.example-corp.com/simple\n    - acme==1.0\n',
    )
    expect(rows(extraOnly)).toEqual(['4:7 acme==1.0 1.0 pkg:pypi/acme@1.0'])
  })

  it('reads pins, extras, markers, hashes, names to normalise, and every kind of source', () => {
    const out = discover(`name: acme
dependencies:
  - conda-forge::pandas
  - pip:
    - Requests[socks]==2.32.3 ; python_version >= "3.9"
    - attrs==23.2.0 --hash=sha256:abc
    - Django_Utils>=4,<5  # a comment
    - acme-tools @ git+https://github.com/example-corp/acme-tools@v1.2
    - acme-wheel @ https://downloads.example-corp.com/acme_wheel-1.0-py3-none-any.whl
    - acme-local @ file:///opt/acme-local
    - -e ./packages/widgets#egg=acme-widgets
    - -e .
    - git+https://github.com/example-corp/unnamed.git
    - ./vendor/acme_thing-1.0.tar.gz
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:7 Requests[socks]==2.32.3 ; python_version >= "3.9" 2.32.3 pkg:pypi/requests@2.32.3',
      '6:7 attrs==23.2.0 23.2.0 pkg:pypi/attrs@23.2.0',
      '7:7 Django_Utils>=4,<5 - pkg:pypi/django-utils',
      '8:7 acme-tools @ git+https://github.com/example-corp/acme-tools@v1.2 - pkg:pypi/acme-tools?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Facme-tools%40v1.2',
      '9:7 acme-wheel @ https://downloads.example-corp.com/acme_wheel-1.0-py3-none-any.whl - pkg:pypi/acme-wheel?download_url=https%3A%2F%2Fdownloads.example-corp.com%2Facme_wheel-1.0-py3-none-any.whl',
      '10:7 acme-local @ file:///opt/acme-local - local -',
      '11:7 -e ./packages/widgets#egg=acme-widgets - local -',
    ])
    expect(skips(out)).toEqual([
      "12 unresolved-version dependencies: pip: local path requirement '.' names no package and has no registry version",
      "13 unresolved-version dependencies: pip: VCS requirement 'git+https://github.com/example-corp/unnamed.git' names no package and has no registry version",
      "14 unresolved-version dependencies: pip: local path requirement './vendor/acme_thing-1.0.tar.gz' names no package and has no registry version",
      '2 unsupported 1 conda package not read (conda-forge::pandas): stewards has no conda ecosystem (no resolver for conda channels); only the pip: list is read',
    ])
  })

  it('carries the --index-url as repository_url when no index is PyPI, without its credentials, to every named requirement', () => {
    const out = discover(`dependencies:
  - pip:
    - acme-core==1.0.0
    - --index-url https://deploy:s3cr3t-t0ken@pypi.example-corp.com/simple/
    - --extra-index-url https://other.example-corp.com/simple
    - -f https://example-corp.com/wheels
    - acme-client>=2
    - acme-src @ git+https://deploy:s3cr3t-t0ken@github.com/example-corp/acme-src
`)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '3:7 acme-core==1.0.0 1.0.0 pkg:pypi/acme-core@1.0.0?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
      '7:7 acme-client>=2 - pkg:pypi/acme-client?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
      '8:7 acme-src @ git+https://***@github.com/example-corp/acme-src - pkg:pypi/acme-src?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-corp%2Facme-src',
    ])
    expect(JSON.stringify(out)).not.toContain('s3cr3t')
    expect(JSON.stringify(out)).not.toContain('deploy')
  })

  it('leaves PyPI as the index unqualified', () => {
    const out = discover('dependencies:\n  - pip:\n    - -i https://pypi.org/simple\n    - six==1.16.0\n')
    expect(rows(out)).toEqual(['4:7 six==1.16.0 1.16.0 pkg:pypi/six@1.16.0'])
  })

  it('does not follow -r or -c; requirements*.txt is left to the pip-requirements format', () => {
    const out = discover(`dependencies:
  - pip:
    - -r requirements.txt
    - -r requirements/dev.txt
    - --requirement=ci/extra-deps.txt
    - -c constraints.txt
`)
    expect(out.errors).toEqual([])
    expect(out.components).toEqual([])
    expect(skips(out)).toEqual([
      "5 unsupported dependencies: pip: included file 'ci/extra-deps.txt' not read: the pip-requirements format reads requirements*.txt, *-requirements.txt, any .txt under a requirements/ folder, and the same names in .in",
      "6 unsupported dependencies: pip: constraints file 'constraints.txt' not read (its pins are not applied)",
    ])
  })

  it('reports wrong types at their lines and reads the rest', () => {
    const out = discover(`name: acme
dependencies:
  - numpy
  - [nested]
  - pip: acme-lib==1.0
  - pip:
    - {name: acme}
    - 42
    - "=== not a requirement"
    - acme-good==2.0
  - uv:
    - acme-other
`)
    expect(errors(out)).toEqual([
      '4:5 invalid-entry dependencies: a list inside the list is no package',
      '5:10 invalid-entry dependencies: pip: must be a list of requirements, not a string',
      '7:7 invalid-entry dependencies: pip: an entry is a mapping, not a requirement',
      '9:7 invalid-requirement dependencies: pip: not a requirement, an option or an include',
    ])
    // `42` is a valid PEP 508 name (digits only), as pip reads it.
    expect(rows(out)).toEqual(['8:7 42 - pkg:pypi/42', '10:7 acme-good==2.0 2.0 pkg:pypi/acme-good@2.0'])
    expect(skips(out)).toEqual([
      "12 unsupported dependencies: 'uv:' is not pip:, the one installer besides conda that conda runs; not read",
      '2 unsupported 1 conda package not read (numpy): stewards has no conda ecosystem (no resolver for conda channels); only the pip: list is read',
    ])
  })

  it('reports a file that is not a mapping, and dependencies that are not a list', () => {
    expect(errors(discover('- numpy\n'))).toEqual(['1:1 invalid-entry an environment file is a mapping, not a list'])
    expect(errors(discover('name: x\ndependencies: numpy\n'))).toEqual([
      '2:15 invalid-entry dependencies must be a list, not a string',
    ])
    const empty = discover('name: x\nchannels: [conda-forge]\ndependencies:\n')
    expect([empty.components, empty.skipped, empty.errors]).toEqual([[], [], []])
    const emptyPip = discover('dependencies:\n  - pip:\n')
    expect([emptyPip.components, emptyPip.skipped, emptyPip.errors]).toEqual([[], [], []])
  })

  it('reports a YAML syntax error at its line', () => {
    const out = discover('dependencies:\n  - pip:\n    - six\n  - [unclosed\n')
    expect(errors(out)).toEqual([
      '5:1 yaml-syntax YAML Flow sequence in block collection must be sufficiently indented and end with a ]',
    ])
    expect(out.components).toEqual([])
  })

  it('drops __proto__ keys with an error, reading the rest', () => {
    const out = discover(`__proto__: {polluted: true}
dependencies:
  - __proto__: [evil]
  - pip:
    - acme-safe==1.0
`)
    expect(out.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['1 forbidden-key', '3 forbidden-key'])
    expect(rows(out)).toEqual(['5:7 acme-safe==1.0 1.0 pkg:pypi/acme-safe@1.0'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads 10,000 pip entries and names only the first ten conda packages', () => {
    const conda = Array.from({length: 10_000}, (_, i) => `  - conda-pkg-${i}=1.${i}`).join('\n')
    const pip = Array.from({length: 10_000}, (_, i) => `    - acme-pkg-${i}==1.${i}`).join('\n')
    const out = discover(`dependencies:\n${conda}\n  - pip:\n${pip}\n`)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(10_000)
    expect(rows(out).at(-1)).toBe('20002:7 acme-pkg-9999==1.9999 1.9999 pkg:pypi/acme-pkg-9999@1.9999')
    expect(skips(out)).toEqual([
      '1 unsupported 10000 conda packages not read (conda-pkg-0=1.0, conda-pkg-1=1.1, conda-pkg-2=1.2, conda-pkg-3=1.3, conda-pkg-4=1.4, conda-pkg-5=1.5, conda-pkg-6=1.6, conda-pkg-7=1.7, conda-pkg-8=1.8, conda-pkg-9=1.9 and 9990 more): stewards has no conda ecosystem (no resolver for conda channels); only the pip: list is read',
    ])
  })

  it('refuses an entry longer than a requirements line without quoting it', () => {
    const out = discover(`dependencies:\n  - pip:\n    - a${' '.repeat(100_000)}b\n`)
    expect(errors(out)).toEqual([
      '3:7 invalid-entry dependencies: pip: an entry is longer than a requirements line, not a requirement',
    ])
  })

  it('reads a flow-style list, its skip at the key line', () => {
    const out = discover('name: x\ndependencies: [python=3.12, {pip: [acme==1.0]}]\n')
    expect(rows(out)).toEqual(['2:36 acme==1.0 1.0 pkg:pypi/acme@1.0'])
    expect(out.skipped.map((s) => s.line)).toEqual([2])
  })
})

describe("conda-environment: pip's environment variables in the pip: list", () => {
  it('lists no value pip fills in from the environment (conda hands the list to pip -r): a written name without a version, the rest skipped', () => {
    const out = discover(
      [
        'dependencies:',
        '  - pip:',
        `    - --index-url https://\${DOMAIN}.example.com/simple`,
        `    - git+https://\${GITHUB_TOKEN}@github.com/example/repo.git#egg=example-pkg`,
        `    - mypkg==\${MYPKG_VERSION}`,
        `    - \${OTHER_PKG}==1.0`,
        `    - wheelpkg @ https://files.example.com/\${VERSION}/wheelpkg.whl`,
        `    - -r \${BASE}/requirements-base.txt`,
        '    - requests==2.31.0',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:7 git+https://***@github.com/example/repo.git#egg=example-pkg - pkg:pypi/example-pkg?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Frepo.git',
      `5:7 mypkg==\${MYPKG_VERSION} - pkg:pypi/mypkg`,
      '9:7 requests==2.31.0 2.31.0 pkg:pypi/requests@2.31.0',
    ])
    const why = `holds an environment variable (\${…}) that pip fills in when it reads the list`
    expect(skips(out)).toEqual([
      `3 unsupported dependencies: pip: --index-url option 'https://\${DOMAIN}.example.com/simple' ${why}: not read`,
      `5 unsupported dependencies: pip: requirement 'mypkg==\${MYPKG_VERSION}' ${why}: listed without a version`,
      `6 unsupported dependencies: pip: requirement '\${OTHER_PKG}==1.0' ${why}: not read`,
      `7 unsupported dependencies: pip: requirement 'wheelpkg @ https://files.example.com/\${VERSION}/wheelpkg.whl' ${why}: not read`,
      `8 unsupported dependencies: pip: included file '\${BASE}/requirements-base.txt' ${why}: not read`,
    ])
  })
})

describe('conda-environment: the pip: list read as the requirements file conda writes of it', () => {
  it('reads each entry as pip reads that line: several options, quoted paths, paths without ./, continuations', () => {
    // conda/env/installers/pip.py writes the entries one a line and runs `pip install -U -r` on the file.
    const out = discover(`dependencies:
  - pip:
    - -r extra.txt -c "pins/cons.txt"
    - --index-url=https://pypi.example.com/simple -r requirements-dev.txt
    - sdks/python
    - acme-lib>=1.0,\\
    - <2.0
    - -r
    - acme-after==3.0
`)
    // Before: lines 3, 4 and 8 were options read past in silence (the index of line 4 not applied), line 6 was listed
    // as `acme-lib>=1.0,\`, lines 5 and 7 were invalid-requirement errors.
    expect(rows(out)).toEqual([
      '6:7 acme-lib>=1.0, <2.0 - pkg:pypi/acme-lib?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
      '9:7 acme-after==3.0 3.0 pkg:pypi/acme-after@3.0?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
    ])
    expect(skips(out)).toEqual([
      "3 unsupported dependencies: pip: included file 'extra.txt' not read: the pip-requirements format reads requirements*.txt, *-requirements.txt, any .txt under a requirements/ folder, and the same names in .in",
      "3 unsupported dependencies: pip: constraints file 'pins/cons.txt' not read (its pins are not applied)",
      "5 unresolved-version dependencies: pip: local path requirement 'sdks/python' names no package and has no registry version",
    ])
    expect(errors(out)).toEqual(['8:7 invalid-requirement dependencies: pip: -r without a value'])
  })
})
