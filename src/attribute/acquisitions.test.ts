import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {applyAcquisitions, compileGoRegex, loadAcquisitions, parseAcquisitions} from './acquisitions.js'

describe('acquisitions (gitdm companies.yaml)', () => {
  it("reads Go's (?i) as Go does; the first matching rule wins; the rule is cited by line", async () => {
    const file = join(import.meta.dirname, '__fixtures__', 'companies.yaml')
    const rules = await loadAcquisitions(file)
    expect(rules.map((r) => [r.pattern.source, r.company, r.citation])).toEqual([
      ['(?i)^kismet\\s+systems$', 'Example Corp', `${file}:3`],
      ['(?i)^example\\s*co$', 'Example Corp', `${file}:4`],
    ])
    expect(applyAcquisitions('KISMET  Systems', rules)).toEqual({name: 'Example Corp', rule: rules[0]})
    expect(applyAcquisitions('Kismet Systems Ltd', rules)).toEqual({name: 'Kismet Systems Ltd'})
  })

  it('renames the real gitdm rules as gitdm does', async () => {
    const text = [
      'acquisitions:',
      "  - ['(?i)^(aws|amazon|amazon\\s*aws|amazon\\s*web\\s*services|amazon\\.com)(\\s+inc\\.?)?$', 'Amazon']",
      "  - ['(?i)^(heptio|heptio\\s+inc\\.?|bitnami|bitnami\\s+inc\\.?)$', 'VMware Inc.']",
    ].join('\n')
    const rules = parseAcquisitions(text, 'companies.yaml')
    expect(
      ['AWS', 'Amazon Web Services Inc.', 'Bitnami Inc.', 'Amazon Robotics'].map(
        (n) => applyAcquisitions(n, rules).name,
      ),
    ).toEqual(['Amazon', 'Amazon', 'VMware Inc.', 'Amazon Robotics'])
  })

  it("rejects what RE2 (Go's syntax) does not read, naming the file and line", () => {
    expect(() => parseAcquisitions("acquisitions:\n  - ['(?i)^(unclosed$', 'X']\n", 'c.yaml')).toThrow(
      'c.yaml:2: not a regular expression RE2 reads: error parsing regexp: missing closing ): `(?i)^(unclosed$`',
    )
    // Lookaround is no RE2 (nor Go); Go's other inline flags are (U: ungreedy).
    expect(() => compileGoRegex('^a(?=b)', 'c.yaml:9')).toThrow(/^c\.yaml:9: .*invalid or unsupported Perl syntax/)
    expect(compileGoRegex('(?U)^a+', 'c.yaml:9').test('aaa')).toBe(true)
    expect(() => parseAcquisitions('acquisitions:\n  - [only-one]\n', 'c.yaml')).toThrow(
      /^c\.yaml:2:5: acquisitions\[0\]: /,
    )
    expect(() => parseAcquisitions('acquisitions: [\n', 'c.yaml')).toThrow(/^c\.yaml:\d+:\d+: /)
  })

  it('runs a rule that would backtrack for ever in linear time (a companies file can come from a scanned tree)', () => {
    // JavaScript's RegExp takes minutes on this one with a 22-character name; RE2 answers at once.
    const rules = parseAcquisitions("acquisitions:\n  - ['^(.*.*)*x$', 'X']\n", 'c.yaml')
    expect(applyAcquisitions('dev17@mail.example.net', rules).name).toBe('dev17@mail.example.net')
    expect(applyAcquisitions('Acme x', rules).name).toBe('X')
  })

  it('does not run rules on absurdly long names', () => {
    const rules = parseAcquisitions("acquisitions:\n  - ['(?i)^a+$', 'A']\n", 'c.yaml')
    expect(applyAcquisitions('a'.repeat(300), rules).name).toBe('a'.repeat(300))
  })
})
