/**
 * "Evidence wanted" (README): where coverage is too low to judge, the few unattributed authors whose
 * attribution would raise it most (most unknown human commits first), with a ready-to-fill `affiliations.yaml`
 * snippet. Filled in with cited evidence and passed with `--overrides`, it gives a complete, cited attribution.
 * Nothing here guesses an organisation: the snippet leaves every organisation empty for a person to write.
 */
import {formatPercent} from '../core/percent.js'
import {utcDay} from '../core/dates.js'
import type {AttributedProject, EvidenceWanted, WantedPerson} from '../core/model.js'
import {compare} from '../core/compare.js'

/** How many people the list names by default: "a few", enough to move coverage, short enough to act on. */
export const WANTED_PEOPLE = 5

export function evidenceWanted(project: AttributedProject, limit = WANTED_PEOPLE): EvidenceWanted | undefined {
  const humans = project.commits.filter((commit) => !commit.bot)
  const attributed = humans.filter((commit) => commit.attribution.organization !== null).length
  const byPerson = new Map<string, {commits: number; emails: Set<string>; names: Set<string>; days: string[]}>()
  for (const commit of humans) {
    if (commit.attribution.organization !== null) continue
    const entry = byPerson.get(commit.person) ?? {commits: 0, emails: new Set(), names: new Set(), days: []}
    entry.commits++
    if (commit.authorEmail) entry.emails.add(commit.authorEmail.toLowerCase())
    if (commit.authorName) entry.names.add(commit.authorName)
    entry.days.push(utcDay(commit.date) ?? commit.date)
    byPerson.set(commit.person, entry)
  }
  if (byPerson.size === 0 || limit < 1) return undefined
  const people: WantedPerson[] = [...byPerson]
    .sort(([a, x], [b, y]) => y.commits - x.commits || compare(a, b))
    .slice(0, limit)
    .map(([person, entry]) => {
      const days = entry.days.sort(compare)
      const wanted: WantedPerson = {
        person,
        emails: [...entry.emails].sort(compare),
        names: [...entry.names].sort(compare),
        commits: entry.commits,
        first: days[0],
        last: days[days.length - 1],
      }
      if (!person.includes('@')) wanted.login = person
      return wanted
    })
  const commits = people.reduce((sum, p) => sum + p.commits, 0)
  const wanted: EvidenceWanted = {
    humanCommits: humans.length,
    attributedCommits: attributed,
    unknownPeople: byPerson.size,
    people,
    commits,
    share: ratio(commits, humans.length),
    coverage: ratio(attributed, humans.length),
    coverageAfter: ratio(attributed + commits, humans.length),
    snippet: '',
  }
  wanted.snippet = affiliationsSnippet(project.repo, wanted)
  return wanted
}

/** A `--overrides` file with one entry per person, every organisation left for a person to fill in. */
export function affiliationsSnippet(repo: string, wanted: EvidenceWanted): string {
  const lines = [
    `# Evidence wanted for ${comment(repo)}: ${wanted.people.length} ${wanted.people.length === 1 ? 'person makes' : 'people make'} ${formatPercent(wanted.share)} of human commits; attributing them raises coverage from ${formatPercent(wanted.coverage)} to ${formatPercent(wanted.coverageAfter)}.`,
    '# Write each organisation (or Independent) from evidence you can cite, with the source in `note`, then pass',
    '# this file with --overrides. Entries left empty are refused when the file is read, never guessed.',
    'affiliations:',
  ]
  for (const person of wanted.people) {
    const key = person.login
      ? `login: ${JSON.stringify(person.login)}`
      : `email: ${JSON.stringify(person.emails[0] ?? person.person)}`
    const who = [person.names.join(', '), person.login ? person.emails.join(', ') : ''].filter(Boolean).join('; ')
    lines.push(
      `  - ${key}  # ${person.commits} commit${person.commits === 1 ? '' : 's'}, ${person.first}..${person.last}${who ? `; ${comment(who)}` : ''}`,
      '    organization: ""  # the employer at the time of these commits, or Independent',
      `    # from: ${person.first}  # optional: the day the affiliation began (until: the day it ended)`,
      '    note: ""  # where this is known from (a URL, a document)',
    )
  }
  return `${lines.join('\n')}\n`
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000
}

/** Commit metadata in a YAML comment: one line, no control characters. */
function comment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ').trim()
}
