import {describe, expect, it} from 'vitest'
import {seeded} from '../../tests/support/random.js'
import {jsonChunks} from './json-stream.js'
import {mapStrings} from './map-strings.js'
import {
  neutralise,
  neutraliseData,
  neutraliseLine,
  oneLine,
  reportData,
  safeJsonOutput,
  safeOutput,
} from './neutralise.js'
import {redactDeep, redactSecrets} from './redact.js'

const ESC = '\u001b'
/** What no output may hold raw. */
const RAW_UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/

/** A line GitHub Actions would run as a workflow command (actions/runner ActionCommand.cs). */
function isWorkflowCommand(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[')
}

describe('neutralise', () => {
  it('shows controls, C1, lone carriage returns and bidi controls as visible escapes', () => {
    expect(neutralise(`a${ESC}[31mred${ESC}]0;title\u0007`)).toBe('a\\u001B[31mred\\u001B]0;title\\u0007')
    expect(neutralise('x\u0085y\u009bz\u007f')).toBe('x\\u0085y\\u009Bz\\u007F')
    expect(neutralise('evil\u202egnp.exe \u2066isolate\u2069 \u200f')).toBe(
      'evil\\u202Egnp.exe \\u2066isolate\\u2069 \\u200F',
    )
    expect(neutralise('over\rwrite')).toBe('over\\u000Dwrite')
    expect(neutralise('line\u2028sep')).toBe('line\\u2028sep')
  })

  it('keeps tabs, line feeds and CRLF line ends (CSV), and text with nothing to change is the same string', () => {
    const text = 'a\tb\nc,d\r\ne'
    expect(neutralise(text)).toBe(text)
    const plain = 'Acme Widgets Inc. 91% — 漢字 ✓'
    expect(neutralise(plain)).toBe(plain)
  })

  it('no line can become a GitHub workflow command, and the text still reads the same', () => {
    const hostile = '::error file=x::owned\n  ::set-output name=a::b\nok ::not-a-start\nx ##[add-mask]secret'
    const out = neutralise(hostile)
    for (const line of out.split('\n')) expect(isWorkflowCommand(line), line).toBe(false)
    expect(out.replaceAll('\u200b', '')).toBe(hostile)
    expect(out.split('\n')[2]).toBe('ok ::not-a-start')
  })

  it('keeps a JSON document valid and its data exact (escapes are JSON escapes)', () => {
    const data = {name: `Evil${ESC}[2J\u202eCorp\u0085`, sep: 'a\u2028b', del: '\u007f'}
    const text = neutralise(JSON.stringify(data, null, 2))
    expect(text).not.toMatch(RAW_UNSAFE)
    expect(JSON.parse(text)).toEqual(data)
  })

  it('keeps colour sequences only when asked (text whose data was neutralised before painting)', () => {
    const painted = `${ESC}[1mCRITICAL${ESC}[22m`
    expect(neutralise(painted, {keepColour: true})).toBe(painted)
    expect(neutralise(painted)).toBe('\\u001B[1mCRITICAL\\u001B[22m')
    // Anything but a colour sequence is still escaped.
    expect(neutralise(`${ESC}[2J${ESC}]8;;x`, {keepColour: true})).toBe('\\u001B[2J\\u001B]8;;x')
  })
})

describe('neutraliseLine', () => {
  it('puts text on one line, and breaks a command at its start', () => {
    expect(neutraliseLine('a\n::error::x\r\n\tb\u202e')).toBe('a ::error::x b\\u202E')
    expect(neutraliseLine('\n::error::x')).toBe(' :\u200b:error::x')
  })
})

describe('neutraliseData', () => {
  it('neutralises every string and key, copying only what changed', () => {
    const clean = {share: 0.5, people: ['a']}
    const input = {clean, shares: {'Evil\u202eCorp': 0.9}, name: '::warning::x'}
    const out = neutraliseData(input)
    expect(out.clean).toBe(clean)
    expect(Object.keys(out.shares)).toEqual(['Evil\\u202ECorp'])
    expect(out.name).toBe(':\u200b:warning::x')
    const untouched = {a: [{b: 'c'}]}
    expect(neutraliseData(untouched)).toBe(untouched)
  })
})

describe('safeOutput', () => {
  it('removes credentials and neutralises', () => {
    expect(safeOutput('see https://u:p@h.example.com/x\u202e')).toBe('see https://***@h.example.com/x\\u202E')
  })
})

describe('safeJsonOutput', () => {
  it("gives safeOutput's text for JSON.stringify's, whatever the data holds", () => {
    // Every character up to U+0100, the unsafe ones past it, surrogates, and what redaction and the workflow-command
    // check look for, mixed into strings and keys at every depth.
    const characters = [
      ...Array.from({length: 0x100}, (_, code) => String.fromCharCode(code)),
      ...'\u061c\u200b\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ud83d\ude00\ud800é€',
    ]
    const pieces = [
      '::error::x',
      '##[group]',
      'https://user:hunter2@example.com/',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ]
    const next = seeded(7)
    const text = () =>
      Array.from({length: next(12)}, () =>
        next(6) === 0 ? pieces[next(pieces.length)] : characters[next(characters.length)],
      ).join('')
    const values = Array.from({length: 3000}, () => ({name: text(), [text()]: [text(), {deep: text()}], n: next(100)}))
    let unsafe = 0
    for (const chunk of jsonChunks({values})) {
      expect(safeJsonOutput(chunk)).toBe(safeOutput(chunk))
      if (safeOutput(chunk) !== chunk) unsafe++
    }
    // The data was unsafe: neutralising and redacting changed the text.
    expect(unsafe).toBeGreaterThan(0)
    // ASCII alone: a command at the start of a line is broken, nothing else changed.
    const ascii = JSON.stringify({a: 'x', b: ['y']}, null, 2).replace('"x"', '"x"\n::warning::')
    expect(safeJsonOutput(ascii)).toBe(safeOutput(ascii))
    expect(safeJsonOutput(ascii)).not.toBe(ascii)
    // DEL is ASCII, and JSON.stringify leaves it as it is.
    const del = JSON.stringify({a: 'x\u007fy'}, null, 2)
    expect(safeJsonOutput(del)).toBe('{\n  "a": "x\\u007Fy"\n}')
  })
})

describe('reportData: the report boundary in one walk', () => {
  /** The three walks it replaces (src/report/registry.ts before): redact, file names on one line, neutralise. */
  const threeWalks = <T>(value: T): T =>
    neutraliseData(mapStrings(redactDeep(value), (text, key) => (key === 'file' ? oneLine(text) : text)))
  /** The three walks, and keys redacted too (a key is upstream text: an organisation's name in a count map). */
  const reference = <T>(value: T): T =>
    threeWalks(mapStrings(value, (text, _key, isKey) => (isKey ? redactSecrets(text) : text), {keys: true}))

  const hostile = {
    components: [
      {
        ref: 'ghcr.io/example/app:1\u202E',
        purl: 'pkg:npm/widget@1.0.0?repository_url=https://user:s3cret@npm.example.com/',
        locations: [{file: 'x\n::error::y/pod.yaml', line: 3}, {file: 'a\u2066b/values.yaml'}],
      },
    ],
    errors: [
      {
        file: 'ok\r\n.yaml',
        code: 'read-failed',
        message: 'cannot read https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r ##[warning]',
      },
    ],
    metrics: {'Acme\u202ECorp': 0.5, file: 'not\nunder a file key? it is: one line'},
    notes: ['line one\nline two', 'token=ghp_abcdefghijklmnopqrstuvwxyz0123456789', '\u001b[31mred'],
    reason: 'see https://user:pass@example.com/x',
    count: 4,
    none: null,
  }

  it('gives the same data as the three walks, with every token, bidi character and line break in a file name neutralised', () => {
    const once = reportData(hostile)
    expect(once).toEqual(reference(hostile))
    const text = JSON.stringify(once)
    expect(text).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789')
    expect(text).not.toContain('s3cret')
    expect(text).not.toContain('user:pass@')
    expect(text).not.toMatch(RAW_UNSAFE)
    expect(once.components[0].locations[0].file).toBe('x\\u000A::error::y/pod.yaml')
    expect(once.notes[0]).toBe('line one\nline two')
    expect(Object.keys(once.metrics)[0]).toBe('Acme\\u202ECorp')
  })

  it('redacts a token or a URL password in a key, as in a value', () => {
    const shares = {ghp_abcdefghijklmnopqrstuvwxyz0123456789: 1, 'https://u:pw@h.example.com/': 2, Acme: 3}
    expect(Object.keys(reportData({shares}).shares)).toEqual(['ghp_***', 'https://***@h.example.com/', 'Acme'])
  })

  it('copies nothing of clean data', () => {
    const clean = {components: [{ref: 'nginx:1.27', locations: [{file: 'pod.yaml', line: 1}]}], metrics: {Acme: 1}}
    expect(reportData(clean)).toBe(clean)
  })

  it('equals the three walks on random hostile models', () => {
    const random = seeded(20261207)
    const pieces = [
      'a',
      '\n',
      '\r',
      '\u202E',
      '\u2066',
      '::',
      '##[',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'https://u:p@h.example.com/',
      'pkg:npm/x@1',
      '\u0007',
      ' ',
    ]
    const text = () => Array.from({length: 1 + random(6)}, () => pieces[random(pieces.length)]).join('')
    for (let n = 0; n < 200; n++) {
      const model = {
        file: text(),
        message: text(),
        list: [text(), {file: text(), detail: text(), [text()]: text()}],
        [text()]: {evidence: text(), reason: [text(), text()]},
      }
      expect(reportData(model)).toEqual(reference(model))
    }
  })
})
