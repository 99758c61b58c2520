import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {PACKAGE_ROOT, packageRootFrom, shippedPath, shownPath} from './package-root.js'

const scratch = mkdtempSync(join(tmpdir(), 'stewards-package-root-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

describe('packageRootFrom', () => {
  it('finds the folder holding package.json and rules/ from any depth (src/, dist/commands/, dist/chunks/)', () => {
    const root = join(scratch, 'installed', 'node_modules', 'stewards')
    mkdirSync(join(root, 'rules'), {recursive: true})
    mkdirSync(join(root, 'dist', 'chunks'), {recursive: true})
    writeFileSync(join(root, 'package.json'), '{}')
    // A package.json without rules/ on the way (a dependency's own folder) is not the root.
    mkdirSync(join(root, 'dist', 'commands', 'cache'), {recursive: true})
    writeFileSync(join(root, 'dist', 'package.json'), '{"type": "module"}')
    expect(packageRootFrom(join(root, 'dist', 'chunks'))).toBe(root)
    expect(packageRootFrom(join(root, 'dist', 'commands', 'cache'))).toBe(root)
  })

  it('says where it looked when there is none', () => {
    const lone = join(scratch, 'lone', 'deep')
    mkdirSync(lone, {recursive: true})
    expect(() => packageRootFrom(lone)).toThrow(`no package root (package.json beside rules/) above ${lone}`)
  })

  it('is this repository for the source tree, and the shipped files are where the package keeps them', () => {
    expect(PACKAGE_ROOT).toBe(join(import.meta.dirname, '..', '..'))
    expect(shippedPath('rules', 'bots', 'default.yaml')).toBe(join(PACKAGE_ROOT, 'rules', 'bots', 'default.yaml'))
  })
})

describe('shownPath', () => {
  it('shows a shipped file relative to the package with /, any other path as given', () => {
    expect(shownPath(shippedPath('rules', 'packs', 'default', 'x.yaml'))).toBe('rules/packs/default/x.yaml')
    expect(shownPath(shippedPath('package.json'))).toBe(shippedPath('package.json'))
    expect(shownPath('/tmp/rules/x.yaml')).toBe('/tmp/rules/x.yaml')
    expect(shownPath('my-rules.yaml')).toBe('my-rules.yaml')
  })
})
