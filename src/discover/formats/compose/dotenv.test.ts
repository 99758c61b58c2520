// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type EnvFile, parseEnv} from './dotenv.js'

const values = (env: EnvFile) =>
  Object.fromEntries([...env.vars].map(([k, v]) => [k, v.ok ? (v.unset.length ? [v.value, v.unset] : v.value) : v]))

describe('.env as compose-go reads it', () => {
  it('interpolates the real .env of open-telemetry/opentelemetry-demo (see __fixtures__/SOURCES.md)', () => {
    const env = parseEnv(readFileSync(join(import.meta.dirname, '__fixtures__', 'otel-demo', '.env'), 'utf8'))
    expect(env.error).toBeUndefined()
    expect(values(env)).toMatchObject({
      IMAGE_NAME: 'ghcr.io/open-telemetry/demo',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4317',
      OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=opentelemetry-demo,service.version=3.0.0',
      AD_ADDR: 'ad:9555',
    })
  })

  it('cuts an unquoted value at " #" only, and trims it; reads export, KEY: value, CRLF and a BOM', () => {
    const env = parseEnv('\ufeff# comment\nA=VAL# x\nB=VAL #x\nC=  spaced out  \r\nexport D=1\nE: two\n  F=\nG=a\t#b\n')
    expect(values(env)).toEqual({A: 'VAL# x', B: 'VAL', C: 'spaced out', D: '1', E: 'two', F: '', G: 'a\t#b'})
  })

  it('unescapes and interpolates double-quoted values, across lines; single-quoted ones are literal', () => {
    const env = parseEnv(
      [
        'V=1',
        'A="tab\\there\\nnew ${V} \\$V \\"q\\" \\\\ \\0101 \\x"',
        "B='${V} \\n \\'q\\''",
        'C="two',
        'lines" # after',
        "D='# not a comment'",
        'E=${V}$$${MISSING:-d}$V',
        '',
      ].join('\n'),
    )
    expect(values(env)).toEqual({
      V: '1',
      A: 'tab\there\nnew 1 $V "q" \\ A \\x',
      B: "${V} \\n 'q'",
      C: 'two\nlines',
      D: '# not a comment',
      E: '1$d1',
    })
  })

  it("agrees with compose-go's own parser tests (dotenv/godotenv_test.go, TestParsing)", () => {
    const cases: Array<[string, string, string]> = [
      ['FOO =bar', 'FOO', 'bar'],
      ['FOO= bar', 'FOO', 'bar'],
      ['FOO="escaped\\"bar"', 'FOO', 'escaped"bar'],
      ['FOO="\'d\'"', 'FOO', "'d'"],
      ['OPTION_A: Foo=bar', 'OPTION_A', 'Foo=bar'],
      ['OPTION_A=1:B', 'OPTION_A', '1:B'],
      ["export OPTION_B='\\n'", 'OPTION_B', '\\n'],
      ['export exportFoo=2', 'exportFoo', '2'],
      ['exportFOO=2', 'exportFOO', '2'],
      ['export.FOO= 2', 'export.FOO', '2'],
      ['export\tOPTION_A=2', 'OPTION_A', '2'],
      ['FOO=a\\tb', 'FOO', 'a\\tb'],
      ['KEY="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"', 'KEY', 'Z\x07Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ'],
      ['FOO=foobar=', 'FOO', 'foobar='],
      ['FOO=bar #', 'FOO', 'bar'],
      ['FOO=123#not-an-inline-comment', 'FOO', '123#not-an-inline-comment'],
      ['FOO="bar#baz"#', 'FOO', 'bar#baz'],
      ["FOO='bar#baz' # comment", 'FOO', 'bar#baz'],
      ['FOO="bar\\n\\ b\\az"', 'FOO', 'bar\n\\ b\x07z'],
      ['FOO="bar\\\\\\n\\ b\\az"', 'FOO', 'bar\\\n\\ b\x07z'],
      ['FOO="bar\\nbaz\\\\"', 'FOO', 'bar\nbaz\\'],
      ['="value"', '', 'value'],
      ['\tKEY=value', 'KEY', 'value'],
      ['KEY="\\x07"', 'KEY', '\\x07'],
      ['KEY="\\u12e4"', 'KEY', '\\u12e4'],
    ]
    for (const [line, key, value] of cases) expect([line, values(parseEnv(line))[key]]).toEqual([line, value])
  })

  it('records what a value needs from the shell (never read): names not set earlier in the file, through other values', () => {
    const env = parseEnv('A=${LATER}-x\nB=${A}/${HOME:?}\nLATER=1\nC\n')
    expect(values(env)).toEqual({A: ['-x', ['LATER']], B: ['-x/', ['HOME', 'LATER']], LATER: '1'})
  })

  it('stops at what Compose refuses, with the line; the variables before it are kept', () => {
    expect(parseEnv('A=1\n\nB="open\nC=2\n')).toEqual({
      vars: new Map([['A', {ok: true, value: '1', line: 1, unset: []}]]),
      error: {line: 3, message: 'unterminated quoted value B="open'},
    })
    expect(parseEnv('A=1\nB/C=2\n').error).toEqual({
      line: 2,
      message: 'unexpected character "/" in variable name "B/C=2"',
    })
    expect(parseEnv('A B=1\n').error).toEqual({line: 1, message: 'key cannot contain a space'})
  })

  it('keeps a value it cannot interpolate as unreadable, not as text', () => {
    const env = parseEnv('A=${B\nC=ok\n')
    expect(env.vars.get('A')).toMatchObject({ok: false, line: 1})
    expect(env.vars.get('C')).toMatchObject({ok: true, value: 'ok'})
  })

  it('reads a long chain of values each adding names, keeping the last ten unset names (bench/hostile.ts times it)', () => {
    const lines = ['V0=${X0}']
    for (let i = 1; i < 2000; i++) lines.push(`V${i}=\${V${i - 1}}\${X${i}}`)
    const env = parseEnv(lines.join('\n'))
    expect(env.error).toBeUndefined()
    expect(env.vars.size).toBe(2000)
    expect(env.vars.get('V0')).toEqual({ok: true, value: '', line: 1, unset: ['X0']})
    expect(env.vars.get('V1999')).toEqual({
      ok: true,
      value: '',
      line: 2000,
      unset: Array.from({length: 10}, (_, i) => `X${1999 - i}`),
    })
  })

  it('trims a long run of spaces that does not end the line (an anchored expression was quadratic: 200 KB, 44 s)', () => {
    const env = parseEnv(`A=x${' '.repeat(100_000)}y\nK${' '.repeat(100_000)}K=v\n`)
    expect(values(env)).toEqual({A: `x${' '.repeat(100_000)}y`})
    // A space inside a key: Compose refuses the file there.
    expect(env.error).toEqual({line: 2, message: 'key cannot contain a space'})
  })

  it('keeps an escape compose-go does not know as written (\\c), never the word undefined', () => {
    expect(values(parseEnv('TAG="1.25\\c"\n'))).toEqual({TAG: '1.25\\c'})
  })
})
