import {describe, expect, it} from 'vitest'
import {progressReporter} from './progress.js'

function stream(isTTY: boolean, columns?: number) {
  const written: string[] = []
  return {
    written,
    stream: {isTTY, columns, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream,
  }
}

describe('progressReporter', () => {
  it('stays silent when stderr is not a terminal', () => {
    expect(progressReporter(stream(false).stream)).toBeUndefined()
  })

  it('rewrites one line per stage, cut to the terminal width, and ends with a newline', () => {
    const s = stream(true, 30)
    const report = progressReporter(s.stream)!
    report('collect', '3/5 github.com/example/a-very-long-repository-name (ok)')
    report('done', '5 projects')
    expect(s.written[0]).toMatch(/^\r\x1b\[2K\[\d+\.\ds\] collect: 3\/5 github\.c…$/)
    expect(s.written[0].replace(/^\r\x1b\[2K/, '')).toHaveLength(29)
    expect(s.written.slice(1)).toEqual([expect.stringMatching(/done: 5 projects$/), '\n'])
  })

  it('falls back to 80 columns when a pseudo-terminal reports none', () => {
    const s = stream(true, 0)
    progressReporter(s.stream)!('resolve', 'x'.repeat(200))
    expect(s.written[0].replace(/^\r\x1b\[2K/, '')).toHaveLength(79)
  })
})
