/**
 * Pointers: a MAINTAINERS file that names nobody but links to another repository ("The Flux2 maintainers team is
 * identical with the core maintainers of the project as listed in https://github.com/fluxcd/community/blob/main/CORE-MAINTAINERS",
 * https://github.com/fluxcd/flux2/blob/main/MAINTAINERS), or a README line about maintainers that links there
 * ("see github.com/fluxcd/community"). The collector follows each pointer once, on the same host only, and reads
 * the linked file (or that repository's usual files): files read through a pointer are never followed again.
 * A README sentence saying the repository itself is maintained by a group whose file it links in the same repository ("This
 * webpack repository is maintained by the [`Core Working Group`](./WORKING_GROUP.md)": webpack/webpack) points there
 * too, even when the README names people (its TSC is the project's, the group the repository's): one hop, the same
 * repository, a Markdown file whose name says it lists people (../../paths.ts isGroupFile), at most `MAX_POINTERS`.
 * Links are read inline or by reference (`[text][label]` and its `[label]: url` definition), as CommonMark reads them.
 */
import type {Pointer} from '../../types.js'
import type {GovernanceSource} from '../../types.js'
import {links, relativeLinks} from '../../links.js'
import {isLinkDefinition, linkDefinitions, resolveLinkReferences} from '../../parsers/markdown-references.js'
import {isGroupFile} from '../../paths.js'

/** Pointers taken from one file: a MAINTAINERS file that points usually points once. */
const MAX_POINTERS = 2
const MAINTAINERS = /^(maintainers|core-maintainers)(\.(md|markdown|txt))?$/i
const README = /^readme(\.(md|markdown))?$/i
const ABOUT_MAINTAINERS = /\b(maintainers?|maintained|owners|committers)\b/i
/** Words naming the repository itself as a sentence's subject: "This (webpack) repository", "The project". */
const SELF = new Set(['repository', 'repo', 'project'])

/**
 * The rest of each sentence of a README line saying the repository itself is maintained by someone, after "is
 * maintained by": its subject is "This repository", "This project", "The webpack repository" or the repository's name
 * ("Widget is maintained by"), so the file it links lists who maintains the whole repository, whatever the README
 * names. "Docs maintained by", "The website is maintained by", "This plugin, maintained by" say nothing of the
 * repository. String operations, one pass per sentence: linear.
 */
function maintainedBy(line: string, name: string): string[] {
  const out: string[] = []
  for (const sentence of line.split(/[.!?]\s/)) {
    const at = sentence.toLowerCase().indexOf('is maintained by')
    if (at < 0) continue
    const subject = sentence
      .slice(0, at)
      .toLowerCase()
      .split(/[\s*_`>#]+/)
      .filter((word) => /[a-z0-9]/.test(word))
    const self =
      (subject.length === 2 || subject.length === 3) &&
      (subject[0] === 'this' || subject[0] === 'the') &&
      SELF.has(subject[subject.length - 1])
    const named = subject.length === 1 && subject[0] === name.toLowerCase()
    if (self || named) out.push(sentence.slice(at))
  }
  return out
}

/** Line `i` of a README is about maintainers: it says so in its words, and it is not a link definition. */
function aboutMaintainers(lines: readonly string[], i: number): boolean {
  return i >= 0 && ABOUT_MAINTAINERS.test(lines[i]) && !isLinkDefinition(lines[i])
}

export const source: GovernanceSource = {
  id: 'pointer',
  description: 'a MAINTAINERS file or README pointing to the repository that keeps the list (followed once)',
  place: 'repository',
  paths: [],
  matches: (path) => MAINTAINERS.test(path) || README.test(path),
  pointers(file, parsed, context) {
    const readme = README.test(context.path)
    const found: Pointer[] = []
    // Reference-style links (`[Core Working Group][wg]` with `[wg]: ./WORKING_GROUP.md` further down) are read as
    // the inline links they stand for, as the parsers read them (../../parsers/markdown-references.ts).
    const written = file.content.split('\n')
    const definitions = linkDefinitions(written)
    const lines = written.map((line) => resolveLinkReferences(line, definitions))
    const project = context.project
    // Files of the repository a README says maintain it, linked relatively (`./WORKING_GROUP.md`).
    // Only the repository's own README: another repository's (`external/...`) would name its own files.
    if (readme && project && file.path === context.path)
      for (let i = 0; i < lines.length && found.length < MAX_POINTERS; i++) {
        for (const path of maintainedBy(lines[i], project.name).flatMap(relativeLinks)) {
          const name = path.slice(path.lastIndexOf('/') + 1)
          if (!isGroupFile(name) || found.some((p) => p.path === path)) continue
          found.push({owner: project.owner, name: project.name, path, from: `${file.path}:${i + 1}`})
          if (found.length >= MAX_POINTERS) break
        }
      }
    // People named by address only (`Name <address>`) are named too: such a file points nowhere.
    const names = [...parsed.roles, ...(parsed.addressed ?? [])].some(
      (r) => r.role === 'maintainer' || r.role === 'committer' || r.role === 'owner',
    )
    if (names) return found
    for (let i = 0; i < lines.length && found.length < MAX_POINTERS; i++) {
      // In a README only a line about maintainers points (the line itself, or the heading or label above it). A link
      // definition is neither: it is read where its label is used, and a definition whose URL says "maintainers"
      // says nothing about the line after it.
      if (
        readme &&
        (isLinkDefinition(written[i]) || !(aboutMaintainers(written, i) || aboutMaintainers(written, i - 1)))
      )
        continue
      for (const link of links(lines[i])) {
        if (found.some((p) => p.owner === link.owner && p.name === link.name && p.path === link.path)) continue
        found.push({...link, from: `${file.path}:${i + 1}`})
        if (found.length >= MAX_POINTERS) break
      }
    }
    return found
  },
}
