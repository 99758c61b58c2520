import {normaliseRepoUrl} from '../../../core/repo-url.js'
import type {Component} from '../../../core/model.js'
import type {Outcome, Resolver} from '../../types.js'

/**
 * SwiftPM source-control dependencies are their repository: a `Package.resolved` pin names the URL SwiftPM
 * clones, and the swiftpm-resolved format writes its key (`github.com/apple/swift-nio`) as the name. No request
 * is made. Registry pins (`scope.name`) have no repository in the file: `unsupported`.
 */
export const resolver: Resolver = {
  id: 'swiftpm',
  description: 'SwiftPM source-control pins: the pinned repository itself (no registry)',
  provenance: 'swiftpm',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'swift',
  resolve: async (components) => components.map(resolveOne),
}

function resolveOne(component: Component): Outcome {
  if (!component.name.includes('/'))
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `Swift registry package ${component.name}: registries are not asked; map it with --map`,
    }
  const ref = normaliseRepoUrl(`https://${component.name}`, {vcs: true})
  if (!ref) return {status: 'miss', reason: 'invalid-name', detail: `not a repository: ${component.name.slice(0, 200)}`}
  return {status: 'resolved', repo: ref.repo, confidence: 'high', evidence: `Package.resolved pin ${component.ref}`}
}
