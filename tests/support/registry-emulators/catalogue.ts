import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Component} from '../../../src/core/model.js'
import {normalizePypiName as normalisePypiName} from '../../../src/core/package-names.js'
import {buildImages} from './oci.js'

/**
 * What the emulators have data for. A test warms a cache by resolving online only the components some
 * emulator knows, then resolves a whole inventory offline: the rest then says `offline-cache-miss`, as it
 * would on a machine without network, instead of a made-up `not-found`.
 */
export function servedByEmulators(): (component: Component) => boolean {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, 'data', file), 'utf8')) as Record<string, unknown>
  const npm = new Set(Object.keys(read('npm.json')))
  const depsDev = new Set(Object.keys(read('deps-dev.json')))
  const pypi = new Set(Object.keys(read('pypi.json')))
  const crates = new Set(Object.keys(read('crates.json')))
  const gems = new Set(Object.keys(read('rubygems.json')))
  const packagist = new Set(Object.keys(read('packagist.json')))
  const vanity = new Set(Object.keys(read('go-vanity.json')))
  const images = new Set(buildImages().manifests.keys())
  const systems: Record<string, string> = {
    npm: 'NPM',
    pypi: 'PYPI',
    golang: 'GO',
    cargo: 'CARGO',
    maven: 'MAVEN',
    nuget: 'NUGET',
  }
  return (c) => {
    if (c.kind === 'image') return images.has(c.name)
    if (depsDev.has(`${systems[c.ecosystem]}|${c.name}|${c.version}`)) return true
    switch (c.ecosystem) {
      case 'npm':
        return npm.has(`${c.name}@${c.version}`)
      case 'pypi':
        return pypi.has(normalisePypiName(c.name))
      case 'cargo':
        return crates.has(c.name)
      case 'gem':
        return gems.has(c.name)
      case 'composer':
        return packagist.has(c.name)
      case 'golang':
        return vanity.has(c.name)
      default:
        return false
    }
  }
}
