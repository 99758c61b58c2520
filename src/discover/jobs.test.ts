/**
 * A component read from a file that is not all ASCII keeps strings of one byte per character where its text
 * allows, so one such file does not make the whole inventory (and its JSON output) two bytes per character.
 * The representation is V8's: v8.serialize writes a one-byte string with the tag `"` and a two-byte one with `c`.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {serialize} from 'node:v8'
import {afterAll, describe, expect, it} from 'vitest'
import type {Component} from '../core/model.js'
import {discoverPaths} from './index.js'
import type {Discoverer} from './types.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-jobs-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const oneByte = (text: string) => serialize(text)[2] === 0x22

describe('components of a file that is not all ASCII', () => {
  it('hold one-byte strings where the text allows, and keep the others as they are', async () => {
    const lock = {
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': {name: 'app', description: 'café ✓ — 名前'},
        'node_modules/left-pad-but-longer': {version: '1.3.0-beta.1', resolved: 'https://registry.npmjs.org/x'},
        'node_modules/naïve-package-name': {version: '2.0.0'},
        'node_modules/名前': {version: '3.0.0'},
      },
    }
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2))
    const inventory = await discoverPaths([dir])
    const byName = new Map(inventory.components.map((c) => [c.name, c]))
    for (const name of ['left-pad-but-longer', 'naïve-package-name']) {
      const component = byName.get(name)!
      for (const text of [component.name, component.version!, component.ref, component.locations[0].file])
        expect(oneByte(text), text).toBe(true)
    }
    // A name beyond U+00FF needs two bytes per character, and keeps them.
    expect(oneByte(byName.get('名前')!.name)).toBe(false)
    expect(byName.get('naïve-package-name')?.version).toBe('2.0.0')
  })
})

describe('a format error quoting a hostile value', () => {
  it('is elided to its start and end: a 100,000-character image reference is not quoted whole', async () => {
    const sub = mkdtempSync(join(dir, 'long-'))
    writeFileSync(join(sub, 'Dockerfile'), `FROM ${'A'.repeat(100_000)}\n`)
    const {errors} = await discoverPaths([sub])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({code: 'invalid-image-ref', line: 1})
    expect(errors[0].message.length).toBeLessThan(1100)
    expect(errors[0].message).toMatch(/^invalid image reference "AAAA.*… \(\d+ characters left out\) …A+": /)
  })
})

describe('a file left with git merge-conflict markers', () => {
  it('has its first error say so, with the marker line', async () => {
    const sub = mkdtempSync(join(dir, 'conflict-'))
    writeFileSync(
      join(sub, 'package-lock.json'),
      '{\n  "lockfileVersion": 3,\n<<<<<<< HEAD\n  "packages": {}\n=======\n  "packages": {"": {}}\n>>>>>>> main\n}\n',
    )
    const {errors, components} = await discoverPaths([sub])
    expect(errors.map((e) => `${e.file.slice(sub.length + 1)}:${e.line} ${e.code}`)).toEqual([
      'package-lock.json:3 invalid-json',
    ])
    expect(errors[0].message).toMatch(
      / \(the file holds a git merge-conflict marker at line 3: resolve the conflict and scan again\)$/,
    )
    expect(components).toEqual([])
  })
})

describe('PATHs that overlap', () => {
  it('read and count each file once, named as the first PATH reaching it names it', async () => {
    const sub = mkdtempSync(join(dir, 'overlap-'))
    const inner = join(sub, 'k8s')
    mkdirSync(inner)
    writeFileSync(join(inner, 'Dockerfile'), 'FROM alpine:3.19\n')
    writeFileSync(join(sub, 'Containerfile'), 'FROM busybox:1.36\n')
    const once = await discoverPaths([sub])
    const twice = await discoverPaths([sub, inner, join(inner, 'Dockerfile')])
    expect(twice.files).toBe(2)
    expect(twice).toEqual(once)
  })
})

describe('a file a fallback format reads whatever its content (FileJob.sniffLater)', () => {
  it('is sniffed on its whole text once read, not on a head read from disk first; the fallback reads the others', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'stewards-sniff-later-'))
    try {
      // Two fictional formats: one that keeps a file by its content, one that reads any `.yaml` (as k8s-manifest does).
      const seen: string[] = []
      const sniffer: Discoverer = {
        id: 'sniffer',
        description: 'keeps files that open with `kind: Pipeline`',
        matches: (file) => file.endsWith('.yaml'),
        sniff(head, _tail, file) {
          // Read from disk, a file comes in SNIFF_BYTES chunks; sniffed on its text, in one.
          seen.push(`${file?.name.slice(tree.length + 1)} ${[...(file?.chunks() ?? [])].length}`)
          return head.startsWith('kind: Pipeline')
        },
        discover: ({file}) => ({components: [component(file, 'sniffer')]}),
      }
      const fallback: Discoverer = {
        id: 'fallback',
        description: 'reads any .yaml file',
        matches: (file) => file.endsWith('.yaml'),
        fallback: true,
        discover: ({file}) => ({components: [component(file, 'fallback')]}),
      }
      const padding = `# ${'x'.repeat(78)}\n`.repeat(2_000)
      writeFileSync(join(tree, 'pipeline.yaml'), `kind: Pipeline\n${padding}`)
      writeFileSync(join(tree, 'other.yaml'), `kind: Other\n${padding}`)
      const inventory = await discoverPaths([tree], {discoverers: [sniffer, fallback]})
      expect(inventory.components.map((c) => `${c.locations[0].file.slice(tree.length + 1)} ${c.name}`)).toEqual([
        'other.yaml fallback',
        'pipeline.yaml sniffer',
      ])
      // 160 KB each: three chunks had they been read from disk for the sniff.
      expect(seen.sort()).toEqual(['other.yaml 1', 'pipeline.yaml 1'])
    } finally {
      rmSync(tree, {recursive: true, force: true})
    }
  })
})

function component(file: string, name: string): Component {
  return {kind: 'package', ecosystem: 'generic', name, ref: name, locations: [{file, line: 1, column: 1}]}
}
