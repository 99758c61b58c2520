/** Organisation data: what other stages import (see rules/entities/SOURCES.md for the data itself). */
export type {
  DomainMatch,
  DomainOptions,
  EntityIndex,
  GithubOrgMatch,
  NameMatch,
  OrganizationRecord,
} from './entity-index.js'
export {EntitiesError, type LoadOptions, loadEntities, shippedEntitiesDir} from './load.js'
export {declaredKey, declaredName, hasLegalForm, normalizeDomain, normalizeLogin, normalizeName} from './normalize.js'
export {isPublicWebmail, publicWebmailDomains} from './webmail.js'
export {matchCsl} from './csl/match.js'
export {readCsl} from './csl/read.js'
export {renderImportYaml} from './csl/render.js'
export {entityFlags} from './flags.js'
