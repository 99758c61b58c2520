import type {Source} from '../../types.js'
import {openGithubSession} from './session.js'

/** GitHub (and GitHub Enterprise Server hosts) through octokit, with the on-disk cache. */
export const source = {
  id: 'github',
  description: 'GitHub REST and GraphQL APIs through octokit (throttling, retry, on-disk cache), per host',
  async open(options) {
    return openGithubSession(options)
  },
} satisfies Source
