/**
 * Pointers: a MAINTAINERS file that names nobody but links to another repository ("The Flux2 maintainers team is
 * identical with the core maintainers of the project as listed in https://github.com/fluxcd/community/blob/main/CORE-MAINTAINERS",
 * https://github.com/fluxcd/flux2/blob/main/MAINTAINERS), or a README line about maintainers that links there
 * ("see github.com/fluxcd/community"). The collector follows each pointer once, on the same host only, and reads
 * the linked file (or that repository's usual files): files read through a pointer are never followed again.
 * A README line saying the repository is maintained by a group whose file it links in the same repository ("This
 * webpack repository is maintained by the [`Core Working Group`](./WORKING_GROUP.md)": webpack/webpack) points there
 * too, even when the README names people (its TSC is the project's, the group the repository's): one hop, the same
 * repository, a Markdown file whose name says it lists people (../../paths.ts isGroupFile), at most `MAX_POINTERS`.
 */
import type {Pointer} from '../../types.js'
import type {GovernanceSource} from '../../types.js'
import {links, relativeLinks} from '../../links.js'
import {isGroupFile} from '../../paths.js'

/** Pointers taken from one file: a MAINTAINERS file that points usually points once. */
const MAX_POINTERS = 2
const MAINTAINERS = /^(maintainers|core-maintainers)(\.(md|markdown|txt))?$/i
const README = /^readme(\.(md|markdown))?$/i
const ABOUT_MAINTAINERS = /\b(maintainers?|maintained|owners|committers)\b/i
/** A README sentence saying who maintains the repository: the file it links lists them, whatever the README names. */
const MAINTAINED_BY = /\bmaintained by\b/i

export const source: GovernanceSource = {
  id: 'pointer',
  description: 'a MAINTAINERS file or README pointing to the repository that keeps the list (followed once)',
  place: 'repository',
  paths: [],
  matches: (path) => MAINTAINERS.test(path) || README.test(path),
  pointers(file, parsed, context) {
    const readme = README.test(context.path)
    const found: Pointer[] = []
    const lines = file.content.split('\n')
    const project = context.project
    // Files of the repository a README says maintain it, linked relatively (`./WORKING_GROUP.md`).
    // Only the repository's own README: another repository's (`external/...`) would name its own files.
    if (readme && project && file.path === context.path)
      for (let i = 0; i < lines.length && found.length < MAX_POINTERS; i++) {
        if (!MAINTAINED_BY.test(lines[i])) continue
        for (const path of relativeLinks(lines[i])) {
          const name = path.slice(path.lastIndexOf('/') + 1)
          if (!isGroupFile(name) || found.some((p) => p.path === path)) continue
          found.push({owner: project.owner, name: project.name, path, from: `${file.path}:${i + 1}`})
          if (found.length >= MAX_POINTERS) break
        }
      }
    const names = parsed.roles.some((r) => r.role === 'maintainer' || r.role === 'committer' || r.role === 'owner')
    if (names) return found
    for (let i = 0; i < lines.length && found.length < MAX_POINTERS; i++) {
      // In a README only a line about maintainers points (the line itself, or the heading or label above it).
      if (readme && !ABOUT_MAINTAINERS.test(lines[i]) && !ABOUT_MAINTAINERS.test(lines[i - 1] ?? '')) continue
      for (const link of links(lines[i])) {
        if (found.some((p) => p.owner === link.owner && p.name === link.name && p.path === link.path)) continue
        found.push({...link, from: `${file.path}:${i + 1}`})
        if (found.length >= MAX_POINTERS) break
      }
    }
    return found
  },
}
