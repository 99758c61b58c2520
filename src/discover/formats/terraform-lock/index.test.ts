import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover(
    {file: 'infra/.terraform.lock.hcl', text},
    {readText: () => null},
  ) as Required<DiscoverOutput>
}

describe('terraform-lock', () => {
  it('claims the lock file, not copies under .terraform/', () => {
    expect(
      ['.terraform.lock.hcl', 'a/.terraform.lock.hcl', 'a/.terraform/x/.terraform.lock.hcl', 'main.tf'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, false, false])
  })

  it('reads each provider with its version at the provider line', () => {
    const out = discover(`# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.31.0"
  constraints = ">= 4.0.0, ~> 5.0"
  hashes = [
    "h1:ltxyuBWIy9cq0kIKDJH1jeWJy/y7XJLjS4QrsQK4plA=",
    "zh:0cdb9c2083bf0902442384f7309367791e4640581652dda456f2d6d7abf0de8d",
  ]
}

provider "registry.opentofu.org/integrations/github" {
  version = "6.2.1"
  hashes = ["h1:abc="]
}

provider "registry.terraform.io/example/broken" {
  constraints = "~> 1.0"
}

provider "not an address" {
  version = "1.0.0"
}
`)
    expect(
      out.components.map((c) => [c.name, c.version, c.purl, `${c.locations[0].line}:${c.locations[0].column}`]),
    ).toEqual([
      [
        'registry.terraform.io/hashicorp/aws',
        '5.31.0',
        'pkg:terraform/registry.terraform.io/hashicorp/aws@5.31.0',
        '4:11',
      ],
      [
        'registry.opentofu.org/integrations/github',
        '6.2.1',
        'pkg:terraform/registry.opentofu.org/integrations/github@6.2.1',
        '13:11',
      ],
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [18, 'invalid-entry', 'provider "registry.terraform.io/example/broken": no version'],
      [22, 'invalid-entry', 'provider "not an address": not HOST/NAMESPACE/TYPE'],
    ])
    expect(discover('provider "registry.terraform.io/a/b" {\n  version = "1.0.0"\n').errors.map((e) => e.code)).toEqual(
      ['invalid-lockfile'],
    )
  })

  it('does not say direct: the lock holds the providers of child modules too, not told apart', () => {
    // As 128f/eks-cluster's lock (9b2e677): its versions.tf requires aws; tls comes from terraform-aws-modules/eks.
    const out = discover(
      'provider "registry.terraform.io/hashicorp/aws" {\n  version = "6.45.0"\n}\n\nprovider "registry.terraform.io/hashicorp/tls" {\n  version     = "4.3.0"\n  constraints = ">= 4.0.0"\n}\n',
    )
    expect(out.components).toEqual([
      {
        kind: 'package',
        ecosystem: 'terraform',
        name: 'registry.terraform.io/hashicorp/aws',
        version: '6.45.0',
        purl: 'pkg:terraform/registry.terraform.io/hashicorp/aws@6.45.0',
        ref: 'registry.terraform.io/hashicorp/aws',
        origin: 'lockfile',
        locations: [{file: 'infra/.terraform.lock.hcl', line: 1, column: 11}],
      },
      {
        kind: 'package',
        ecosystem: 'terraform',
        name: 'registry.terraform.io/hashicorp/tls',
        version: '4.3.0',
        purl: 'pkg:terraform/registry.terraform.io/hashicorp/tls@4.3.0',
        ref: 'registry.terraform.io/hashicorp/tls',
        origin: 'lockfile',
        locations: [{file: 'infra/.terraform.lock.hcl', line: 5, column: 11}],
      },
    ])
  })

  it('reports a top-level line that is not a provider block, instead of dropping it', () => {
    const text =
      'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.0.0"\n}\n  provider "registry.terraform.io/evil/hidden" { version = "2.0.0" }\n'
    const out = discover(text)
    expect(out.components.map((c) => c.name)).toEqual(['registry.terraform.io/hashicorp/aws'])
    expect(out.errors.map((e) => [e.line, e.column, e.code])).toEqual([[4, 3, 'invalid-entry']])
  })

  it('recognises on standard input the lock file of Terraform and of OpenTofu', () => {
    const header = (tool: string) =>
      `# This file is maintained automatically by "${tool} init".\n# Manual edits may be lost in future updates.\n`
    expect(
      [header('terraform'), header('tofu'), header('tf'), '# not a lock\n'].map((head) => discoverer.identify!(head)),
    ).toEqual([true, true, false, false])
  })
})
