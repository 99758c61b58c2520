/**
 * Heads and lines a backtracking regular expression would take for ever on: each of these made a sniff or a parse of
 * the format named take time exponential in the number of lines or items (2^40 steps here; a ReDoS checker, recheck,
 * found them among the 1,242 expressions of src/, and a tree holding such a file hung `inventory`). Each expression
 * now admits one way to read a line (a comment stops before `\r`, whitespace between items belongs to one side), so
 * these files are read at once. A regression shows as this test's timeout, not as a timed assertion.
 */
import {describe, expect, it} from 'vitest'
import {discoverers} from '../../src/discover/registry.js'
import {scanTree} from './tree.js'

const lines = (unit: string, times = 40) => unit.repeat(times)

describe('inputs that made a sniff or a parse backtrack', () => {
  it('CRLF comment lines before a Buildkite step or a Concourse job, in a tree', async () => {
    const inventory = await scanTree({
      '.buildkite/pipeline.yml': `--${lines('--\n#\r\n--')}`,
      'ci/pipeline.yml': `jobs:\n# ${lines('\t-\r\n# ')}\t-\t`,
      // Read to the end, these are ordinary files: CRLF comments, then what each format expects.
      'ok/.buildkite/pipeline.yml': `${lines('# note\r\n')}- command: make\r\n  plugins:\r\n    - docker#v5.0.0: {image: registry.example.com/build:1}\r\n`,
    })
    expect(inventory.components.map((c) => c.ref)).toContain('registry.example.com/build:1')
  })

  it('CRLF comment lines before a Dockerfile FROM or a .gitmodules section, on standard input (recognised by content)', () => {
    // How `stewards inventory -` recognises a format (src/discover/index.ts): every format's identify, else its sniff.
    const recognisedBy = (head: string) =>
      discoverers.filter((format) => (format.identify ?? format.sniff)?.(head)).map((format) => format.id)
    expect(recognisedBy(`\t${lines('\n#\r\n\t')}X`)).toEqual([])
    expect(recognisedBy(`\t${lines('#\r\n\t')}X`)).toEqual([])
    expect(recognisedBy(`${lines('# note\r\n')}FROM registry.example.com/base:1.0\r\n`)).toEqual(['dockerfile'])
    expect(recognisedBy(`${lines('; note\r\n')}[submodule "lib"]\r\n\tpath = lib\r\n`)).toEqual(['git-submodules'])
  })

  it('a run of slashes that does not end a path (jsonnet-bundler subdir; 14 places cut trailing slashes so)', async () => {
    // `/\/+$/` is tried from every slash of the run: quadratic (a 300,000-slash subdir hung inventory).
    const subdir = `lib${'/'.repeat(300_000)}x/`
    const inventory = await scanTree({
      'jsonnetfile.json': JSON.stringify({
        version: 1,
        dependencies: [{source: {git: {remote: 'https://github.com/example/lib', subdir}}, version: 'v1.0.0'}],
      }),
    })
    // The subdir without its closing slash, as jb names the library.
    expect(inventory.components.map((c) => c.ref)).toEqual([`github.com/example/lib/${subdir.slice(0, -1)}@v1.0.0`])
  })

  it('an image reference of a long run of ${ with no closing brace', async () => {
    // The placeholder check was `/\$\{[^}]*\}|\$\([^)]*\)/`, tried from every `${`: a 300 KB image took 20 s.
    const image = '${'.repeat(300_000)
    const inventory = await scanTree({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: "${image}"}\n`,
    })
    expect(inventory.errors.map((e) => e.code)).toEqual(['invalid-image-ref'])
  })

  it('long runs of spaces in Python requirements: pyproject.toml, requirements.txt, a conda environment', async () => {
    // Markers, options and comments were cut by expressions matched to the end of the line, tried from every space of
    // the run (a pyproject.toml with two 200,000-space requirements took 30 s).
    const run = ' '.repeat(200_000)
    const inventory = await scanTree({
      'a/pyproject.toml': `[project]\nname = "x"\nversion = "1"\ndependencies = ["b${run};x", "c${run}x>=2"]\n`,
      'b/requirements.txt': `b${run};x\nc${run}-x!\nd${run}#x!\nrequests==2.0${run}--hash=sha256:0\n`,
      'c/environment.yml': `dependencies:\n  - pip:\n    - "b${run};x"\n    - "c${run}-x!"\n`,
    })
    expect(inventory.components.filter((c) => c.name === 'requests').map((c) => c.version)).toEqual(['2.0'])
  })

  it('a mix.exs dependency whose only: list ends in something that is not an atom', async () => {
    const only = `[${lines(':_\t\t')}x]`
    const inventory = await scanTree({
      'mix.exs': [
        'defmodule Example.MixProject do',
        '  use Mix.Project',
        '  def project, do: [app: :example, version: "0.1.0", deps: deps()]',
        '  defp deps do',
        `    [{:credo, "~> 1.7", only: ${only}}]`,
        '  end',
        'end',
      ].join('\n'),
      'mix.lock': '%{\n  "credo": {:hex, :credo, "1.7.7", "x", [:mix], [], "hexpm", "y"},\n}\n',
    })
    // Not a literal list of environments: direct, its scope not known.
    expect(inventory.components.map((c) => `${c.ref} ${c.direct} ${c.scope}`)).toEqual(['credo true undefined'])
  })
})
