import {normaliseRepoUrl} from '../../../core/repo-url.js'
import type {Outcome, Resolver} from '../../types.js'

/**
 * The upstream repository an SBOM states for a component itself (discover's `statedRepository`: a CycloneDX
 * `externalReferences` entry of type `vcs`, an SPDX `downloadLocation` VCS locator or forge archive, a `homepage`
 * on a known forge, a `pkg:github` purl). No request is made: the statement is the evidence, recorded with the
 * field and the file:line that make it. Ranked after the user's map and before every registry (kind `stated`):
 * the SBOM's author describes the very artefact that was built, a registry only the published name.
 * Confidence medium, like registry metadata: generators copy these fields from the package's own metadata
 * (cyclonedx-npm from package.json `repository`), which nobody verifies.
 */
export const resolver: Resolver = {
  id: 'sbom-stated',
  description: 'Repository an SBOM states for the component (CycloneDX vcs reference, SPDX downloadLocation/homepage)',
  provenance: 'sbom-stated',
  kind: 'stated',
  handles: (component) => component.statedRepository !== undefined,
  async resolve(components) {
    return components.map((component): Outcome => {
      const stated = component.statedRepository
      const location = component.locations[0]
      if (!stated || !normaliseRepoUrl(stated.url, {vcs: true}))
        return {status: 'miss', reason: 'no-repository', detail: 'the SBOM states no repository URL'}
      const where = location ? ` at ${location.file}:${location.line}` : ''
      return {
        status: 'resolved',
        repo: stated.url,
        confidence: 'medium',
        evidence: `SBOM ${stated.field} ${stated.url}${where}`,
      }
    })
  },
}
