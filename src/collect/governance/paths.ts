/**
 * Paths of governance files. Files of other repositories are stored under `external/<owner>__<repo>/`; where a
 * file was found (another repository of the project, a pointer, the organisation, a foundation) is its `origin`.
 */
import type {GovernanceFile, GovernancePlace} from '../../core/model.js'

/** `external/<owner>__<repo>/` of a file, or '' for the repository itself. */
export function root(path: string): string {
  return /^external\/[^/]+\//.exec(path)?.[0] ?? ''
}

/** The path inside the file's own repository. */
export function inRoot(path: string): string {
  return path.slice(root(path).length)
}

export function externalPrefix(owner: string, name: string): string {
  return `external/${owner}__${name}/`
}

/** Where a file was found; `external/` files without an origin are another repository of the project. */
export function placeOf(file: GovernanceFile): GovernancePlace {
  return file.origin?.place ?? (root(file.path) ? 'project' : 'repository')
}

/** Whether a place is one of the project's own repositories (read as the repository's files are). */
export function isProjectPlace(place: GovernancePlace): boolean {
  return place === 'repository' || place === 'project' || place === 'pointer'
}

/** `a/b/NAME.ext` → `NAME` matched case-insensitively against names with any of the given extensions. */
export function namedLike(path: string, names: readonly string[], extensions: readonly string[]): boolean {
  const lower = path.toLowerCase()
  return names.some((name) => extensions.some((ext) => lower === `${name}${ext}`.toLowerCase()))
}

/** `NAME`, `name` and `Name` spellings of each path's last segment: what the fetchers ask for. */
export function caseVariants(paths: readonly string[]): string[] {
  const out = new Set<string>()
  for (const path of paths) {
    const slash = path.lastIndexOf('/') + 1
    const dir = path.slice(0, slash)
    const base = path.slice(slash)
    const dot = base.indexOf('.')
    const stem = dot < 0 ? base : base.slice(0, dot)
    const ext = dot < 0 ? '' : base.slice(dot)
    out.add(path)
    out.add(`${dir}${stem.toUpperCase()}${ext}`)
    out.add(`${dir}${stem.toLowerCase()}${ext.toLowerCase()}`)
    out.add(`${dir}${stem.charAt(0).toUpperCase()}${stem.slice(1).toLowerCase()}${ext}`)
  }
  return [...out]
}

/** Words of a file name (split at `_` and `-`) saying it lists the people of a group. */
const GROUP_WORDS = new Set(['team', 'teams', 'maintainers', 'governance', 'owners', 'workinggroup', 'workinggroups'])

/**
 * Whether a file name is a Markdown file listing the people of a group: a working group's, a team's, maintainers' or
 * owners' (`WORKING_GROUP.md`, `TEAM.md`, `core-team.md`, `MAINTAINERS.md`). The pointer source follows a README link only
 * to such a file, the linked source reads it. String operations: linear.
 */
export function isGroupFile(name: string): boolean {
  const lower = name.toLowerCase()
  const dot = lower.lastIndexOf('.')
  if (dot <= 0 || !['.md', '.markdown'].includes(lower.slice(dot))) return false
  const words = lower.slice(0, dot).split(/[_-]/)
  return words.some((word, i) => GROUP_WORDS.has(word) || (word === 'working' && /^groups?$/.test(words[i + 1] ?? '')))
}
