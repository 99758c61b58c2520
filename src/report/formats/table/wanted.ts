/** "Evidence wanted" in the terminal: per project, who would change a coverage too low to judge, and the snippet. */
import type {ScanResult} from '../../../core/model.js'
import {projectsWanting, wantedPerson, wantedSentence} from '../../shared/attribution.js'
import {cleanText} from '../../shared/text.js'
import type {Paint} from './ansi.js'
import {hanging} from './wrap.js'

export function wantedSection(result: ScanResult, paint: Paint, width: number): string[] {
  const projects = projectsWanting(result.projects)
  if (projects.length === 0) return []
  const lines = [paint(`EVIDENCE WANTED (${projects.length})`, 'bold')]
  for (const project of projects) {
    lines.push(...hanging('', cleanText(`${project.repo}: ${wantedSentence(project.wanted)}.`), 2, width))
    for (const person of project.wanted.people) lines.push(...hanging('  ', cleanText(wantedPerson(person)), 4, width))
    lines.push(paint('  affiliations.yaml to fill in and pass with --overrides:', 'dim'))
    // The snippet is YAML to copy: kept whole (not wrapped), each line cleaned.
    for (const line of project.wanted.snippet.trimEnd().split('\n')) lines.push(`    ${cleanText(line)}`)
  }
  return lines
}
