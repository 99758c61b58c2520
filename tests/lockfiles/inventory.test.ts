/** `stewards inventory` over a directory holding every lockfile format prints each component with its location. */
import {describe, expect, it} from 'vitest'
import type {Inventory} from '../../src/core/model.js'
import {runCli} from '../support/cli.js'

const root = 'tests/lockfiles/__fixtures__/all-formats'

describe('stewards inventory over every lockfile format', () => {
  it('lists each package with its file, line and column', async () => {
    const result = await runCli(['inventory', root, '--json'])
    expect(result.code, result.stderr).toBe(0)
    const inventory = JSON.parse(result.stdout) as Inventory
    expect(inventory.errors).toEqual([])
    const found = inventory.components
      .flatMap((component) =>
        component.locations.map(
          (at) =>
            `${at.file.slice(root.length + 1)}:${at.line}:${at.column} ${component.purl ?? `local ${component.name}`}`,
        ),
      )
      .sort()
    expect(found).toEqual([
      'go/go.mod:5:9 pkg:golang/github.com/google/uuid@v1.6.0',
      'go/go.sum:1:1 pkg:golang/github.com/google/uuid@v1.6.0',
      'npm/package-lock.json:7:5 pkg:npm/left-pad@1.3.0',
      'php/composer.lock:3:9 pkg:composer/psr/log@3.0.2',
      'pip/requirements.txt:2:1 pkg:pypi/click@8.1.7',
      'pipenv/Pipfile.lock:4:9 pkg:pypi/six@1.16.0',
      'pnpm/pnpm-lock.yaml:13:3 pkg:npm/ms@2.1.3',
      'poetry/poetry.lock:1:1 pkg:pypi/idna@3.7',
      'ruby/Gemfile.lock:4:5 pkg:gem/rack@3.1.7',
      'rust/Cargo.lock:10:1 pkg:cargo/itoa@1.0.11',
      'rust/Cargo.lock:3:1 local demo',
      'uv/uv.lock:4:1 pkg:pypi/attrs@24.2.0',
      'yarn-berry/yarn.lock:5:1 pkg:npm/is-even@1.0.0',
      'yarn-classic/yarn.lock:4:1 pkg:npm/is-odd@3.0.1',
    ])
  })
})
