/**
 * Which rows of the CNCF list are about one repository (README of this folder):
 * 1. the sections whose link names the repository itself (`https://github.com/tektoncd/pipeline/blob/main/OWNERS`
 *    → "Tekton Pipeline" for tektoncd/pipeline);
 * 2. else the one project whose section links point into the repository's organisation, or whose first section
 *    is named like the organisation or the repository ("Prometheus" for prometheus/prometheus): its first section
 *    and the sections after it without a link or linking to the same repository (Kubernetes steering and
 *    maintainers; not "Envoy: Gateway", which links to envoyproxy/gateway). Several such projects: none (the
 *    organisation hosts several projects and the repository names none of them).
 * `git.k8s.io/<repo>` links are github.com/kubernetes/<repo>.
 */
import {links} from '../../links.js'
import type {ProjectRef} from '../../types.js'
import type {CsvRow} from './csv.js'

export function rowsAbout(rows: readonly CsvRow[], project: ProjectRef): CsvRow[] {
  const sameRepo = (row: CsvRow) => linked(row.link).some((l) => eq(l.owner, project.owner) && eq(l.name, project.name))
  const exact = new Set(rows.filter((r) => r.link && sameRepo(r)).map((r) => `${r.block}\n${r.section}`))
  if (exact.size > 0) return rows.filter((r) => exact.has(`${r.block}\n${r.section}`))
  const blocks = new Set<number>()
  for (const row of rows) {
    const inOrg = linked(row.link).some((l) => eq(l.owner, project.owner))
    const first = rows.find((r) => r.block === row.block)
    const named = first !== undefined && first.section === row.section && names(row.section, project)
    if (inOrg || named) blocks.add(row.block)
  }
  if (blocks.size !== 1) return []
  const [block] = blocks
  const own = rows.filter((r) => r.block === block)
  const main = own[0]?.section
  const mainLink = own.find((r) => r.section === main && r.link)?.link
  const sections = new Set<string>()
  for (const row of own) {
    if (row.section === main) sections.add(row.section)
    else if (
      !sections.has(row.section) &&
      !own.some((r) => r.section === row.section && r.link && !sameTarget(r.link, mainLink))
    )
      sections.add(row.section)
  }
  return own.filter((r) => sections.has(r.section))
}

function linked(link: string): Array<{owner: string; name: string}> {
  const k8s = /^(?:https?:\/\/)?git\.k8s\.io\/([A-Za-z0-9._-]+)/.exec(link)
  return k8s ? [{owner: 'kubernetes', name: k8s[1]}] : links(link)
}

function sameTarget(a: string, b: string | undefined): boolean {
  if (!b) return false
  const [x] = linked(a)
  const [y] = linked(b)
  return x !== undefined && y !== undefined && eq(x.owner, y.owner) && eq(x.name, y.name)
}

/** "Prometheus" names prometheus/prometheus; "containerd" names containerd/*; "OpenKruise" names no kruise repo. */
function names(section: string, project: ProjectRef): boolean {
  const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')
  const name = key(section.replace(/\(.*\)$/, ''))
  return name !== '' && (name === key(project.owner) || name === key(project.name))
}

function eq(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
