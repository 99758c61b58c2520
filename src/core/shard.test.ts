import {describe, expect, it} from 'vitest'
import {StewardsError} from './errors.js'
import {inShard, parseShard, shardOf} from './shard.js'

describe('shards', () => {
  it('parses I/N and refuses anything else with a usage error', () => {
    expect(parseShard('2/4')).toEqual({index: 2, count: 4})
    for (const bad of ['4/4', '1/0', '-1/3', 'a/b', '1', '1/2/3']) expect(() => parseShard(bad)).toThrow(StewardsError)
  })

  it('partitions repositories: each in exactly one shard, stable across orders and letter case, roughly even', () => {
    const repos = Array.from({length: 2000}, (_, i) => `github.com/org-${i % 37}/repo-${i}`)
    const count = 4
    const sizes = [0, 0, 0, 0]
    for (const repo of repos) {
      const owners = Array.from({length: count}, (_, index) => inShard(repo, {index, count})).filter(Boolean)
      expect(owners).toHaveLength(1)
      sizes[shardOf(repo, count)]++
      expect(shardOf(repo.toUpperCase(), count)).toBe(shardOf(repo, count))
    }
    for (const size of sizes) expect(size).toBeGreaterThan(400)
    // Pinned: a release that changed the hash would send repositories to other workers.
    expect(repos.slice(0, 8).map((r) => shardOf(r, 4))).toEqual([0, 0, 1, 1, 3, 2, 3, 2])
  })
})
