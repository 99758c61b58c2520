import type {GovernanceKind} from './types.js'

/** `external/<owner>__<repo>/` of a file, or '' for the repository itself. */
export function root(path: string): string {
  return /^external\/[^/]+\//.exec(path)?.[0] ?? ''
}

const NAMES: Array<[RegExp, GovernanceKind]> = [
  [/^OWNERS$/, 'owners'],
  [/^OWNERS_ALIASES$/, 'owners-aliases'],
  [/^MAINTAINERS(\.md|\.markdown|\.txt)?$/i, 'maintainers'],
  [/^(\.github\/|docs\/)?CODEOWNERS$/, 'codeowners'],
  [/^README(\.md|\.markdown)?$/i, 'readme'],
  [/^SECURITY_CONTACTS$/, 'security-contacts'],
]

/** The kind of a top-level governance file, or undefined for other files (GOVERNANCE.md, SECURITY.md...). */
export function governanceKind(path: string): GovernanceKind | undefined {
  const inRoot = path.slice(root(path).length)
  for (const [pattern, kind] of NAMES) if (pattern.test(inRoot)) return kind
  return undefined
}
