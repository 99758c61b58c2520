import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  purl?: string
  scope: string
  locations: Array<{file: string; line: number; column: number}>
}

describe('stewards inventory: pixi environments', () => {
  it("--json gives the default environment's index to what it installs and reads tables written on environments", async () => {
    // pixi's tests/data/satisfiability/pypi-feature-level-index-url/pixi.toml and pixi's own pixi.toml
    // (src/discover/formats/pixi-toml/__fixtures__), under the name pixi reads, and a pyproject.toml's [tool.pixi].
    const fixtures = 'src/discover/formats/pixi-toml/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-pixi-envs-'))
    for (const [from, to] of [
      ['pypi-feature-level-index-url/pixi.toml', 'index/pixi.toml'],
      ['pixi/pixi.toml', 'pixi/pixi.toml'],
    ]) {
      await mkdir(join(dir, to, '..'), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    }
    await mkdir(join(dir, 'py'))
    await writeFile(
      join(dir, 'py', 'pyproject.toml'),
      `[project]
name = "example-project"
version = "0.1.0"

[tool.pixi.feature.private.pypi-options]
index-url = "https://pypi.example.com/simple"

[tool.pixi.pypi-dependencies]
example-top = "*"

[tool.pixi.environments.default]
features = ["private"]

[tool.pixi.environments.docs.pypi-dependencies]
example-docs = "*"

[tool.pixi.environments.docs.dependencies]
example-conda = "*"
`,
    )
    const json = await inventoryJson(dir)
    expect(json.files).toBe(3)
    expect(
      json.components.map(
        (c: Row) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.scope} ${c.purl}`,
      ),
    ).toEqual([
      'py/pyproject.toml:15:1 dev pkg:pypi/example-docs',
      'py/pyproject.toml:9:1 prod pkg:pypi/example-top?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
      'pixi/pixi.toml:332:1 dev pkg:pypi/mike?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsquidfunk%2Fmike',
      'index/pixi.toml:13:1 prod pkg:pypi/my-dep@1.0.0?repository_url=https%3A%2F%2Fcustom.example.com%2Fsimple',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string; message: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message.split(':')[0]}`,
      ),
    ).toEqual([
      'index/pixi.toml:6 unsupported 1 conda dependency not read',
      'pixi/pixi.toml:50 unsupported 68 conda dependencies not read',
      'pixi/pixi.toml:332 unresolved-version mike',
      'py/pyproject.toml:17 unsupported 1 conda dependency not read',
    ])
  })
})
