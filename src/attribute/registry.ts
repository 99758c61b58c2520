import {defineRegistry} from '../core/registry.js'
import {source as emailDomain} from './sources/email-domain/index.js'
import {source as gitdm} from './sources/gitdm/index.js'
import {source as governance} from './sources/governance/index.js'
import {source as orgMembership} from './sources/org-membership/index.js'
import {source as override} from './sources/override/index.js'
import {source as profileCompany} from './sources/profile-company/index.js'
import type {EvidenceSourcePlugin} from './types.js'

/** One line per evidence source; the folder under ./sources/ has the same name as the id. Order = precedence. */
export const sources = defineRegistry<EvidenceSourcePlugin>('evidence source', [
  override,
  gitdm,
  emailDomain,
  governance,
  profileCompany,
  orgMembership,
])
