import {join} from 'node:path'
import {shippedPath} from '../../../core/package-root.js'
import {type CompiledEntry, loadPatternMap} from '../../pattern-map.js'
import type {Outcome, Resolver} from '../../types.js'
import {KnownImages} from './schema.js'

/** The shipped rules folder (core/package-root.ts: from src/ and from the bundled dist/ alike). */
export const defaultRulesDir = shippedPath('rules', 'resolve')
export const KNOWN_IMAGES_FILE = 'known-images.yaml'

/**
 * A curated, cited map for well-known images without a source label (Kubernetes release images on
 * registry.k8s.io, CNCF projects' images): `rules/resolve/known-images.yaml`. High confidence: each entry
 * cites the project's own page.
 */
export const resolver: Resolver = {
  id: 'known-images',
  description: 'Curated, cited map of well-known images without labels (rules/resolve/known-images.yaml)',
  provenance: 'known-images',
  kind: 'image',
  handles: (c) => c.kind === 'image',
  async resolve(components, context) {
    const entries = await loadKnownImages(context.options.rulesDir ?? defaultRulesDir)
    return components.map((component) => decide(entries, component.name))
  },
}

const loaded = new Map<string, Promise<CompiledEntry[]>>()

export function loadKnownImages(dir: string): Promise<CompiledEntry[]> {
  let entries = loaded.get(dir)
  if (!entries) {
    entries = loadPatternMap(join(dir, KNOWN_IMAGES_FILE), KnownImages, `rules/resolve/${KNOWN_IMAGES_FILE}`)
    loaded.set(dir, entries)
  }
  return entries
}

function decide(entries: readonly CompiledEntry[], name: string): Outcome {
  const entry = entries.find((e) => e.test(name))
  if (!entry) return {status: 'miss', reason: 'no-label', detail: `${name}: not in rules/resolve/${KNOWN_IMAGES_FILE}`}
  return {
    status: 'resolved',
    repo: entry.repo,
    ...(entry.directory ? {directory: entry.directory} : {}),
    confidence: 'high',
    evidence: `known image: ${String(entry.extra.cite)}`,
  }
}
