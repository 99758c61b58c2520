import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../../core/errors.js'
import {githubEndpoints, notCollectedReason} from './hosts.js'

describe('which API answers for which host, with which token', () => {
  it('github.com from api.github.com with the token, when nothing is given', () => {
    expect(githubEndpoints({token: 't'})).toEqual({
      endpoints: [{host: 'github.com', apiUrl: 'https://api.github.com', token: 't'}],
      refused: new Map(),
    })
  })

  it('an Enterprise Server gets the token; github.com stays on api.github.com with its own token only', () => {
    const {endpoints} = githubEndpoints({
      apiUrl: 'https://ghe.example.com/api/v3/',
      token: 'ghe',
      githubComToken: 'com',
    })
    expect(endpoints).toEqual([
      {host: 'ghe.example.com', apiUrl: 'https://ghe.example.com/api/v3', token: 'ghe'},
      {host: 'github.com', apiUrl: 'https://api.github.com', token: 'com'},
    ])
    expect(githubEndpoints({apiUrl: 'https://ghe.example.com/api/v3', token: 'ghe'}).endpoints[1]).toEqual({
      host: 'github.com',
      apiUrl: 'https://api.github.com',
    })
  })

  it('a URL without /api/v3 stands for github.com; --only-host keeps github.com out, saying why', () => {
    expect(githubEndpoints({apiUrl: 'http://127.0.0.1:8080', token: 't'}).endpoints).toEqual([
      {host: 'github.com', apiUrl: 'http://127.0.0.1:8080', token: 't'},
    ])
    const only = githubEndpoints({apiUrl: ['https://ghe.example.com/api/v3'], onlyHost: true})
    expect(only.endpoints.map((e) => e.host)).toEqual(['ghe.example.com'])
    expect(notCollectedReason('github.com', only.refused)).toBe(
      'github.com is not collected: --only-host keeps this run to ghe.example.com',
    )
    expect(notCollectedReason('gitlab.com', only.refused)).toMatch(/^gitlab\.com is not collected: stewards collects/)
  })

  it('two API URLs for one host are a usage error', () => {
    expect(() => githubEndpoints({apiUrl: ['https://a.example.com', 'http://127.0.0.1:1']})).toThrow(StewardsError)
  })

  it('a snapshot host answers from recorded data, with no token', () => {
    expect(
      githubEndpoints({offlineHosts: ['ghe.example.com']}).endpoints.map((e) => [e.host, e.apiUrl, e.token]),
    ).toEqual([
      ['github.com', 'https://api.github.com', undefined],
      ['ghe.example.com', 'https://ghe.example.com/api/v3', undefined],
    ])
  })
})
