import type {MetricFamily} from '../../types.js'

/** Commit and contributor counts over the window; bots are counted apart and kept out of people figures. */
export const family: MetricFamily = {
  id: 'volume',
  description: 'Commits (human, bot) and distinct human contributors in the window.',
  builtOn: ['commits'],
  keys: [
    {key: 'commits_total', type: 'count', description: 'Commits in the window, bots included.'},
    {key: 'human_commits', type: 'count', description: 'Commits whose author is not a bot.'},
    {key: 'bot_commits', type: 'count', description: 'Commits whose author is a bot.'},
    {key: 'bot_identities', type: 'count', description: 'Distinct bot identities that committed.'},
    {key: 'contributors', type: 'count', description: 'Distinct human authors (identity: login, else email).'},
  ],
  measure(base) {
    return {
      commits_total: base.human.length + base.botCommits,
      human_commits: base.human.length,
      bot_commits: base.botCommits,
      bot_identities: Object.keys(base.input.attributed?.bots ?? {}).length,
      contributors: new Set(base.human.map((c) => c.person)).size,
    }
  },
}
