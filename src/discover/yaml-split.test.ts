import {parseAllDocuments} from 'yaml'
import {describe, expect, it} from 'vitest'
import {splitDocuments} from './yaml-split.js'

const parts = (text: string) =>
  [...splitDocuments(text)].map((part) => ({
    text: text.slice(part.start, part.end),
    line: part.line,
    content: part.content,
  }))

describe('splitDocuments', () => {
  it('cuts at marker lines only, keeping leading comments and directives with the document they precede', () => {
    const text = '# head\n%YAML 1.2\n---\na: 1\n--- |\n  ---x\n...\n# between\n---\nb: "\n  --\n"\n--- # c\n'
    expect(parts(text)).toEqual([
      {text: '# head\n%YAML 1.2\n---\na: 1\n', line: 1, content: true},
      {text: '--- |\n  ---x\n...\n', line: 5, content: true},
      {text: '# between\n---\nb: "\n  --\n"\n', line: 8, content: true},
      {text: '--- # c\n', line: 13, content: true},
    ])
    expect([...splitDocuments(text)].map((part) => part.contentLine)).toEqual([4, 5, 10, 0])
  })

  it('gives a stream without markers, an empty stream and trailing comments one part', () => {
    expect(parts('a: 1\nb: 2')).toEqual([{text: 'a: 1\nb: 2', line: 1, content: true}])
    expect(parts('')).toEqual([{text: '', line: 1, content: false}])
    expect(parts('a: 1\n...\n# tail\n')).toEqual([{text: 'a: 1\n...\n# tail\n', line: 1, content: true}])
    expect(parts('---a: 1\n--- \n')).toEqual([
      {text: '---a: 1\n', line: 1, content: true},
      {text: '--- \n', line: 2, content: true},
    ])
  })

  it('finds as many documents as the yaml library, at the same lines', () => {
    const streams = [
      'a: 1\n---\nb: 2\n---\n',
      '---\n---\n---\na: 1\n',
      '# c\n---\n# only a comment\n---\nx: [1,\n  2]\n...\n---\ny: 1\r\n---\r\nz: 2\r\n',
      'key: |\n  text\n  --- not a marker\n---\nnext: 1\n',
    ]
    for (const text of streams) {
      const whole = parseAllDocuments(text) as Array<{range: number[]}>
      let count = 0
      for (const part of splitDocuments(text))
        count += (parseAllDocuments(text.slice(part.start, part.end)) as unknown[]).length
      expect(count, text).toBe(whole.length)
    }
  })
})
