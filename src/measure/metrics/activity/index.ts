import type {AttributedCommit, EvidencePerson} from '../../../core/model.js'
import {compare} from '../../../core/compare.js'
import {dayMs, daysBefore} from '../../figures.js'
import type {MetricFamily} from '../../types.js'

const RECENT_DAYS = 90

/** Recency measured against the window end, never the wall clock, so a saved scan replays to the same bytes. */
export const family: MetricFamily = {
  id: 'activity',
  description: 'Days since the last commit relative to the window end, commits in the last 90 days.',
  builtOn: ['commits'],
  keys: [
    {
      key: 'days_since_last_commit',
      type: 'days',
      description:
        'Whole days from the latest commit (bots included) to the window end; null without commits in the window.',
    },
    {key: 'days_since_last_human_commit', type: 'days', description: 'Same, human commits only.'},
    {key: 'commits_last_90_days', type: 'count', description: 'Human commits in the 90 days before the window end.'},
    {
      key: 'active_months',
      type: 'count',
      description: 'Calendar months (UTC) of the window with at least one human commit.',
    },
    {key: 'window_days', type: 'days', description: 'Length of the measurement window in whole days.', builtOn: []},
    {
      key: 'days_since_last_push',
      type: 'days',
      description: "Whole days from the forge's last push to the window end (0 if after it); null when not reported.",
      builtOn: ['facts'],
    },
  ],
  measure(base) {
    const all = base.input.attributed?.commits ?? []
    const since = base.windowEnd - dayMs(RECENT_DAYS)
    return {
      days_since_last_commit: daysBefore(base.windowEnd, latest(all)?.date),
      days_since_last_human_commit: daysBefore(base.windowEnd, latest(base.human)?.date),
      commits_last_90_days: base.human.filter((c) => {
        const t = Date.parse(c.date)
        return t >= since && t < base.windowEnd
      }).length,
      active_months: new Set(base.human.map((c) => utcMonth(c.date)).filter(Boolean)).size,
      window_days: daysBefore(base.windowEnd, base.input.project.window.since),
      days_since_last_push: daysBefore(base.windowEnd, base.input.project.facts?.pushedAt),
    }
  },
  evidence(base) {
    // A rule on human activity names the author of the latest human commit; any other key, the latest commit's.
    return [
      {
        id: 'latest-human-commit',
        people: latestBehind(base.human),
        keys: ['days_since_last_human_commit', 'commits_last_90_days', 'active_months'],
      },
      {
        id: 'latest-commit',
        people: latestBehind(base.input.attributed?.commits ?? []),
        keys: ['days_since_last_commit', 'window_days', 'days_since_last_push'],
      },
    ]
  },
}

function latestBehind(commits: readonly AttributedCommit[]): EvidencePerson[] {
  const last = latest(commits)
  if (!last) return []
  const claim = last.attribution.claim
  const person: EvidencePerson = {person: last.person, organization: last.attribution.organization}
  if (claim) Object.assign(person, {source: claim.source, citation: claim.citation})
  return [{...person, commits: 1, shas: [last.sha]}]
}

/** The latest commit by author date (then sha, for a stable choice). */
function latest(commits: readonly AttributedCommit[]): AttributedCommit | undefined {
  let best: AttributedCommit | undefined
  let bestTime = Number.NEGATIVE_INFINITY
  for (const commit of commits) {
    const t = Date.parse(commit.date)
    if (Number.isNaN(t)) continue
    if (t > bestTime || (t === bestTime && best && compare(commit.sha, best.sha) > 0)) {
      best = commit
      bestTime = t
    }
  }
  return best
}

function utcMonth(date: string): string | null {
  const t = Date.parse(date)
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 7)
}
