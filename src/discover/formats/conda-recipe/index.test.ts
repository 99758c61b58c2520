// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${{ }} here is the literal text of the recipes under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'recipe/meta.yaml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '__fixtures__', path), 'utf8')
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)
const WHY = 'stewards has no conda ecosystem (no resolver for conda channels)'

describe('conda-recipe', () => {
  it('claims meta.yaml, meta.yml, recipe.yaml and recipe.yml that may be manifests, nothing else', () => {
    expect(
      [
        'meta.yaml',
        'recipe/meta.yml',
        'recipe/recipe.yaml',
        'conda/recipe.yml',
        'meta.yaml.bak',
        'my-meta.yaml',
        'recipe.json',
        '.github/workflows/recipe.yml',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false, false])
  })

  it('keeps real recipes by their keys, and leaves other files of their names to the k8s-manifest format', () => {
    for (const path of ['dask/meta.yaml', 'numpy-feedstock/meta.yaml', 'pandas-feedstock/recipe.yaml'])
      expect(discoverer.sniff?.(fixture(path)), path).toBe(true)
    // A multi-output rattler-build recipe: `recipe:` instead of `package:`.
    expect(discoverer.sniff?.('context:\n  v: "1"\nrecipe:\n  name: acme\noutputs:\n  - package: {name: a}\n')).toBe(
      true,
    )
    expect(discoverer.sniff?.('package: {name: acme, version: "1"}\nsource: {path: .}\n')).toBe(true)
    for (const other of [
      // A Kubernetes object named meta.yaml, even with a package-like key.
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: meta\npackage:\n  name: x\nbuild: {}\n',
      // Another tool's metadata: no package with a name, or no recipe section.
      'name: acme\nversion: 1.0\nauthors: [someone]\n',
      'package:\n  version: 1\nbuild: {}\n',
      'package:\n  name: acme\nversion: 1\n',
      'package:\nname: acme\nbuild: {}\n',
    ])
      expect(discoverer.sniff?.(other), other).toBe(false)
  })

  it("counts a real conda-build recipe's requirements by its lines, selectors and Jinja included (dask)", () => {
    const out = discover(fixture('dask/meta.yaml'), 'continuous_integration/recipe/meta.yaml')
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    expect(skips(out)).toEqual([
      `21 unsupported a conda-build recipe: 14 conda requirements not read (host 5; run 9: python, click, cloudpickle, fsspec, packaging, partd, pyyaml, toolz, importlib_metadata; conditional entries counted whatever the platform): ${WHY}`,
    ])
  })

  it('counts a conda-forge feedstock meta.yaml: Jinja entries as written, run_constrained after a comment (numpy)', () => {
    const out = discover(fixture('numpy-feedstock/meta.yaml'))
    expect(out.errors).toEqual([])
    expect(skips(out)).toEqual([
      `20 unsupported a conda-build recipe: 13 conda requirements not read (build 5; host 6; run 1: python; run_constrained 1; conditional entries counted whatever the platform): ${WHY}`,
    ])
  })

  it("reads a conda-forge rattler-build recipe.yaml as YAML: if:/then: branches counted, tests' requirements not (pandas)", () => {
    const text = fixture('pandas-feedstock/recipe.yaml')
    const out = discover(text, 'recipe/recipe.yaml')
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    const counted = `59 conda requirements not read (build 9; host 8; run 4: python, numpy, python-dateutil, python-tzdata; run_constraints 38; conditional entries counted whatever the platform)`
    expect(skips(out)).toEqual([`32 unsupported a rattler-build recipe: ${counted}: ${WHY}`])
    // Not valid YAML: the reader's error, and the same counts from the line scan.
    const broken = discover(`${text}bad: [\n`, 'recipe/recipe.yaml')
    expect(broken.errors.map((e) => e.code)).toEqual(['yaml-syntax'])
    expect(skips(broken)).toEqual([`32 unsupported a rattler-build recipe: ${counted}: ${WHY}`])
  })

  it("counts a multi-output conda-build recipe's outputs, list and flow forms, Jinja blocks; names ten of run", () => {
    const out = discover(
      [
        '{% set name = "acme" %}',
        'package:',
        '  name: {{ name }}-split',
        '  version: 1.0',
        'source:',
        '  url: https://user:secret@example.com/acme.tar.gz',
        'outputs:',
        '  - name: libacme',
        '    requirements:',
        '      build:',
        "        - {{ compiler('c') }}",
        '      host: [zlib, openssl >=3]',
        '      run:',
        '      - a',
        '      - b >=1',
        '      - "c=2"',
        '{% if win %}',
        '      - d',
        '{% endif %}',
        '      - e',
        '      - a  # [osx]',
        '      - f',
        '      - g',
        '      - h',
        '      - i',
        '      - j',
        '      - k',
        "      - {{ pin_subpackage('libacme') }}",
        "      - {{ pin_compatible('numpy',",
        "             max_pin='x.x') }}",
        '    test:',
        '      requires:',
        '        - pytest',
        '  - name: acme-tools',
        '    requirements:',
        '      - libacme',
        '      - python',
        'about:',
        '  license: MIT',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(skips(out)).toEqual([
      `9 unsupported a conda-build recipe: 19 conda requirements not read (build 1; host 2; run 14: a, b, c, d, e, f, g, h, i, j and 3 more; without a section 2; 2 outputs' requirements included; conditional entries counted whatever the platform): ${WHY}`,
    ])
    expect(JSON.stringify(out)).not.toContain('secret')
  })

  it('names a requirement with a Jinja expression inside its name whole (python-feedstock: ld_impl_{{ target_platform }})', () => {
    const out = discover(
      'package:\n  name: python\nrequirements:\n  run:\n    - ld_impl_{{ target_platform }} >=2.36.1  # [linux]\n    - tzdata\n',
    )
    expect(skips(out)[0]).toContain('run 2: ld_impl_{{ target_platform }}, tzdata')
  })

  it('says what a line scan does not count: a flow mapping', () => {
    expect(skips(discover('package:\n  name: acme\nrequirements: {run: [python]}\n'))).toEqual([
      `3 unsupported a conda-build recipe whose requirements are written as a flow mapping ({…}): not counted, not read; ${WHY}`,
    ])
    expect(
      skips(discover('package:\n  name: acme\nrequirements:\n  host: {a: b}\n  run: [python, "numpy >=2"]\n')),
    ).toEqual([
      `3 unsupported a conda-build recipe: 2 conda requirements not read (run 2: python, numpy; requirements written as a flow mapping ({…}) not counted): ${WHY}`,
    ])
  })

  it('reports a recipe without requirements at line 1', () => {
    expect(skips(discover('package:\n  name: acme\n  version: 1\nbuild:\n  number: 0\n'))).toEqual([
      `1 unsupported a conda-build recipe with no requirements written: not read; ${WHY}`,
    ])
    expect(skips(discover('schema_version: 1\npackage:\n  name: acme\n', 'recipe.yaml'))).toEqual([
      `1 unsupported a rattler-build recipe with no requirements written: not read; ${WHY}`,
    ])
  })

  it("reports what is not a rattler-build recipe's requirement at its place, and counts the rest", () => {
    const out = discover(
      [
        'schema_version: 1',
        'package: {name: acme, version: "1"}',
        'requirements:',
        '  host: python',
        '  run:',
        '    - numpy',
        '    - [nested]',
        '    - {pin: x}',
        '    - ""',
        'outputs:',
        '  - package: {name: a}',
        '    requirements: [x]',
        '  - package: {name: b}',
        '    requirements:',
        '      run:',
        '        - if: unix',
        '          then: [ncurses]',
        '          else: pdcurses',
      ].join('\n'),
      'recipe/recipe.yaml',
    )
    expect(errors(out)).toEqual([
      '4:9 invalid-entry requirements: host must be a list, not a string',
      '7:7 invalid-entry requirements: run: a list is no requirement nor if:/then:',
      '8:7 invalid-entry requirements: run: a mapping is no requirement nor if:/then:',
      '9:7 invalid-entry requirements: run: an empty item is no package',
      '12:19 invalid-entry requirements must be a mapping, not a list',
    ])
    expect(skips(out)).toEqual([
      `3 unsupported a rattler-build recipe: 3 conda requirements not read (run 3: numpy, ncurses, pdcurses; 2 outputs' requirements included; conditional entries counted whatever the platform): ${WHY}`,
    ])
  })

  it('stays linear on many entries and long lines', () => {
    const many = `package:\n  name: acme\nrequirements:\n  run:\n${'    - pkg >=1\n'.repeat(100_000)}`
    expect(skips(discover(many))[0]).toContain('100000 conda requirements not read (run 100000: pkg)')
    const long = `package:\n  name: acme\nrequirements:\n  run:\n    - ${'x'.repeat(1_000_000)}\n`
    expect(skips(discover(long))[0]).toContain('… (')
  })
})
