/**
 * Every format that checks values runs again once zod is loaded, when a value needed it (checked.ts,
 * discoverChecked, which ./jobs.ts runs every format through): with zod not loaded, a file holding an invalid value
 * gives exactly what it gives with zod loaded from the start. One invalid file per format (the rest of the suite runs with zod loaded: tests/support/load-schemas.ts).
 */
import {afterEach, describe, expect, it} from 'vitest'
import {registeredDiscoverer} from '../../tests/support/registered.js'
import type {DiscoverOutput} from './types.js'
import {discoverChecked, forgetSchemas, loadSchemas, schemasLoaded} from './checked.js'

const CASES: Array<[format: string, file: string, text: string, others?: Record<string, string>]> = [
  ['cargo-lock', 'Cargo.lock', 'version = 3\n\n[[package]]\nname = 1\nversion = "1.0.0"\n'],
  [
    'npm-package-lock',
    'package-lock.json',
    '{"name": "a", "lockfileVersion": 3, "packages": {"": {"name": "a"}, "node_modules/x": {"version": 1}}}\n',
  ],
  [
    'npm-package-lock',
    'package-lock.json',
    '{"name": "a", "lockfileVersion": 1, "dependencies": {"x": {"version": 1}}}\n',
  ],
  [
    'pnpm-lock',
    'pnpm-lock.yaml',
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      x:\n        specifier: ^1\n        version: 1\npackages:\n  x@1.0.0:\n    resolution: 5\nsnapshots:\n  x@1.0.0:\n    optional: 5\n",
  ],
  ['yarn-lock', 'yarn.lock', '__metadata:\n  version: eight\n\n"x@npm:^1":\n  version: 1.0.0\n'],
  ['nuget-lock', 'packages.lock.json', '{"version": 1, "dependencies": {"net8.0": {"X": {"type": "Bogus"}}}}\n'],
  [
    'swiftpm-resolved',
    'Package.resolved',
    '{"pins": [{"identity": "", "kind": "registry", "state": {}}], "version": 2}\n',
  ],
  ['uv-lock', 'uv.lock', 'version = 1\n\n[[package]]\nname = 1\nversion = "1.0"\n'],
  ['kustomization', 'kustomization.yaml', 'resources: 5\nimages:\n  - name: 1\n'],
  ['helm-chart', 'Chart.yaml', 'apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: 5\n'],
  [
    'helm-values',
    'values.yaml',
    'image:\n  repository: x\n',
    {'Chart.yaml': 'apiVersion: v2\nname: x\ndependencies: 5\n'},
  ],
]

/** Invalid values these formats check by hand, in their own words: they need no zod, loaded or not. */
const HAND_CHECKED: Array<[format: string, file: string, text: string]> = [
  ['composer-lock', 'composer.lock', '{"packages": [{"name": 1, "version": "1.0.0"}], "packages-dev": []}\n'],
  ['poetry-lock', 'poetry.lock', '[[package]]\nname = 1\nversion = "1.0"\n\n[metadata]\nlock-version = 2\n'],
  ['pipfile-lock', 'Pipfile.lock', '{"_meta": {"pipfile-spec": 9}, "default": {"x": {"version": 1}}}\n'],
]

describe('a format run again once zod is loaded', () => {
  afterEach(loadSchemas)

  it.each(CASES)('%s (%s): the same result when zod was not loaded', async (id, file, text, others) => {
    const format = registeredDiscoverer(id)
    const context = {readText: (path: string) => others?.[path] ?? null}
    await loadSchemas()
    const loaded = format.discover({file, text}, context)
    expect(loaded).not.toBeInstanceOf(Promise)
    forgetSchemas()
    // The file needs zod: alone, the format stops for it; run as jobs.ts runs it, it loads zod and runs again.
    expect(() => format.discover({file, text}, context)).toThrow('the discover schemas are not loaded')
    expect(await discoverChecked(format, {file, text}, context)).toEqual(loaded)
    expect(schemasLoaded()).toBe(true)
    // Each file but the values file (whose chart only lends its appVersion) is refused somewhere.
    if (id !== 'helm-values') expect((loaded as DiscoverOutput).errors?.length).toBeGreaterThan(0)
  })

  it.each(HAND_CHECKED)('%s (%s): the same errors without zod, in its own words', async (id, file, text) => {
    const format = registeredDiscoverer(id)
    const context = {readText: () => null}
    await loadSchemas()
    const loaded = format.discover({file, text}, context) as DiscoverOutput
    expect(loaded.errors?.length).toBeGreaterThan(0)
    expect(JSON.stringify(loaded.errors)).not.toMatch(/Invalid input|received/)
    forgetSchemas()
    expect(format.discover({file, text}, context)).toEqual(loaded)
  })
})
