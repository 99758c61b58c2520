/**
 * pixi's manifest, `pixi.toml` (https://pixi.sh/latest/reference/pixi_manifest/): the PyPI packages a workspace asks
 * for, for the projects (numpy, xarray, dask) that install with pixi. What is read and reported:
 * ../../lockfile-support/pixi-manifest.ts, shared with the pyproject format (which reads the same tables under
 * `[tool.pixi]`). Read with smol-toml.
 */
import {readPixiTables} from '../../lockfile-support/pixi-manifest.js'
import {readToml} from '../../lockfile-support/toml.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export {featureScope} from '../../lockfile-support/pixi-manifest.js'

export const discoverer: Discoverer = {
  id: 'pixi-toml',
  description: 'pixi.toml: the PyPI packages of pypi-dependencies (conda dependencies reported, not read)',
  matches: (file) => /(^|\/)pixi\.toml$/.test(file) && !/(^|\/)node_modules\//.test(file),
  discover: ({file, text}) => discoverPixiToml(file, text),
}

export function discoverPixiToml(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const out = readPixiTables(file, text, read.table)
  return {components: out.components, skipped: out.skipped, errors: [...read.forbidden, ...out.errors]}
}
