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

describe('a file name with a line break', () => {
  /** Every location of the fixture's data moved into a folder named `x⏎::error::y`. */
  function broken() {
    const text = JSON.stringify(loadFixture()).replaceAll('"file":"deploy/', '"file":"x\\n::error::y/')
    return JSON.parse(text) as ReturnType<typeof loadFixture>
  }

  it('is shown `\\u000A` on its line in the table, Markdown, HTML, CSV and SARIF, as on stderr', () => {
    const shown = 'x\\u000A::error::y/operator.yaml:21:18'
    expect(renderReport('table', broken(), {color: false})).toContain(`at ${shown}`)
    expect(renderReport('markdown', broken(), {color: false})).toContain(`\`${shown}\``)
    expect(renderReport('html', broken(), {color: false})).toContain(`<code>${shown}</code>`)
    expect(renderReport('csv', broken(), {color: false})).toContain(',x\\u000A::error::y/operator.yaml,21,18,')
    expect(renderReport('sarif', broken(), {color: false})).toContain(
      '"uri": "x%5Cu000A%3A%3Aerror%3A%3Ay/operator.yaml"',
    )
    for (const format of ['table', 'markdown', 'html', 'csv', 'sarif'] as const)
      expect(renderReport(format, broken(), {color: false}), format).not.toMatch(/x[\n ]::error/)
  })

  it('JSON keeps it exact', () => {
    expect(renderReport('json', broken(), {color: false})).toContain('"file": "x\\n::error::y/operator.yaml"')
  })
})
