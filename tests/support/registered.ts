/**
 * A plug-in's test that needs another plug-in takes it from the registry, as the stage does: plug-ins never
 * import each other (tests/architecture.test.ts), and a test that did would pass with the plug-in unregistered.
 */
import type {Discoverer} from '../../src/discover/types.js'
import {discoverers} from '../../src/discover/registry.js'
import type {Resolver} from '../../src/resolve/index.js'
import {resolvers} from '../../src/resolve/registry.js'

export function registeredResolver(id: string): Resolver {
  const found = resolvers.find((r) => r.id === id)
  if (!found) throw new Error(`resolver ${id} is not registered`)
  return found
}

export function registeredDiscoverer(id: string): Discoverer {
  const found = discoverers.find((d) => d.id === id)
  if (!found) throw new Error(`discoverer ${id} is not registered`)
  return found
}
