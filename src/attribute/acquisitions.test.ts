import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {applyAcquisitions, compileGoRegex, loadAcquisitions, parseAcquisitions} from './acquisitions.js'

describe('acquisitions (gitdm companies.yaml)', () => {
  it('turns Go (?i) into the i flag; the first matching rule wins; the rule is cited by line', async () => {
    const file = join(import.meta.dirname, '__fixtures__', 'companies.yaml')
    const rules = await loadAcquisitions(file)
    expect(rules.map((r) => [r.pattern.source, r.pattern.flags, r.company, r.citation])).toEqual([
      ['^kismet\\s+systems$', 'i', 'Example Corp', `${file}:3`],
      ['^example\\s*co$', 'i', 'Example Corp', `${file}:4`],
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

  it('rejects what JavaScript cannot run, naming the file and line', () => {
    expect(() => parseAcquisitions("acquisitions:\n  - ['(?i)^(unclosed$', 'X']\n", 'c.yaml')).toThrow(
      /^c\.yaml:2: Invalid regular expression/,
    )
    expect(() => compileGoRegex('(?U)^a+$', 'c.yaml:9')).toThrow("c.yaml:9: Go flag 'U' has no JavaScript equivalent")
    expect(() => parseAcquisitions('acquisitions:\n  - [only-one]\n', 'c.yaml')).toThrow(
      /^c\.yaml:2:5: acquisitions\[0\]: /,
    )
    expect(() => parseAcquisitions('acquisitions: [\n', 'c.yaml')).toThrow(/^c\.yaml:\d+:\d+: /)
  })

  it('does not run rules on absurdly long names', () => {
    const rules = parseAcquisitions("acquisitions:\n  - ['(?i)^a+$', 'A']\n", 'c.yaml')
    expect(applyAcquisitions('a'.repeat(300), rules).name).toBe('a'.repeat(300))
  })
})
