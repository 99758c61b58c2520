import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {format} from 'node:util'
import createDebug from 'debug'
import {afterEach, describe, expect, it} from 'vitest'
import {discoverPaths} from '../discover/index.js'
import {phaseEnd, timeFile} from './timing.js'

const originalLog = createDebug.log
const lines: string[] = []

function capture(namespaces: string): void {
  lines.length = 0
  createDebug.enable(namespaces)
  createDebug.log = (...args: unknown[]) => lines.push(format(...args))
}

afterEach(() => {
  createDebug.disable()
  createDebug.log = originalLog
})

describe('DEBUG=stewards:timing', () => {
  it('measures nothing and prints nothing when off', () => {
    capture('')
    phaseEnd('walked')
    expect(timeFile('a.yaml')).toBeUndefined()
    expect(lines).toEqual([])
  })

  it("prints the end of the run's phases, and with :files each file's time and components", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-timing-'))
    writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.2.3\n')
    capture('stewards:timing*')
    await discoverPaths([dir])
    const phases = lines
      .filter((line) => /stewards:timing (?!:)/.test(line))
      .map((l) => l.match(/timing (.+) at \d+\.\d ms/)?.[1])
    expect(phases).toEqual(['walked', 'files read', 'finished'])
    const files = lines.filter((line) => line.includes('stewards:timing:files'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\d+\.\d ms 1 components .*go\.mod$/)
  })
})
