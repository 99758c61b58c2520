import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('terraform-registry (written from the registry API)', () => {
  it('reads source from registry.terraform.io, applies the OpenTofu rule, says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('terraform', 'registry.terraform.io/hashicorp/aws', '5.31.0'),
        pkg('terraform', 'registry.terraform.io/cloudflare/cloudflare', '4.20.0'),
        pkg('terraform', 'registry.opentofu.org/integrations/github', '6.2.1'),
        pkg('terraform', 'registry.terraform.io/example/nosource', '1.0.0'),
        pkg('terraform', 'registry.terraform.io/example/absent', '1.0.0'),
        pkg('terraform', 'registry.terraform.io/../x', '1.0.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'registry.terraform.io/hashicorp/aws@5.31.0':
        'github.com/hashicorp/terraform-provider-aws medium terraform-registry',
      'registry.terraform.io/cloudflare/cloudflare@4.20.0':
        'github.com/cloudflare/terraform-provider-cloudflare medium terraform-registry',
      'registry.opentofu.org/integrations/github@6.2.1':
        'github.com/integrations/terraform-provider-github medium terraform-registry',
      'registry.terraform.io/example/nosource@1.0.0': 'unresolved: no-repository',
      'registry.terraform.io/example/absent@1.0.0': 'unresolved: not-found',
      'registry.terraform.io/../x@1.0.0': 'unresolved: invalid-name',
    })
    expect(emulators.servers.terraform.requests.map((r) => r.url).sort()).toEqual([
      '/registry.terraform.io/v1/providers/cloudflare/cloudflare/4.20.0',
      '/registry.terraform.io/v1/providers/example/absent/1.0.0',
      '/registry.terraform.io/v1/providers/example/nosource/1.0.0',
      '/registry.terraform.io/v1/providers/hashicorp/aws/5.31.0',
    ])
  })

  it("reads a module version's source, applies the OpenTofu module rule, and never asks about a git module", async () => {
    const before = emulators.servers.terraform.requests.length
    const run = await resolveOnline(
      emulators,
      [
        pkg('terraform', 'registry.terraform.io/terraform-aws-modules/vpc/aws', '5.8.1'),
        pkg('terraform', 'registry.opentofu.org/terraform-aws-modules/eks/aws', '20.8.4'),
        pkg('terraform', 'registry.terraform.io/example/nosource/aws', '1.0.0'),
        pkg('terraform', 'registry.terraform.io/example/widget/aws'),
        // A constraint (`~> 5.0`) names no version: the latest version's source.
        pkg('terraform', 'registry.terraform.io/terraform-aws-modules/vpc/aws'),
        pkg('terraform', 'registry.terraform.io/hashicorp/random'),
        {
          ...pkg('terraform', 'git.corp.example/team/network'),
          purl: 'pkg:terraform/git.corp.example/team/network?vcs_url=git%2Bhttps%3A%2F%2Fgit.corp.example%2Fteam%2Fnetwork.git',
        },
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'registry.terraform.io/terraform-aws-modules/vpc/aws@5.8.1':
        'github.com/terraform-aws-modules/terraform-aws-vpc medium terraform-registry',
      'registry.opentofu.org/terraform-aws-modules/eks/aws@20.8.4':
        'github.com/terraform-aws-modules/terraform-aws-eks medium terraform-registry',
      'registry.terraform.io/example/nosource/aws@1.0.0': 'unresolved: no-repository',
      'registry.terraform.io/example/widget/aws': 'unresolved: not-found',
      'registry.terraform.io/terraform-aws-modules/vpc/aws':
        'github.com/terraform-aws-modules/terraform-aws-vpc medium terraform-registry',
      'registry.terraform.io/hashicorp/random':
        'github.com/hashicorp/terraform-provider-random medium terraform-registry',
      'git.corp.example/team/network': 'unresolved: unsupported',
    })
    expect(
      emulators.servers.terraform.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/registry.terraform.io/v1/modules/example/nosource/aws/1.0.0',
      '/registry.terraform.io/v1/modules/example/widget/aws',
      '/registry.terraform.io/v1/modules/terraform-aws-modules/vpc/aws',
      '/registry.terraform.io/v1/modules/terraform-aws-modules/vpc/aws/5.8.1',
      '/registry.terraform.io/v1/providers/hashicorp/random',
    ])
  })
})
