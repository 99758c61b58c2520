import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string, file = 'main.tf') =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.purl} ${c.ref}`)

describe('terraform-module', () => {
  it('matches *.tf, OpenTofu *.tofu and their JSON forms, outside .terraform/ (the downloaded modules)', () => {
    expect(discoverer.matches('main.tf')).toBe(true)
    expect(discoverer.matches('infra/network/vpc.tf')).toBe(true)
    expect(discoverer.matches('main.tofu')).toBe(true)
    expect(discoverer.matches('cdktf.out/stacks/app/cdk.tf.json')).toBe(true)
    expect(discoverer.matches('main.tofu.json')).toBe(true)
    expect(discoverer.matches('.terraform/modules/vpc/main.tf')).toBe(false)
    expect(discoverer.matches('.terraform/modules/vpc/main.tf.json')).toBe(false)
    expect(discoverer.matches('main.json')).toBe(false)
    expect(discoverer.matches('.terraform.lock.hcl')).toBe(false)
  })

  it("reads the JSON syntax: a real CDK for Terraform stack's required providers, module calls in either block form", () => {
    // aws-samples/ec2RuntimeMonitor's cdk.tf.json (./__fixtures__/SOURCES.md).
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'ec2RuntimeMonitor', 'cdk.tf.json'), 'utf8')
    const real = discover(text, 'cdk.tf.json')
    expect(real.errors).toEqual([])
    expect(rows(real)).toEqual([
      '25:7 pkg:terraform/registry.terraform.io/hashicorp/archive hashicorp/archive >= 2.4.1',
      '28:7 pkg:terraform/registry.terraform.io/hashicorp/aws hashicorp/aws >= 5.31.0',
    ])
    expect(real.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual(['25 unresolved-version', '28 unresolved-version'])
    const out = discover(
      `{
  "//": "a comment property",
  "module": {
    "vpc": {"source": "terraform-aws-modules/vpc/aws", "version": "5.8.1"},
    "//": {"source": "not/a/module/call"}
  },
  "terraform": [{"required_providers": [{"aws": "~> 5.0"}, {"acme": {"source": "registry.example.com/acme/acme", "version": "= 1.2.3"}}]}],
  "module ": null
}
`,
      'main.tf.json',
    )
    expect(rows(out)).toEqual([
      '4:5 pkg:terraform/registry.terraform.io/terraform-aws-modules/vpc/aws@5.8.1 terraform-aws-modules/vpc/aws 5.8.1',
      // A legacy requirement (a string) at its object, an object at its key.
      '7:41 pkg:terraform/registry.terraform.io/hashicorp/aws hashicorp/aws ~> 5.0',
      '7:61 pkg:terraform/registry.example.com/acme/acme@1.2.3 registry.example.com/acme/acme = 1.2.3',
    ])
    const arrays = discover(
      '{"module": [{"a": {"source": "git::https://git.example.com/a.git?ref=v1"}}, {"b": [{"source": "./local"}]}]}',
      'x.tf.json',
    )
    expect(rows(arrays)).toEqual([
      '1:14 pkg:terraform/git.example.com/a?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fa.git%40v1 git::https://git.example.com/a.git?ref=v1',
    ])
    expect(discover('{"module": ', 'x.tf.json').errors.map((e) => e.code)).toEqual(['invalid-json'])
    expect(discover('[1]', 'x.tf.json').errors.map((e) => e.code)).toEqual(['invalid-lockfile'])
  })

  it('reads a real configuration: a registry module with a constraint; local modules and heredocs passed over (terraform-aws-eks)', () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'eks-karpenter', 'main.tf'), 'utf8')
    const out = discover(text)
    expect(rows(out)).toEqual([
      '35:14 pkg:terraform/registry.terraform.io/terraform-aws-modules/vpc/aws terraform-aws-modules/vpc/aws ~> 5.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '35 unresolved-version module "vpc": version ~> 5.0 is a constraint, not one version',
    ])
  })

  it('reads registry sources on any host, git sources (shorthands, git::, scp-like, subdirectories, ref) and reports others', () => {
    const out = discover(
      [
        'module "exact" {',
        '  source  = "terraform-aws-modules/eks/aws//modules/karpenter" # a submodule',
        '  version = "20.8.4"',
        '}',
        'module "private" {',
        '  source  = "app.terraform.io/example-corp/network/aws"',
        '  version = "= 1.4.0"',
        '}',
        'module "short" {',
        '  source = "github.com/example-org/terraform-widget?ref=v1.2.0"',
        '}',
        'module "git" {',
        '  source = "git::https://example.com/network.git//modules/vpc?ref=0123abc"',
        '}',
        'module "ssh" {',
        '  source = "git@github.com:example-org/terraform-widget.git"',
        '}',
        'module "bucket" {',
        '  source = "s3::https://s3-eu-west-1.amazonaws.com/example-modules/vpc.zip"',
        '}',
        'module "unversioned" {',
        '  source = "example-org/widget/aws"',
        '}',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '2:14 pkg:terraform/registry.terraform.io/terraform-aws-modules/eks/aws@20.8.4 terraform-aws-modules/eks/aws//modules/karpenter 20.8.4',
      '6:14 pkg:terraform/app.terraform.io/example-corp/network/aws@1.4.0 app.terraform.io/example-corp/network/aws = 1.4.0',
      '10:13 pkg:terraform/github.com/example-org/terraform-widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fterraform-widget.git%40v1.2.0 github.com/example-org/terraform-widget?ref=v1.2.0',
      '13:13 pkg:terraform/example.com/network?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fnetwork.git%400123abc git::https://example.com/network.git//modules/vpc?ref=0123abc',
      '16:13 pkg:terraform/github.com/example-org/terraform-widget?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Fterraform-widget.git git@github.com:example-org/terraform-widget.git',
      '22:13 pkg:terraform/registry.terraform.io/example-org/widget/aws example-org/widget/aws',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual([
      // A git source without ?ref= is the default branch's head at each init.
      '16 unresolved-version',
      '19 unsupported',
      '22 unresolved-version',
    ])
  })

  it('reports a git:: source with no URL git can fetch (a placeholder a script fills in), not a module named after it', () => {
    const out = discover(`module "hello" {
  source = "git::__MIRROR_URL__//test/fixtures/download/hello-world?ref=v0.93.2"
}
`)
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '2 unsupported module "hello": source git::__MIRROR_URL__//test/fixtures/download/hello-world?ref=v0.93.2 is git:: with no URL git can fetch (scheme:// or user@host:): not read',
    ])
  })

  it('says a module whose source is not a quoted literal is not read, instead of dropping it', () => {
    const out = discover(`module "templated" {
  source = "git::https://example.com/\${var.repo}.git?ref=v1"
}
module "variable" {
  source  = var.module_source
  version = "1.0.0"
}
module "literal" {
  source  = "example/vpc/aws"
  version = "1.0.0"
}
`)
    expect(rows(out)).toEqual(['9:14 pkg:terraform/registry.terraform.io/example/vpc/aws@1.0.0 example/vpc/aws 1.0.0'])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      `2 unsupported module "templated": source is not a quoted literal string (a variable, a \${…} template, which Terraform refuses, or a heredoc): not read`,
      `5 unsupported module "variable": source is not a quoted literal string (a variable, a \${…} template, which Terraform refuses, or a heredoc): not read`,
    ])
    expect(out.errors).toEqual([])
  })

  it('reads only top-level module blocks, outside strings, comments and heredocs', () => {
    const out = discover(
      [
        '/* module "commented" {',
        '  source = "example-org/commented/aws"',
        '} */',
        'locals {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform's own interpolation is the text under test
        '  text = "module \\"quoted\\" { ${jsonencode({a = "}"})}"',
        '  doc = <<EOT',
        'module "heredoc" {',
        '  source = "example-org/heredoc/aws"',
        '}',
        'EOT',
        '}',
        'module "real" {',
        '  providers = { aws = aws.east }',
        '  source    = "example-org/real/aws"',
        '  version   = "1.0.0"',
        '  nested {',
        '    source = "example-org/nested/aws"',
        '  }',
        '}',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '14:16 pkg:terraform/registry.terraform.io/example-org/real/aws@1.0.0 example-org/real/aws 1.0.0',
    ])
  })

  it('reads hostile text in one pass (a line of 200,000 braces, quotes or comment openers)', () => {
    const after = '\nmodule "after" {\n  source  = "example-org/after/aws"\n  version = "1.0.0"\n}\n'
    // An unclosed brace, template or comment hides what follows (Terraform would refuse the file): nothing is listed,
    // nothing throws. Braces closed without opening are passed over.
    for (const middle of ['{'.repeat(200_000), '"${'.repeat(70_000), '/*'.repeat(100_000)])
      expect(rows(discover(`${middle}${after}`))).toEqual([])
    expect(rows(discover(`${'}'.repeat(200_000)}${after}`))).toEqual([
      '3:14 pkg:terraform/registry.terraform.io/example-org/after/aws@1.0.0 example-org/after/aws 1.0.0',
    ])
  })

  it('reads required_providers when no lock file is beside: objects, one-line objects, 0.12 strings, other hosts', () => {
    const text = [
      'terraform {',
      '  required_version = ">= 1.5"',
      '  required_providers {',
      '    aws = {',
      '      source  = "hashicorp/aws"',
      '      version = "~> 5.0"',
      '    }',
      '    random = { source = "hashicorp/random", version = "= 3.7.2" }',
      '    tls = "4.0.5"',
      '    corp = {',
      '      source = "registry.corp.example/acme/corp"',
      '    }',
      '  }',
      '}',
      '',
      'provider "aws" {',
      '  region = "eu-west-1"',
      '}',
      '',
    ].join('\n')
    const out = discover(text, 'versions.tf')
    expect(rows(out)).toEqual([
      '4:5 pkg:terraform/registry.terraform.io/hashicorp/aws hashicorp/aws ~> 5.0',
      '8:5 pkg:terraform/registry.terraform.io/hashicorp/random@3.7.2 hashicorp/random = 3.7.2',
      '9:5 pkg:terraform/registry.terraform.io/hashicorp/tls@4.0.5 hashicorp/tls 4.0.5',
      '10:5 pkg:terraform/registry.corp.example/acme/corp registry.corp.example/acme/corp',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '4 required provider aws: version ~> 5.0 is a constraint, and no lock file is beside',
      '10 required provider corp: no version (the newest is taken at each init, and no lock file is beside)',
    ])
    // With .terraform.lock.hcl beside, the lock file gives the providers (terraform-lock): none listed here.
    const locked = discoverer.discover(
      {file: 'infra/versions.tf', text},
      {readText: () => null, exists: (file) => file === 'infra/.terraform.lock.hcl'},
    ) as Required<DiscoverOutput>
    expect(locked.components).toEqual([])
    expect(locked.skipped).toEqual([])
  })
  it("reads a provider source of one name as Terraform does (hashicorp's, on registry.terraform.io) and names what is wrong in bad ones", () => {
    const text = [
      'terraform {',
      '  required_providers {',
      '    random = {',
      '      source  = "random"',
      '      version = "2.2.1"',
      '    }',
      '    under = { source = "example_corp/under_score", version = "1.0.0" }',
      '    bad = { source = "a/b/c/d" }',
      '    prefixed = { source = "example-org/terraform-provider-widget" }',
      '    legacy = { source = "-/aws" }',
      '    dash = { source = "example-/aws" }',
      '  }',
      '}',
      '',
    ].join('\n')
    const out = discover(text, 'versions.tf')
    expect(rows(out)).toEqual([
      '3:5 pkg:terraform/registry.terraform.io/hashicorp/random@2.2.1 random 2.2.1',
      '7:5 pkg:terraform/registry.terraform.io/example_corp/under_score@1.0.0 example_corp/under_score 1.0.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '8 unsupported required provider bad: source a/b/c/d: not a provider address ([HOSTNAME/][NAMESPACE/]TYPE)',
      "9 unsupported required provider prefixed: source example-org/terraform-provider-widget: provider type terraform-provider-widget starts with 'terraform-', which Terraform refuses",
      "10 unsupported required provider legacy: source -/aws: the legacy namespace '-' names no one provider",
      "11 unsupported required provider dash: source example-/aws: provider namespace example- is not valid (letters, digits, '-' and '_')",
    ])
  })

  it('names a git module by its repository whatever the URL form (ssh:// with a user, scp-like, https with a user, a port)', () => {
    const out = discover(
      [
        'module "ssh" {',
        '  source = "git::ssh://git@github.com/example-org/tf-mod.git?ref=v1.2.0"',
        '}',
        'module "scp" {',
        '  source = "git@github.com:example-org/tf-mod.git?ref=v1.2.0"',
        '}',
        'module "https_user" {',
        '  source = "git::https://git@bitbucket.org/example-org/tf-mod.git?ref=v1.0.0"',
        '}',
        'module "port" {',
        '  source = "git::ssh://git@git.example.com:2222/team/tf-mod.git//modules/x?ref=v3"',
        '}',
        'module "github_subdirectory" {',
        '  source = "github.com/example-org/tf-mod/modules/x?ref=v1.2.0"',
        '}',
        '',
      ].join('\n'),
    )
    expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.purl}`)).toEqual([
      '2:13 github.com/example-org/tf-mod pkg:terraform/github.com/example-org/tf-mod?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Ftf-mod.git%40v1.2.0',
      '5:13 github.com/example-org/tf-mod pkg:terraform/github.com/example-org/tf-mod?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Ftf-mod.git%40v1.2.0',
      '8:13 bitbucket.org/example-org/tf-mod pkg:terraform/bitbucket.org/example-org/tf-mod?vcs_url=git%2Bhttps%3A%2F%2Fgit%40bitbucket.org%2Fexample-org%2Ftf-mod.git%40v1.0.0',
      '11:13 git.example.com/team/tf-mod pkg:terraform/git.example.com/team/tf-mod?vcs_url=git%2Bssh%3A%2F%2Fgit%40git.example.com%3A2222%2Fteam%2Ftf-mod.git%40v3',
      '14:13 github.com/example-org/tf-mod pkg:terraform/github.com/example-org/tf-mod?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ftf-mod.git%40v1.2.0',
    ])
    expect(out.skipped).toEqual([])
  })

  it('says why a source is not read: a malformed registry address, a Bitbucket path without //, a bucket', () => {
    const out = discover(
      [
        'module "consul" {',
        '  source  = "consul/aws"',
        '  version = "0.1.0"',
        '}',
        'module "bitbucket" {',
        '  source = "bitbucket.org/example-org/example.git/terraform?ref=v1.0.0"',
        '}',
        'module "bucket" {',
        '  source = "s3::https://s3-eu-west-1.amazonaws.com/example-modules/vpc.zip"',
        '}',
        '',
      ].join('\n'),
    )
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '2 unsupported module "consul": source consul/aws is not a module source Terraform reads: a local path starts with ./ or ../, a registry address is [HOST/]NAMESPACE/NAME/PROVIDER, anything else is a URL',
      '6 unsupported module "bitbucket": source bitbucket.org/example-org/example.git/terraform?ref=v1.0.0: Terraform reads the whole path as one repository, https://bitbucket.org/example-org/example.git/terraform.git, not OWNER/REPO (a subdirectory follows \'//\'): not read',
      '9 unsupported module "bucket": source s3::https://s3-eu-west-1.amazonaws.com/example-modules/vpc.zip (an archive, a bucket or another VCS) is not read',
    ])
  })

  it('merges override files as Terraform does: what they replace is listed at the override, the replaced value nowhere', () => {
    const files: Record<string, string> = {
      'infra/main.tf': [
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "5.0.0"',
        '}',
        'module "dns" {',
        '  source  = "example-org/dns/aws"',
        '  version = "1.0.0"',
        '}',
        'module "kept" {',
        '  source  = "example-org/kept/aws"',
        '  version = "2.0.0"',
        '}',
        'module "inputs" {',
        '  source  = "example-org/inputs/aws"',
        '  version = "3.0.0"',
        '}',
        '',
      ].join('\n'),
      'infra/versions.tf': [
        'terraform {',
        '  required_providers {',
        '    aws  = { source = "hashicorp/aws", version = "= 5.0.0" }',
        '    time = { source = "hashicorp/time", version = "= 0.13.1" }',
        '  }',
        '}',
        '',
      ].join('\n'),
      // Applied in the lexical order of their names: a_override.tf, then override.tf, then z_override.tf.json.
      'infra/a_override.tf': [
        'module "vpc" {',
        '  source = "git::https://git.example.com/vpc.git?ref=v6"',
        '}',
        'module "dns" {',
        '  version = "1.5.0"',
        '}',
        'module "inputs" {',
        '  cidr = "10.0.0.0/16"',
        '}',
        'module "orphan" {',
        '  source = "example-org/orphan/aws"',
        '}',
        'terraform {',
        '  required_providers {',
        '    aws = { source = "hashicorp/aws", version = "= 5.1.0" }',
        '  }',
        '}',
        '',
      ].join('\n'),
      'infra/override.tf': 'module "dns" {\n  version = "1.6.0"\n}\n',
      'infra/z_override.tf.json':
        '{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "= 5.2.0"}}}}',
    }
    const context = {
      readText: (file: string) => files[file] ?? null,
      listDir: (dir: string) =>
        dir === 'infra'
          ? Object.keys(files)
              .map((file) => file.slice('infra/'.length))
              .sort()
          : null,
    }
    const run = (file: string) => discoverer.discover({file, text: files[file]}, context) as Required<DiscoverOutput>
    // The originals keep what no override replaces: an override that sets neither source nor version changes nothing.
    expect(rows(run('infra/main.tf'))).toEqual([
      '10:14 pkg:terraform/registry.terraform.io/example-org/kept/aws@2.0.0 example-org/kept/aws 2.0.0',
      '14:14 pkg:terraform/registry.terraform.io/example-org/inputs/aws@3.0.0 example-org/inputs/aws 3.0.0',
    ])
    expect(rows(run('infra/versions.tf'))).toEqual([
      '4:5 pkg:terraform/registry.terraform.io/hashicorp/time@0.13.1 hashicorp/time = 0.13.1',
    ])
    // The source replaced (the original's version 5.0.0 kept: Terraform merges argument by argument).
    const first = run('infra/a_override.tf')
    expect(rows(first)).toEqual([
      '2:13 pkg:terraform/git.example.com/vpc?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fvpc.git%40v6 git::https://git.example.com/vpc.git?ref=v6 5.0.0',
    ])
    expect(first.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '10 unsupported module "orphan" overrides no module block of the folder\'s other files (Terraform refuses it: "Missing base module block for override"): not read',
    ])
    // The last override of a version lists the call, at its version, with the original's source.
    expect(rows(run('infra/override.tf'))).toEqual([
      '2:14 pkg:terraform/registry.terraform.io/example-org/dns/aws@1.6.0 example-org/dns/aws 1.6.0',
    ])
    // A provider entry replaced whole, by the last override that names it.
    expect(rows(run('infra/z_override.tf.json'))).toEqual([
      '1:39 pkg:terraform/registry.terraform.io/hashicorp/aws@5.2.0 hashicorp/aws = 5.2.0',
    ])
    expect(discoverer.matches('infra/z_override.tf.json')).toBe(true)
  })
})
