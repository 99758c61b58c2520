import {isRecord} from '../../support.js'
import type {Outcome} from '../../types.js'

/** Provenance values of deps.dev's ProjectRelationProvenance, best first; the verified ones give high confidence. */
const PROVENANCE_RANK = ['SLSA_ATTESTATION', 'GO_ORIGIN', 'UNVERIFIED_METADATA']
const VERIFIED = new Set(['SLSA_ATTESTATION', 'GO_ORIGIN'])

/** The SOURCE_REPO project of a deps.dev Version message (https://github.com/google/deps.dev/blob/main/api/v3/api.proto). */
export function outcomeFromVersion(version: unknown, what: string, moduleName?: string): Outcome {
  const related = isRecord(version) && Array.isArray(version.relatedProjects) ? version.relatedProjects : []
  const sources = related
    .filter(isRecord)
    .filter((p) => p.relationType === 'SOURCE_REPO' && isRecord(p.projectKey) && typeof p.projectKey.id === 'string')
    .map((p) => ({id: (p.projectKey as {id: string}).id, provenance: String(p.relationProvenance ?? 'UNKNOWN')}))
    .sort((a, b) => rank(a.provenance) - rank(b.provenance) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const best = sources[0]
  if (!best) return {status: 'miss', reason: 'no-repository', detail: `${what}: no SOURCE_REPO related project`}
  // A Go module path starting with the project key spells the owner as the module author does.
  const spelled =
    moduleName?.toLowerCase().startsWith(best.id.toLowerCase()) &&
    (moduleName.length === best.id.length || moduleName[best.id.length] === '/')
  return {
    status: 'resolved',
    repo: spelled ? moduleName!.slice(0, best.id.length) : best.id,
    confidence: VERIFIED.has(best.provenance) ? 'high' : 'medium',
    evidence: `deps.dev SOURCE_REPO (${best.provenance})`,
    // deps.dev project keys are lower-case; a registry's spelling of the owner is preferred when one exists.
    caseReliable: Boolean(spelled),
  }
}

function rank(provenance: string): number {
  const i = PROVENANCE_RANK.indexOf(provenance)
  return i === -1 ? PROVENANCE_RANK.length : i
}
