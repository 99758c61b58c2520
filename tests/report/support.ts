/** Shared by the report tests: the fictional scan result fixture and golden files. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {ScanResult} from '../../src/core/model.js'
import {repoRoot} from '../support/cli.js'
import {expectGoldenIn} from '../support/golden.js'

export const fixtureFile = join(repoRoot, 'fixtures', 'reports', 'scan-result.json')

/** A fresh copy each call, so a test can change it freely. */
export function loadFixture(): ScanResult {
  return JSON.parse(readFileSync(fixtureFile, 'utf8')) as ScanResult
}

/** `UPDATE_GOLDEN=1 npx vitest run tests/report` rewrites the golden files; review the diff before committing. */
export {updateGolden} from '../support/golden.js'

export const goldenDir = join(import.meta.dirname, '__golden__')

export function expectGolden(name: string, actual: string): void {
  expectGoldenIn(goldenDir, name, actual)
}

/** The same value with every object's keys in reverse order: equal data built in another order. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).reverse()
    return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)])) as T
  }
  return value
}
