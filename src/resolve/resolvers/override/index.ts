import {resolve as resolvePath} from 'node:path'
import {type CompiledEntry, loadPatternMap, matchKeys} from '../../pattern-map.js'
import type {Outcome, Resolver} from '../../types.js'
import {MapFile} from './schema.js'

/**
 * User overrides (`--map FILE`): patterns over purls (`pkg:npm/@acme/*`) or image names
 * (`registry.example.com/acme/*`) → repository. They run first and always win; a bad file is a usage error.
 */
export const resolver: Resolver = {
  id: 'override',
  description: 'User map file (--map): purl or image pattern → repository; always wins',
  provenance: 'override',
  kind: 'override',
  handles: () => true,
  enabled: (options) => Boolean(options.mapFile),
  async resolve(components, context) {
    const file = context.options.mapFile ?? ''
    const entries = await loadPatternMap(resolvePath(file), MapFile, file)
    return components.map((component) => decide(entries, matchKeys(component)))
  },
}

function decide(entries: readonly CompiledEntry[], keys: readonly string[]): Outcome {
  const entry = entries.find((e) => keys.some((k) => e.test(k)))
  if (!entry) return {status: 'miss', reason: 'unsupported', detail: 'no --map entry matches'}
  if (typeof entry.extra.unresolved === 'string')
    return {status: 'miss', reason: 'excluded', detail: `map ${entry.source}: ${entry.extra.unresolved}`}
  return {
    status: 'resolved',
    repo: entry.repo,
    ...(entry.directory ? {directory: entry.directory} : {}),
    confidence: 'high',
    evidence: `map ${entry.source} (${entry.match})`,
  }
}
