import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {collectNotice, showNotice} from './cli-options.js'

function stream(tty: boolean, columns = 60): NodeJS.WriteStream & {text(): string} {
  const out = new PassThrough()
  let text = ''
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
  return Object.assign(out, {isTTY: tty, columns, text: () => text}) as never
}

const wait = {
  type: 'wait' as const,
  reason: 'secondary-limit' as const,
  request: 'GET /repos/example/widget',
  cause: 'abuse detection',
  seconds: 60,
  totalSeconds: 60,
  budgetSeconds: 1800,
}

describe('notices on stderr', () => {
  it('gives a wait a line of its own without a terminal, and the live status line on one', async () => {
    const log = stream(false)
    showNotice(log, collectNotice(wait)!)
    const tty = stream(true)
    showNotice(tty, collectNotice(wait)!)
    showNotice(tty, collectNotice({...wait, totalSeconds: 120})!)
    showNotice(tty, collectNotice({type: 'notice', message: 'cache directory /x cannot be written'})!)
    await new Promise((resolve) => setImmediate(resolve))
    expect(log.text()).toBe(
      'GitHub abuse detection on GET /repos/example/widget: waiting 1m before asking again (1m of at most 30m waited in this run)\n',
    )
    // Each wait rewrites the line in place, cut to the terminal's width; a notice clears it and stays.
    const line =
      'GitHub abuse detection on GET /repos/example/widget: waiting 1m before asking again (1m of at most 30m waited in this run)'
    expect(tty.text()).toBe(
      `\r\x1b[2K${line.slice(0, 59)}\r\x1b[2K${line.replace('(1m of', '(2m of').slice(0, 59)}\r\x1b[2Kcache directory /x cannot be written\n`,
    )
  })

  it('leaves progress that is not a wait, a limit or a notice to the commands', () => {
    expect(collectNotice({type: 'project-start', repo: 'github.com/a/b'})).toBeNull()
    expect(collectNotice({type: 'rate-limit-wait', seconds: 60, until: '2025-01-01T00:00:00Z'})).toEqual({
      text: 'GitHub rate limit reached: waiting 60s, until 2025-01-01T00:00:00Z, for the reset (--on-rate-limit stop ends the run with partial results instead)',
      live: false,
    })
  })
})
