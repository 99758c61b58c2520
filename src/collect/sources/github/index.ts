import type {Source} from '../../types.js'
import {DEFAULT_API_URL, openGithubSession} from './session.js'

/** GitHub (or GitHub Enterprise Server) through octokit, with the on-disk cache. */
export const source = {
  id: 'github',
  description: 'GitHub REST and GraphQL APIs through octokit (throttling, retry, on-disk cache)',
  hosts(options) {
    const host = new URL(options.apiUrl ?? DEFAULT_API_URL).host.toLowerCase()
    // api.github.com (or an emulator standing in for it) answers for github.com; GHES for its own host.
    return /\/api\/v3\/?$/.test(options.apiUrl ?? '') ? ['github.com', host] : ['github.com']
  },
  async open(options) {
    return openGithubSession(options)
  },
} satisfies Source
