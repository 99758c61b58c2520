import {authorsBehind} from '../../evidence.js'
import {halfReachedBy, ranked, reachingHalf, share, tally} from '../../figures.js'
import type {MetricFamily} from '../../types.js'

/**
 * CHAOSS "Contributor Absence Factor" (bus factor): the fewest people whose commits reach half of all human
 * commits. Every human commit counts, attributed or not: a person needs no known employer to be a single point
 * of failure.
 */
export const family: MetricFamily = {
  id: 'bus-factor',
  description: 'Fewest people reaching 50% of human commits, and the largest contributor share.',
  builtOn: ['commits'],
  keys: [
    {
      key: 'bus_factor',
      type: 'count',
      description: 'Fewest authors reaching >= 50% of human commits; null without commits.',
    },
    {key: 'top_contributor_share', type: 'share', description: "The largest author's commits / human_commits."},
  ],
  measure(base) {
    const perPerson = tally(base.human, (c) => c.person)
    const top = ranked(perPerson)[0]
    return {
      bus_factor: halfReachedBy(perPerson),
      top_contributor_share: top ? share(top[1], base.human.length) : null,
    }
  },
  evidence(base) {
    const people = new Set((reachingHalf(tally(base.human, (c) => c.person)) ?? []).map(([person]) => person))
    return [
      {
        id: 'bus-factor',
        people: authorsBehind(base, (c) => people.has(c.person)),
        keys: ['bus_factor', 'top_contributor_share'],
      },
    ]
  },
}
