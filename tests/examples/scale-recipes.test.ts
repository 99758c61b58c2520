import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseAllDocuments, parse as parseYaml} from 'yaml'
import {z} from 'zod'
import {parseShard} from '../../src/core/shard.js'
import {repoRoot, runCli} from '../support/cli.js'

/**
 * The scale recipes of docs/scale.md (examples/scale/): the Kubernetes Indexed Job + CronJob and the GitHub
 * Actions matrix workflow. Checked against the fields their engines require (batch/v1 Job and CronJob, the
 * Actions workflow syntax) and against stewards itself: the shard count written in several places agrees, every
 * `stewards` command line parses as this stewards' flags, and stewards' own inventory reads the manifests.
 */
const dir = join(repoRoot, 'examples', 'scale')
const k8sFile = join(dir, 'kubernetes', 'stewards-collect.yaml')
const workflowFile = join(dir, 'github-actions', 'stewards-sharded.yml')

const Container = z.object({
  name: z.string(),
  image: z.string().regex(/^[\w.-]+(?::\d+)?\/[\w./-]+:[\w.-]+$/),
  args: z.array(z.string()),
  env: z.array(
    z.object({name: z.string(), valueFrom: z.object({secretKeyRef: z.object({name: z.string(), key: z.string()})})}),
  ),
})
const IndexedJobSpec = z.object({
  completionMode: z.literal('Indexed'),
  completions: z.number().int().positive(),
  parallelism: z.number().int().positive(),
  template: z.object({
    spec: z.object({restartPolicy: z.enum(['Never', 'OnFailure']), containers: z.array(Container).length(1)}),
  }),
})
const Job = z.object({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('Job'),
  metadata: z.object({name: z.string()}),
  spec: IndexedJobSpec,
})
const CronJob = z.object({
  apiVersion: z.literal('batch/v1'),
  kind: z.literal('CronJob'),
  metadata: z.object({name: z.string()}),
  spec: z.object({
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/),
    concurrencyPolicy: z.literal('Forbid'),
    jobTemplate: z.object({spec: IndexedJobSpec}),
  }),
})

const Step = z.union([
  z.object({uses: z.string().regex(/^[\w.-]+\/[\w.-]+@v\d+$/), with: z.record(z.string(), z.unknown()).optional()}),
  z.object({run: z.string(), env: z.record(z.string(), z.string()).optional()}),
])
const Workflow = z.object({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  permissions: z.object({contents: z.literal('read')}),
  jobs: z.object({
    collect: z.object({
      'runs-on': z.string(),
      strategy: z.object({matrix: z.object({shard: z.array(z.number().int())})}),
      steps: z.array(Step),
    }),
    merge: z.object({needs: z.literal('collect'), 'runs-on': z.string(), steps: z.array(Step)}),
  }),
})

/** The `--shard` argument of a command line (an array of arguments or a shell line), with the index placeholder. */
function shardArg(words: string[]): string {
  const at = words.indexOf('--shard')
  expect(at).toBeGreaterThan(-1)
  return words[at + 1].replace(/^"|"$/g, '')
}

describe('Kubernetes Indexed Job and CronJob', () => {
  const docs = parseAllDocuments(readFileSync(k8sFile, 'utf8')).map((d) => d.toJS())
  const job = Job.parse(docs.find((d) => d.kind === 'Job'))
  const cron = CronJob.parse(docs.find((d) => d.kind === 'CronJob'))

  it('runs one shard a pod: --shard $(JOB_COMPLETION_INDEX)/N with N = completions = parallelism', () => {
    for (const spec of [job.spec, cron.spec.jobTemplate.spec]) {
      const [container] = spec.template.spec.containers
      const shard = shardArg(container.args)
      expect(shard).toMatch(/^\$\(JOB_COMPLETION_INDEX\)\/\d+$/)
      const count = Number(shard.split('/')[1])
      expect([spec.completions, spec.parallelism]).toEqual([count, count])
      // Every index the Job hands out is a shard this stewards accepts.
      for (let i = 0; i < spec.completions; i++) expect(parseShard(`${i}/${count}`)).toEqual({index: i, count})
      expect(container.args[0]).toBe('collect')
      expect(container.args).toContain('--cache-url')
      expect(container.env.map((e) => e.name).sort()).toEqual(['GITHUB_TOKEN', 'STEWARDS_CACHE_PASSWORD'])
    }
    expect(cron.spec.jobTemplate.spec.template).toEqual(job.spec.template)
  })

  it("is read by stewards' own inventory: the image, at both workloads", async () => {
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const inventory = JSON.parse(r.stdout) as {components: Array<{ref?: string; name?: string; locations?: unknown[]}>}
    const image = inventory.components.find((c) => JSON.stringify(c).includes('registry.example.com/stewards'))
    expect(image).toBeDefined()
    expect(JSON.stringify(image)).toContain('stewards-collect.yaml')
  })
})

describe('GitHub Actions matrix workflow', () => {
  const workflow = Workflow.parse(parseYaml(readFileSync(workflowFile, 'utf8')))

  it('has one job per shard 0 … N-1, each uploading its bundle, and a merge job that merges them all', () => {
    const shards = workflow.jobs.collect.strategy.matrix.shard
    const runs = workflow.jobs.collect.steps.flatMap((s) => ('run' in s ? [s.run] : []))
    const collectLine = runs.find((r) => r.includes('stewards collect')) ?? ''
    const shard = /--shard "\$\{\{ matrix\.shard \}\}\/(\d+)"/.exec(collectLine)
    expect(shard).not.toBeNull()
    const count = Number(shard?.[1])
    expect(shards).toEqual(Array.from({length: count}, (_, i) => i))
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression is the text under test
    expect(collectLine).toContain('--bundle "shard-${{ matrix.shard }}.bundle"')
    const uploads = workflow.jobs.collect.steps.filter(
      (s) => 'uses' in s && s.uses.startsWith('actions/upload-artifact@'),
    )
    expect(uploads).toHaveLength(1)
    const mergeRuns = workflow.jobs.merge.steps.flatMap((s) => ('run' in s ? [s.run] : []))
    expect(mergeRuns).toContain('stewards cache merge shard-*.bundle -o all.bundle')
    expect(mergeRuns.some((r) => r.includes('--snapshot all.bundle'))).toBe(true)
  })
})
