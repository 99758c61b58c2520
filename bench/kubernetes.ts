/**
 * Kubernetes discovery speed and memory, through discoverPaths (walk, decode, YAML, merge).
 * 1. ../shared/corpus/k8s (about 3 MB, 33 files): wall time per pass (target: under 2 s) and peak RSS.
 * 2. Hostile YAML: an alias bomb and 10,000 documents must each end in an error in under 5 s.
 */
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {discoverPaths} from '../src/discover/index.js'

export const name = 'kubernetes'

const corpus = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'shared', 'corpus', 'k8s')
const PASSES = 3

function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  a: &a [${Array(9).fill('"lol"').join(',')}]`]
  for (let i = 1; i < 10; i++)
    lines.push(
      `  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    )
  return `${lines.join('\n')}\n`
}

async function timed(label: string, target: number, paths: string[]): Promise<void> {
  const start = performance.now()
  const inventory = await discoverPaths(paths)
  const ms = performance.now() - start
  const verdict = ms <= target ? 'ok' : 'SLOW'
  console.log(
    `${label}: ${ms.toFixed(0)} ms (target ${target} ms, ${verdict}); ${inventory.components.length} components, ${inventory.errors.length} errors`,
  )
}

export async function run(): Promise<void> {
  if (existsSync(corpus)) {
    for (let pass = 1; pass <= PASSES; pass++) await timed(`corpus pass ${pass}`, 2000, [corpus])
  } else {
    console.log(`skipped: ${corpus} is absent`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'stewards-bench-k8s-'))
  try {
    writeFileSync(join(dir, 'bomb.yaml'), aliasBomb())
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {name: c, image: registry.example.com/app:1}\n'
    writeFileSync(join(dir, 'many.yaml'), Array(10_000).fill(pod).join('---\n'))
    await timed('alias bomb', 5000, [join(dir, 'bomb.yaml')])
    await timed('10,000 documents', 5000, [join(dir, 'many.yaml')])
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
}
