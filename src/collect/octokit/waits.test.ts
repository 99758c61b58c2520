import {describe, expect, it} from 'vitest'
import {isLoopback, tokenTransportProblem} from './transport.js'
import {duration, WaitBudget, waitNotice} from './waits.js'

describe('the wait bound', () => {
  it('books waits up to the bound, announces the long ones, refuses the one that would pass it', () => {
    const events: unknown[] = []
    const budget = new WaitBudget(10_000, 1_000, (e) => events.push(e))
    const what = {reason: 'retry' as const, request: 'GET /repos/a/b', cause: 'HTTP 502', attempt: 2, attempts: 11}
    expect(budget.take(500, what)).toBe(true)
    expect(events).toEqual([])
    expect(budget.take(4_000, what)).toBe(true)
    expect(budget.take(6_000, what)).toBe(false)
    expect(budget.spent).toBe(4_500)
    expect(events).toHaveLength(1)
    expect(waitNotice(events[0] as never)).toBe(
      'GET /repos/a/b: HTTP 502; asking GitHub again in 4s, attempt 2 of 11 (5s of at most 10s waited in this run)',
    )
    expect(budget.exhausted()).toBe('gave up: the run has waited 5s for GitHub, its bound is 10s')
  })

  it('writes durations the way people read them', () => {
    expect([12, 1_000, 59_400, 60_000, 125_000, 3_600_000, 5_400_000].map(duration)).toEqual([
      '12ms',
      '1s',
      '59s',
      '1m',
      '2m5s',
      '1h',
      '1h30m',
    ])
  })
})

describe('where a token may travel', () => {
  it('https anywhere, http to this machine only', () => {
    expect(tokenTransportProblem(new URL('https://ghe.example.com/api/v3'))).toBeNull()
    expect(tokenTransportProblem(new URL('http://127.0.0.1:8080'))).toBeNull()
    expect(tokenTransportProblem(new URL('http://[::1]:8080'))).toBeNull()
    expect(tokenTransportProblem(new URL('http://ghe.example.com/api/v3'))).toBe(
      'a token is sent only over https (or http to this machine), not to http://ghe.example.com',
    )
    expect(tokenTransportProblem(new URL('http://127.0.0.1.example.com'))).not.toBeNull()
    expect(['localhost', 'a.localhost', '127.1.2.3', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true)
    expect(['10.0.0.1', '::2', 'localhost.example.com', '0.0.0.0'].some(isLoopback)).toBe(false)
  })
})
