// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {rm} from 'node:fs/promises'
import {afterAll, describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'
import {makeTree} from './tree.js'

interface Row {
  purl?: string
  ref: string
  locations: Array<{file: string; line: number; column?: number}>
}

/**
 * Files the real-world review of dependabot-core's and renovate's fixtures found refused or misnamed (fictional
 * copies of their shapes): each is read, none is an error, exit 0.
 */
const files: Record<string, string> = {
  'maven/pom.xml': `<project>
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>
  <artifactId>service</artifactId>
  <dependencies>
    <dependency><groupId>\${corp.group}</groupId><artifactId>corp-utils</artifactId></dependency>
  </dependencies>
</project>
`,
  'conan/conanfile.txt': '[requires]\ncairo/1.17.2@_/_#aff2d03608351db075ec1348a3afc9ff\nzlib/1.3.1@_/_\n',
  'terraform/main.tf': [
    'terraform {',
    '  required_providers {',
    '    random = {',
    '      source  = "random"',
    '      version = "2.2.1"',
    '    }',
    '  }',
    '}',
    'module "ssh" {',
    '  source = "git::ssh://git@github.com/example-org/tf-mod.git?ref=v1.2.0"',
    '}',
    'module "scp" {',
    '  source = "git@github.com:example-org/tf-mod.git?ref=v1.2.0"',
    '}',
    '',
  ].join('\n'),
  'web/package.json': '{\n  "name": "web",\n  "private": true,\n  "packageManager": "yarn@3.2"\n}\n',
  'empty-lock/package-lock.json': '{\n  "name": "empty",\n  "version": "1.0.0",\n  "lockfileVersion": 2\n}\n',
  'git-lock/package-lock.json': `{
  "name": "git-lock",
  "version": "1.0.0",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": {"name": "git-lock", "version": "1.0.0", "dependencies": {"widget": "example-org/widget#v3.1.0"}},
    "node_modules/widget": {
      "resolved": "git+ssh://git@github.com/example-org/widget.git#0123456789abcdef0123456789abcdef01234567"
    }
  }
}
`,
}

describe('stewards inventory: files the fixtures review found refused or misnamed', () => {
  let dir = ''
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it('--json reads them all: no error, exit 0, the components and skips as the tools read them', async () => {
    dir = await makeTree(files)
    const json = await inventoryJson(dir)
    expect(json.files).toBe(Object.keys(files).length)
    expect(
      json.components.map(
        (c: Row) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.purl}`,
      ),
    ).toEqual([
      'conan/conanfile.txt:2:1 pkg:conan/cairo@1.17.2?rrev=aff2d03608351db075ec1348a3afc9ff',
      // The ssh:// form with its user and the scp-like form: one repository, one name.
      'terraform/main.tf:10:13 pkg:terraform/github.com/example-org/tf-mod?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Ftf-mod.git%40v1.2.0',
      'terraform/main.tf:13:13 pkg:terraform/github.com/example-org/tf-mod?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Ftf-mod.git%40v1.2.0',
      'maven/pom.xml:3:3 pkg:maven/org.example/corp-parent@7?type=pom',
      'terraform/main.tf:3:5 pkg:terraform/registry.terraform.io/hashicorp/random@2.2.1',
      'git-lock/package-lock.json:8:5 pkg:npm/widget?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Fwidget.git%230123456789abcdef0123456789abcdef01234567',
      'conan/conanfile.txt:3:1 pkg:conan/zlib@1.3.1',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string; message: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message}`,
      ),
    ).toEqual([
      'maven/pom.xml:3 missing-resource parent org.example:corp-parent:7 is not in the tree (relativePath ../pom.xml): the properties and versions it defines are unknown',
      'maven/pom.xml:6 unset-variable dependency ${corp.group}:corp-utils: groupId ${corp.group} names a property that is not defined here (it may come from parent org.example:corp-parent:7, not in the tree); not listed',
      "web/package.json:4 unresolved-version packageManager: 'yarn@3.2': yarn with 3.2, not one exact version (Corepack refuses it when it runs; npm ignores the field): not listed",
    ])
  })
})
