/** Kubernetes-style SECURITY_CONTACTS (https://github.com/kubernetes/kubernetes-template-project). */
import type {GovernanceSource} from '../../types.js'
import {parseSecurityContacts} from './parse.js'

export const source: GovernanceSource = {
  id: 'security-contacts',
  description: 'SECURITY_CONTACTS: one login per line',
  place: 'repository',
  paths: ['SECURITY_CONTACTS'],
  matches: (path) => path === 'SECURITY_CONTACTS',
  parse: (file) => parseSecurityContacts(file),
}
