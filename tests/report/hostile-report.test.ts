/**
 * A saved report is an input like any other (`stewards evaluate` renders one written elsewhere, or by a build that
 * did not redact as much): every format redacts its data before laying it out, since a laid-out credential may no
 * longer look like one (Markdown escapes the `_` of `ghp_`, SARIF percent-encodes the `:` and `@` of a URI).
 */
import {describe, expect, it} from 'vitest'
import type {Notification} from 'sarif'
import {renderReport} from '../../src/report/registry.js'
import {loadFixture} from './support.js'

const TOKEN = 'ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

function hostile() {
  const result = loadFixture()
  result.errors = [
    {
      file: 'https://alice:s3cret@registry.example.com/pod.yaml',
      line: 3,
      code: 'invalid-image-ref',
      message: `pulled with ${TOKEN}`,
    },
  ]
  return result
}

describe('a saved report with credentials in it', () => {
  it('markdown: redacted before `_` is escaped', () => {
    const text = renderReport('markdown', hostile(), {color: false})
    expect(text).not.toContain('AAAAAAAA')
    expect(text).not.toContain('s3cret')
    expect(text).toContain(
      '- error `https://***@registry.example.com/pod.yaml:3`: pulled with ghp\\_\\*\\*\\* (invalid-image-ref)\n',
    )
  })

  it('sarif: redacted before the URI is percent-encoded', () => {
    const text = renderReport('sarif', hostile(), {color: false})
    expect(text).not.toContain('AAAAAAAA')
    expect(text).not.toContain('s3cret')
    const notes = JSON.parse(text).runs[0].invocations[0].toolExecutionNotifications as Notification[]
    const note = notes.find((n) => n.level === 'error')
    expect(note?.message.text).toBe(
      'https://***@registry.example.com/pod.yaml: pulled with ghp_*** [invalid-image-ref]',
    )
    expect(note?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe(
      'https%3A/***%40registry.example.com/pod.yaml',
    )
  })

  it('every format: neither secret anywhere', () => {
    for (const format of ['table', 'json', 'html', 'csv', 'cyclonedx'] as const) {
      const text = renderReport(format, hostile(), {color: false})
      expect(text, format).not.toContain('AAAAAAAA')
      expect(text, format).not.toContain('s3cret')
    }
  })
})
