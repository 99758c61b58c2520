import {describe, expect, it} from 'vitest'
import {CollectFailure, networkError, toFailure} from './errors.js'

/** What fetch (undici) throws when no answer came, as @octokit/request wraps it: status 500, no response. */
function octokitNetworkError(cause: Error): Error {
  const fetchFailed = new TypeError('fetch failed', {cause})
  return Object.assign(new Error(cause.message), {
    name: 'HttpError',
    status: 500,
    response: undefined,
    cause: fetchFailed,
  })
}

function nodeError(message: string, code: string): Error {
  return Object.assign(new Error(message), {code})
}

describe('network errors', () => {
  it('names DNS failures, refusals and resets for what they are, not as server errors', () => {
    const dns = toFailure(
      octokitNetworkError(nodeError('getaddrinfo ENOTFOUND ghe.example.invalid', 'ENOTFOUND')),
      'github.com/example/widget',
    )
    expect(dns).toMatchObject({
      kind: 'network',
      message: 'github.com/example/widget: network error (getaddrinfo ENOTFOUND ghe.example.invalid)',
    })
    expect(dns.incomplete).toBe(true)
    expect(dns.aboutProject).toBe(false)
    const reset = toFailure(octokitNetworkError(nodeError('other side closed', 'UND_ERR_SOCKET')), 'profiles')
    expect(reset.message).toBe('profiles: network error (UND_ERR_SOCKET: other side closed)')
  })

  it('retries only what may pass a moment later', () => {
    expect(
      networkError(octokitNetworkError(nodeError('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED')))?.lasting,
    ).toBe(true)
    expect(networkError(octokitNetworkError(nodeError('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND')))?.lasting).toBe(
      true,
    )
    expect(networkError(octokitNetworkError(new Error('bad port')))).toEqual({
      code: null,
      description: 'network error (bad port)',
      lasting: true,
    })
    expect(networkError(octokitNetworkError(nodeError('read ECONNRESET', 'ECONNRESET')))?.lasting).toBe(false)
    expect(
      networkError(octokitNetworkError(nodeError('getaddrinfo EAI_AGAIN api.github.com', 'EAI_AGAIN')))?.lasting,
    ).toBe(false)
  })

  it('never takes an HTTP answer or a timeout for a network error', () => {
    const answered = Object.assign(new Error('Server Error'), {
      status: 502,
      response: {status: 502, headers: {}, data: {}},
    })
    expect(networkError(answered)).toBeNull()
    expect(toFailure(answered, 'x').kind).toBe('server-error')
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      status: 500,
      cause: new DOMException('timeout', 'TimeoutError'),
    })
    expect(toFailure(timeout, 'x')).toMatchObject({kind: 'timeout', message: 'x: timed out'})
  })

  it('says which part of which project a plug-in failure was about', () => {
    const miss = toFailure(
      new CollectFailure('offline-miss', 'offline: /repos/example/widget is not in the cache'),
      'github.com/example/widget',
    )
    expect(miss).toMatchObject({
      kind: 'offline-miss',
      message: 'github.com/example/widget: offline: /repos/example/widget is not in the cache',
    })
    expect(toFailure(miss, 'github.com/example/widget')).toBe(miss)
  })
})
