import {defineRegistry} from '../../core/registry.js'
import {source as authors} from './sources/authors/index.js'
import {source as cncfFoundation} from './sources/cncf-foundation/index.js'
import {source as codeowners} from './sources/codeowners/index.js'
import {source as governanceMd} from './sources/governance-md/index.js'
import {source as linked} from './sources/linked/index.js'
import {source as maintainers} from './sources/maintainers/index.js'
import {source as organisation} from './sources/organisation/index.js'
import {source as owners} from './sources/owners/index.js'
import {source as packageManifest} from './sources/package-manifest/index.js'
import {source as pointer} from './sources/pointer/index.js'
import {source as readme} from './sources/readme/index.js'
import {source as securityContacts} from './sources/security-contacts/index.js'
import {source as teamPage} from './sources/team-page/index.js'
import type {GovernanceSource} from './types.js'

/**
 * One line per governance source; the folder under ./sources/ has the same name as the id. A file is parsed by the
 * first source of its place that reads it; which role holders are "the maintainers" is ./select.ts's rule.
 */
export const governanceSources = defineRegistry<GovernanceSource>('governance source', [
  owners,
  maintainers,
  codeowners,
  readme,
  authors,
  teamPage,
  governanceMd,
  packageManifest,
  linked,
  securityContacts,
  pointer,
  organisation,
  cncfFoundation,
])
