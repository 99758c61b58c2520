import type {z} from 'zod'
import {typeWords} from './value-kind.js'

/**
 * One line naming the first bad field, in stewards' words: `no version (a string is expected)`, `version is a
 * number, not a string`. zod's own words (`version: Invalid input: expected string, received number`) are kept for
 * any other problem. zod 4 names the type it received only in its message (its English one: the bundle has no
 * other locale), so it is read from there; a message of another shape is kept as it is.
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue === undefined ? 'invalid entry' : issueWords(issue)
}

/** One issue in stewards' words, as firstIssue gives the first (formats that list every issue use this). */
export function issueWords(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'invalid_type') {
    const received = /, received (\w+)$/.exec(issue.message)?.[1]
    const expected = typeWords(String(issue.expected))
    if (received === 'undefined')
      return path ? `no ${path} (${expected} is expected)` : `nothing (${expected} is expected)`
    if (received !== undefined) return `${path || 'the entry'} is ${typeWords(received)}, not ${expected}`
  }
  return path ? `${path}: ${issue.message}` : issue.message
}
