/**
 * What a hostile tree or a mistaken argument cannot make the walk and its messages do (src/discover/index.ts,
 * src/discover/walk.ts): print a credential, read one file twice through a link.
 */
import {chmod, rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Inventory} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {makeTree} from '../discover/tree.js'
import {runCli} from '../support/cli.js'

/** The tree with its links made, scanned; paths relative to it. */
async function scanWithLinks(
  files: Record<string, string>,
  links: Record<string, string>,
  exclude: string[] = [],
): Promise<Inventory> {
  const dir = await makeTree(files)
  try {
    for (const [link, target] of Object.entries(links)) await symlink(target, join(dir, link))
    const inventory = await discoverPaths([dir], {exclude})
    return JSON.parse(JSON.stringify(inventory).replaceAll(`${dir}/`, ''))
  } finally {
    await chmod(dir, 0o755)
    await rm(dir, {recursive: true, force: true})
  }
}

const where = (inventory: Inventory) =>
  inventory.components.map((c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}`).join(',')}`)

describe('a PATH that is a URL with credentials', () => {
  it('is a usage error that never prints the password or the token', async () => {
    const password = await runCli(['inventory', 'https://alice:s3cret@git.example.com/org/repo'])
    expect(password.code).toBe(3)
    expect(password.stdout).toBe('')
    expect(password.stderr).toBe(
      'Error: https://***@git.example.com/org/repo: no such file or directory\nHint: check the PATH arguments\n',
    )
    const token = await runCli(['inventory', '.', 'https://ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@github.com/o/r'])
    expect(token.stderr).toBe(
      'Error: https://***@github.com/o/r: no such file or directory\nHint: check the PATH arguments\n',
    )
  })
})

describe('a symlink to a file inside the tree', () => {
  it('is not read again when the walk lists its target: the file is read once, at its own path', async () => {
    const inventory = await scanWithLinks(
      {
        'docker/Dockerfile': 'FROM alpine:3.19\n',
        'deploy/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.25\n',
      },
      {Dockerfile: 'docker/Dockerfile', Containerfile: 'docker/Dockerfile', 'pod.yaml': 'deploy/pod.yaml'},
    )
    expect(where(inventory)).toEqual(['alpine:3.19 docker/Dockerfile:1', 'nginx:1.25 deploy/pod.yaml:5'])
    expect(inventory.files).toBe(2)
    expect(inventory.errors).toEqual([])
    // Said for each link a format reads by its name, naming the path the file is read at.
    expect(inventory.skipped).toEqual([
      {
        file: 'Containerfile',
        reason: 'unsupported',
        message: 'symlink to docker/Dockerfile, which is read at its own path; not read twice',
      },
      {
        file: 'Dockerfile',
        reason: 'unsupported',
        message: 'symlink to docker/Dockerfile, which is read at its own path; not read twice',
      },
    ])
    // pod.yaml is any YAML file to the walk (the fallback manifest reader's): its link is not worth a line, as a YAML
    // file that holds nothing is not.
  })

  it('whose target the walk does not list (left out, or in node_modules) is read once, through the first link', async () => {
    const inventory = await scanWithLinks(
      {'node_modules/x/requirements.txt': 'requests==2.31.0\n', 'docker/Dockerfile': 'FROM alpine:3.19\n'},
      {
        'requirements.txt': 'node_modules/x/requirements.txt',
        'requirements-dev.txt': 'node_modules/x/requirements.txt',
        Dockerfile: 'docker/Dockerfile',
      },
      ['docker'],
    )
    expect(where(inventory)).toEqual(['alpine:3.19 Dockerfile:1', 'requests==2.31.0 requirements-dev.txt:1'])
    expect(inventory.files).toBe(2)
    expect(inventory.skipped).toEqual([
      {
        file: 'requirements.txt',
        reason: 'unsupported',
        message: 'symlink to the file requirements-dev.txt links to too, which is read there; not read twice',
      },
    ])
  })

  it('is read through the link when the formats that read the link by its name do not read its target', async () => {
    const inventory = await scanWithLinks({'docker/base.txt': 'FROM alpine:3.19\n'}, {Dockerfile: 'docker/base.txt'})
    expect(where(inventory)).toEqual(['alpine:3.19 Dockerfile:1'])
    expect(inventory.skipped).toEqual([])
  })

  // root reads any file.
  it.skipIf(process.getuid?.() === 0)('to a file that cannot be read is one error, at the file', async () => {
    const dir = await makeTree({'docker/Dockerfile': 'FROM alpine:3.19\n'})
    try {
      await symlink('docker/Dockerfile', join(dir, 'Dockerfile'))
      await chmod(join(dir, 'docker/Dockerfile'), 0)
      const inventory = await discoverPaths([dir])
      expect(inventory.errors.map((e) => `${e.file.replace(`${dir}/`, '')} ${e.code}`)).toEqual([
        'docker/Dockerfile read-failed',
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
