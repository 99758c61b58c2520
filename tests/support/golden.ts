import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {expect} from 'vitest'

export const updateGolden = process.env.UPDATE_GOLDEN === '1'

/** Compares `actual` with a reviewed golden file; `UPDATE_GOLDEN=1` rewrites it (then review the diff). */
export function expectGoldenIn(dir: string, name: string, actual: string): void {
  const file = join(dir, name)
  if (updateGolden) {
    mkdirSync(dirname(file), {recursive: true})
    writeFileSync(file, actual)
    return
  }
  expect(existsSync(file), `missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`).toBe(true)
  expect(actual, `${name} differs from its golden file: if the change is intended, run with UPDATE_GOLDEN=1`).toBe(
    readFileSync(file, 'utf8'),
  )
}
