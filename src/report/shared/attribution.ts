/**
 * What the reports say about the evidence behind attributions: organisations as declared (not curated), e-mail
 * domains nothing vouches for, stale claims, and, where coverage is too low to judge, whose evidence is wanted.
 */
import type {EvidencePerson, EvidenceWanted, PersonSummary, ProjectReport} from '../../core/model.js'
import {percent} from './text.js'

/** Organisations of the project that only its contributors' profiles name (metric `self_declared_orgs`). */
export function selfDeclaredOrgs(project: ProjectReport): ReadonlySet<string> {
  const value = project.metrics.self_declared_orgs
  return new Set(Array.isArray(value) ? value : [])
}

/** Short notes a reader must weigh beside an attribution, in a fixed order. */
export function evidenceMarks(person: Pick<EvidencePerson, 'unverified' | 'selfDeclared' | 'stale'>): string[] {
  const marks: string[] = []
  if (person.selfDeclared) marks.push('self-declared')
  if (person.unverified) marks.push('unverified e-mail domain')
  if (person.stale) marks.push('stale claim')
  return marks
}

export function personMarks(person: PersonSummary): string[] {
  return evidenceMarks(person)
}

/** "3 of 12 unattributed authors make 61% of human commits; attributing them raises coverage from 20% to 81%." */
export function wantedSentence(wanted: EvidenceWanted): string {
  const n = wanted.people.length
  return `${n} of ${wanted.unknownPeople} unattributed ${wanted.unknownPeople === 1 ? 'author makes' : 'authors make'} ${percent(wanted.share)} of human commits; attributing ${n === 1 ? 'this person' : 'them'} would raise coverage from ${percent(wanted.coverage)} to ${percent(wanted.coverageAfter)}`
}

/** One person of the list: `@login (email, ...): N commits, first..last`. */
export function wantedPerson(person: EvidenceWanted['people'][number]): string {
  const who = person.login ? `@${person.login}` : person.person
  const emails = person.login ? person.emails : person.emails.filter((e) => e !== person.person)
  return `${who}${emails.length ? ` (${emails.join(', ')})` : ''}: ${person.commits} commit${person.commits === 1 ? '' : 's'}, ${person.first}..${person.last}`
}

/** Projects whose report carries an evidence-wanted list, in the order given. */
export function projectsWanting(projects: readonly ProjectReport[]): Array<ProjectReport & {wanted: EvidenceWanted}> {
  return projects.filter((p): p is ProjectReport & {wanted: EvidenceWanted} => p.wanted !== undefined)
}
