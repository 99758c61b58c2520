/** What the in-process `inventory` CLI tests share. */
import {expect} from 'vitest'
import {runCli} from './cli.js'

/** `inventory PATH... --json`, which must exit 0 with no error: its JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the inventory's JSON, which each test reads as it needs.
export async function inventoryJson(...paths: string[]): Promise<any> {
  const r = await runCli(['inventory', ...paths, '--json'])
  expect(r.stderr).not.toContain('internal error')
  expect(r.code).toBe(0)
  const json = JSON.parse(r.stdout)
  expect(json.errors).toEqual([])
  return json
}
