import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {firstIssue} from './zod-issues.js'

const entry = z.looseObject({version: z.string(), dependencies: z.record(z.string(), z.string()).optional()})
const issue = (value: unknown) => {
  const parsed = entry.safeParse(value)
  if (parsed.success) throw new Error('expected a failure')
  return firstIssue(parsed.error)
}

describe('firstIssue', () => {
  it('says in plain words which field is missing or of the wrong kind', () => {
    expect(issue({})).toBe('no version (a string is expected)')
    expect(issue({version: 1})).toBe('version is a number, not a string')
    expect(issue({version: null})).toBe('version is null, not a string')
    expect(issue({version: '1', dependencies: []})).toBe('dependencies is a list, not an object')
    expect(issue({version: '1', dependencies: {x: 2}})).toBe('dependencies.x is a number, not a string')
    expect(issue('x')).toBe('the entry is a string, not an object')
  })

  it("keeps zod's words for other problems", () => {
    const parsed = z.object({kind: z.enum(['a', 'b'])}).safeParse({kind: 'c'})
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(firstIssue(parsed.error)).toMatch(/^kind: Invalid option/)
  })
})
