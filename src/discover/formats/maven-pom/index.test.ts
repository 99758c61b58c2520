// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {decodeText} from '../../decode.js'
import {discoverer, managedWork} from './index.js'

function discover(
  text: string,
  files: Record<string, string> = {},
  file = 'service/pom.xml',
  readText: (file: string) => string | null = (f) => files[f] ?? null,
) {
  return discoverer.discover({file, text}, {readText}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line} ${c.ref} ${c.version ?? '-'} ${c.scope} ${c.purl}`)

const parent = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>parent</artifactId>
  <version>2.0.0</version>
  <packaging>pom</packaging>
  <properties>
    <jackson.version>2.17.1</jackson.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.slf4j</groupId>
        <artifactId>slf4j-api</artifactId>
        <version>2.0.13</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
</project>
`

describe('maven-pom', () => {
  it('interpolates properties from the file and its in-tree parent, applies managed versions, maps scopes', () => {
    const out = discover(
      `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.example</groupId>
    <artifactId>parent</artifactId>
    <version>2.0.0</version>
  </parent>
  <artifactId>service</artifactId>
  <properties>
    <guava.version>33.2.1-jre</guava.version>
    <junit.version>5.10.2</junit.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>\${guava.version}</version>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>\${jackson.version}</version>
      <optional>true</optional>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
    </dependency>
    <dependency>
      <groupId>\${project.groupId}</groupId>
      <artifactId>common</artifactId>
      <version>\${project.version}</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter-api</artifactId>
      <version>\${junit.version}</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>ranged</artifactId>
      <version>[1.0,2.0)</version>
    </dependency>
  </dependencies>
</project>
`,
      {'pom.xml': parent},
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '15 com.google.guava:guava:33.2.1-jre 33.2.1-jre prod pkg:maven/com.google.guava/guava@33.2.1-jre',
      '20 com.fasterxml.jackson.core:jackson-databind:2.17.1 2.17.1 optional pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1',
      '26 org.slf4j:slf4j-api:2.0.13 2.0.13 prod pkg:maven/org.slf4j/slf4j-api@2.0.13',
      '30 com.example:common:2.0.0 2.0.0 prod pkg:maven/com.example/common@2.0.0',
      '35 org.junit.jupiter:junit-jupiter-api:5.10.2 5.10.2 dev pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.2',
      '41 org.example:ranged:[1.0,2.0) - prod pkg:maven/org.example/ranged',
    ])
  })

  it('reports a parent and a BOM that are not in the tree, lists them, and guesses no version', () => {
    const out = discover(`<project>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.0</version>
    <relativePath/>
  </parent>
  <artifactId>app</artifactId>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.cloud</groupId>
        <artifactId>spring-cloud-dependencies</artifactId>
        <version>2023.0.2</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>lib</artifactId>
      <version>\${lib.version}</version>
    </dependency>
  </dependencies>
</project>
`)
    expect(rows(out)).toEqual([
      '2 org.springframework.boot:spring-boot-starter-parent:3.3.0 3.3.0 prod pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.3.0?type=pom',
      '11 org.springframework.cloud:spring-cloud-dependencies:2023.0.2 2023.0.2 prod pkg:maven/org.springframework.cloud/spring-cloud-dependencies@2023.0.2?type=pom',
      '21 org.springframework.boot:spring-boot-starter-web - prod pkg:maven/org.springframework.boot/spring-boot-starter-web',
      '25 org.example:lib:${lib.version} - prod pkg:maven/org.example/lib',
    ])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        2,
        'missing-resource',
        'parent org.springframework.boot:spring-boot-starter-parent:3.3.0 is not in the tree: the properties and versions it defines are unknown',
      ],
      [
        11,
        'missing-resource',
        'imported BOM org.springframework.cloud:spring-cloud-dependencies:2023.0.2 is not read: the versions it manages are unknown',
      ],
      [
        21,
        'unresolved-version',
        'org.springframework.boot:spring-boot-starter-web: no version here (it may come from parent org.springframework.boot:spring-boot-starter-parent:3.3.0, BOM org.springframework.cloud:spring-cloud-dependencies:2023.0.2, not in the tree)',
      ],
      [
        25,
        'unresolved-version',
        'org.example:lib: version ${lib.version} names a property that is not defined here (it may come from parent org.springframework.boot:spring-boot-starter-parent:3.3.0, BOM org.springframework.cloud:spring-cloud-dependencies:2023.0.2, not in the tree)',
      ],
    ])
  })

  it('says a version whose properties expand past the limit is not read, not that a property is undefined', () => {
    const props =
      Array.from({length: 20}, (_, i) => `<p${i}>\${p${i + 1}}\${p${i + 1}}</p${i}>`).join('') + '<p20>x</p20>'
    const out = discover(
      `<project><groupId>g</groupId><artifactId>root</artifactId><version>1</version><properties>${props}<q>\${nowhere}</q></properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>\${p0}</version></dependency><dependency><groupId>g</groupId><artifactId>b</artifactId><version>\${q}</version></dependency></dependencies></project>`,
    )
    expect(out.skipped.map((s) => s.message.replace(/version .* (expands|names)/, 'version … $1'))).toEqual([
      'g:a: version … expands past 10 rounds of properties or 4096 characters; not read',
      'g:b: version … names a property that is not defined here',
    ])
  })

  it('refuses DOCTYPEs and entity tricks, and reports bad XML at its line', () => {
    const bomb = discover(
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<project><artifactId>&lol2;</artifactId></project>\n',
    )
    expect(bomb.components).toEqual([])
    expect(bomb.errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-xml', 2, 'a DOCTYPE is not allowed in pom.xml'],
    ])
    const broken = discover('<project>\n  <dependencies>\n    <dependency>\n  </project>\n')
    expect(broken.errors.map((e) => [e.code, e.line])).toEqual([['invalid-xml', 4]])
    const external = discover('<project><artifactId>&xxe;</artifactId></project>')
    expect(external.errors.map((e) => e.code)).toEqual(['invalid-xml'])
  })

  it('stops at nesting deeper than 64: the rest of the file is not read (100,000 levels took minutes)', () => {
    // Read to its end, this file takes minutes (the test's timeout); stopped at the limit, milliseconds.
    const n = 200_000
    const deep = discover(`<project>\n<x>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</x></project>\n`)
    expect(deep.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-xml', 2, 'nesting deeper than 64']])
  })

  /** A fixture tree read as the scan reads a tree: files by their path under __fixtures__, null when absent. */
  function fixtureTree(file: string) {
    const read = (path: string) => {
      try {
        return readFileSync(new URL(`__fixtures__/${path}`, import.meta.url), 'utf8')
      } catch {
        return null
      }
    }
    return discover(read(file) ?? '', {}, file, read)
  }

  it('applies a scope dependencyManagement gives to a dependency that sets none (netty: mockito-core is test)', () => {
    const out = fixtureTree('netty/handler-proxy/pom.xml')
    expect(rows(out)).toEqual([
      '15 io.netty:netty-handler:4.2.8.Final-SNAPSHOT 4.2.8.Final-SNAPSHOT prod pkg:maven/io.netty/netty-handler@4.2.8.Final-SNAPSHOT',
      '21 org.mockito:mockito-core:3.6.28 3.6.28 dev pkg:maven/org.mockito/mockito-core@3.6.28',
    ])
    expect(out.skipped).toEqual([])
  })

  it("keeps a dependency's own scope, and matches managed entries by type and classifier as Maven does", () => {
    const out = discover(
      `<project><groupId>org.example</groupId><artifactId>p</artifactId><version>1</version>
<dependencyManagement><dependencies>
<dependency><groupId>org.example</groupId><artifactId>core</artifactId><version>2</version></dependency>
<dependency><groupId>org.example</groupId><artifactId>core</artifactId><version>2</version><classifier>tests</classifier><type>test-jar</type><scope>test</scope></dependency>
<dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>3</version><scope>test</scope></dependency>
</dependencies></dependencyManagement>
<dependencies>
<dependency><groupId>org.example</groupId><artifactId>core</artifactId></dependency>
<dependency><groupId>org.example</groupId><artifactId>core</artifactId><classifier>tests</classifier><type>test-jar</type></dependency>
<dependency><groupId>org.example</groupId><artifactId>lib</artifactId><scope>compile</scope></dependency>
<dependency><groupId>org.example</groupId><artifactId>native</artifactId><version>4</version><classifier>linux-x86_64</classifier></dependency>
<dependency><groupId>org.example</groupId><artifactId>native</artifactId><version>4</version><classifier>\${os.detected.classifier}</classifier></dependency>
<dependency><groupId>org.example</groupId><artifactId>dist</artifactId><version>5</version><type>zip</type></dependency>
</dependencies></project>`,
    )
    expect(rows(out)).toEqual([
      '8 org.example:core:2 2 prod pkg:maven/org.example/core@2',
      '9 org.example:core:2 2 dev pkg:maven/org.example/core@2?classifier=tests&type=test-jar',
      '10 org.example:lib:3 3 prod pkg:maven/org.example/lib@3',
      '11 org.example:native:4 4 prod pkg:maven/org.example/native@4?classifier=linux-x86_64',
      '12 org.example:native:4 4 prod pkg:maven/org.example/native@4',
      '13 org.example:dist:5 5 prod pkg:maven/org.example/dist@5?type=zip',
    ])
    expect(out.skipped).toEqual([])
  })

  it('reports versionless dependencies a BOM imported by an in-tree parent may manage, and those nothing manages', () => {
    const parentPom = `<project><groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version>
<dependencyManagement><dependencies>
<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>3.4.9</version><type>pom</type><scope>import</scope></dependency>
</dependencies></dependencyManagement></project>`
    const child = `<project><parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1</version></parent>
<artifactId>child</artifactId>
<dependencies>
<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
</dependencies></project>`
    const out = discover(child, {'pom.xml': parentPom}, 'child/pom.xml')
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        4,
        'unresolved-version',
        'org.springframework.boot:spring-boot-starter-web: no version here (it may come from BOM org.springframework.boot:spring-boot-dependencies:3.4.9, not in the tree)',
      ],
    ])
    // The BOM is the parent's to report and list, not the child's.
    expect(rows(out)).toEqual([
      '4 org.springframework.boot:spring-boot-starter-web - prod pkg:maven/org.springframework.boot/spring-boot-starter-web',
    ])
    const alone = discover(
      '<project><groupId>org.example</groupId><artifactId>a</artifactId><version>1</version>\n<dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency></dependencies></project>',
    )
    expect(alone.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        2,
        'unresolved-version',
        'junit:junit: no version, and no dependencyManagement here or in an in-tree parent or BOM gives one',
      ],
    ])
  })

  it('reads a BOM that is a module of the tree (jenkins: cli imports jenkins-bom, bom/pom.xml)', () => {
    const out = fixtureTree('jenkins/cli/pom.xml')
    // The versions the in-tree BOM gives are read; they are not taken as known, because the root's parent
    // (org.jenkins-ci:jenkins) is not in the tree, and what a parent manages wins over any import in Maven.
    expect(rows(out)).toEqual([
      '22 commons-io:commons-io - optional pkg:maven/commons-io/commons-io',
      '27 org.jenkins-ci:annotation-indexer - optional pkg:maven/org.jenkins-ci/annotation-indexer',
    ])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message.split(' (')[0]])).toEqual([
      [
        22,
        'unresolved-version',
        'commons-io:commons-io: version 2.22.0 from an in-tree BOM, unless a parent or BOM not read manages it first',
      ],
      [
        27,
        'unresolved-version',
        'org.jenkins-ci:annotation-indexer: version 1.213.v92788b_1f0a_21 from an in-tree BOM, unless a parent or BOM not read manages it first',
      ],
    ])
    expect(out.skipped[0].message).toContain('parent org.jenkins-ci:jenkins:2.1397.v033314c396ee')
    // With every parent in the tree, the in-tree BOM's version is the version.
    const root = `<project><groupId>org.example</groupId><artifactId>root</artifactId><version>1</version>
<modules><module>bom</module><module>app</module></modules></project>`
    const bom = `<project><groupId>org.example</groupId><artifactId>bom</artifactId><version>1</version>
<dependencyManagement><dependencies><dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>7</version></dependency></dependencies></dependencyManagement></project>`
    const app = (
      before: string,
    ) => `<project><groupId>org.example</groupId><artifactId>app</artifactId><version>1</version>
<dependencyManagement><dependencies>${before}<dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
<dependencies><dependency><groupId>org.example</groupId><artifactId>lib</artifactId></dependency></dependencies></project>`
    const files = (before: string): Record<string, string> => ({
      'pom.xml': root,
      'bom/pom.xml': bom,
      'app/pom.xml': app(before),
    })
    const read = (tree: Record<string, string>) => (path: string) => tree[path] ?? null
    const known = discover(app(''), {}, 'app/pom.xml', read(files('')))
    expect(rows(known)).toEqual(['3 org.example:lib:7 7 prod pkg:maven/org.example/lib@7'])
    // A BOM not in the tree imported first wins in Maven if it manages lib: the version is not known.
    const first =
      '<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>3.3.0</version><type>pom</type><scope>import</scope></dependency>'
    const unknown = discover(app(first), {}, 'app/pom.xml', read(files(first)))
    expect(rows(unknown).find((r) => r.includes('org.example:lib'))).toBe(
      '3 org.example:lib - prod pkg:maven/org.example/lib',
    )
  })

  it('reads no BOM of another version, and stops at a BOM that imports itself', () => {
    const root = `<project><groupId>org.example</groupId><artifactId>root</artifactId><version>1</version>
<modules><module>bom</module></modules></project>`
    const bom = (
      version: string,
    ) => `<project><groupId>org.example</groupId><artifactId>bom</artifactId><version>${version}</version>
<dependencyManagement><dependencies>
<dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>${version}</version><type>pom</type><scope>import</scope></dependency>
<dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>7</version></dependency>
</dependencies></dependencyManagement></project>`
    const app = `<project><groupId>org.example</groupId><artifactId>app</artifactId><version>1</version>
<dependencyManagement><dependencies>
<dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>2</version><type>pom</type><scope>import</scope></dependency>
</dependencies></dependencyManagement>
<dependencies><dependency><groupId>org.example</groupId><artifactId>lib</artifactId></dependency></dependencies></project>`
    const same = discover(app, {'pom.xml': root, 'bom/pom.xml': bom('2')}, 'app/pom.xml')
    expect(rows(same)).toEqual(['5 org.example:lib:7 7 prod pkg:maven/org.example/lib@7'])
    expect(same.skipped).toEqual([])
    const other = discover(app, {'pom.xml': root, 'bom/pom.xml': bom('3')}, 'app/pom.xml')
    expect(other.skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'missing-resource'],
      [5, 'unresolved-version'],
    ])
  })

  /** Each file of `order` read with ONE context (as one scan shares it), the outputs by file, as JSON. */
  function scanInOrder(tree: Record<string, string>, order: string[]) {
    const context = {readText: (path: string) => tree[path] ?? null}
    const outputs: Record<string, string> = {}
    for (const file of order) outputs[file] = JSON.stringify(discoverer.discover({file, text: tree[file]}, context))
    return outputs
  }

  /** Every order of the files gives, file by file, the bytes each file gives read alone. */
  function expectOrderFree(tree: Record<string, string>, files: string[]) {
    const alone = Object.fromEntries(files.map((file) => [file, scanInOrder(tree, [file])[file]]))
    expect(scanInOrder(tree, files)).toEqual(alone)
    expect(scanInOrder(tree, [...files].reverse())).toEqual(alone)
    return alone
  }

  const pomOf = (artifactId: string, body: string) =>
    `<project><groupId>com.example</groupId><artifactId>${artifactId}</artifactId><version>1</version>\n${body}</project>`
  const importOf = (artifactId: string) =>
    `<dependency><groupId>com.example</groupId><artifactId>${artifactId}</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>`
  const managing = (entries: string) =>
    `<dependencyManagement><dependencies>${entries}</dependencies></dependencyManagement>\n`
  const usesLib = (...names: string[]) =>
    `<dependencies>${names.map((name) => `<dependency><groupId>com.example</groupId><artifactId>${name}</artifactId></dependency>`).join('')}</dependencies>\n`
  const managedLib = (name: string, version: string) =>
    `<dependency><groupId>com.example</groupId><artifactId>${name}</artifactId><version>${version}</version></dependency>`

  it('gives each POM the same output whichever POM of the tree is read first (BOMs imported at different depths)', () => {
    // b1 imports b2 ... imports b5, which manages lib. app imports b1: b5 is past the 4 levels of BOMs read, so
    // lib's version is unknown to app. app2 imports b4 directly: b5 is 2 levels down, lib is 7. The BOM b4 read
    // for app (its imports not followed) was kept for app2 too, and the other way round.
    const tree: Record<string, string> = {
      'pom.xml': pomOf(
        'root',
        '<modules><module>b1</module><module>b2</module><module>b3</module><module>b4</module><module>b5</module><module>app</module><module>app2</module></modules>\n',
      ),
      'b5/pom.xml': pomOf('b5', managing(managedLib('lib', '7'))),
      'app/pom.xml': pomOf('app', managing(importOf('b1')) + usesLib('lib')),
      'app2/pom.xml': pomOf('app2', managing(importOf('b4')) + usesLib('lib')),
    }
    for (let i = 1; i <= 4; i++) tree[`b${i}/pom.xml`] = pomOf(`b${i}`, managing(importOf(`b${i + 1}`)))
    const alone = expectOrderFree(tree, ['app/pom.xml', 'app2/pom.xml'])
    const versionOfLib = (file: string) =>
      (JSON.parse(alone[file]) as Required<DiscoverOutput>).components.find((c) => c.name === 'com.example:lib')
        ?.version
    expect(versionOfLib('app/pom.xml')).toBeUndefined()
    expect((JSON.parse(alone['app/pom.xml']) as Required<DiscoverOutput>).skipped.map((s) => s.message)).toEqual([
      'com.example:lib: no version here (it may come from BOM com.example:b5:1, in the tree, past 4 levels of BOM imports: not read)',
    ])
    expect(versionOfLib('app2/pom.xml')).toBe('7')
  })

  it('gives each POM the same output whichever POM of the tree is read first (BOMs importing each other)', () => {
    // a imports b and b imports a (Maven refuses such a cycle): what each app gets does not depend on which was
    // read first, the cycle being cut where it closes as seen from each BOM, not from the first POM read.
    const tree: Record<string, string> = {
      'pom.xml': pomOf(
        'root',
        '<modules><module>a</module><module>b</module><module>app1</module><module>app2</module></modules>\n',
      ),
      'a/pom.xml': pomOf('a', managing(managedLib('x', '1') + importOf('b'))),
      'b/pom.xml': pomOf('b', managing(managedLib('y', '2') + importOf('a'))),
      'app1/pom.xml': pomOf('app1', managing(importOf('a')) + usesLib('x', 'y')),
      'app2/pom.xml': pomOf('app2', managing(importOf('b')) + usesLib('x', 'y')),
    }
    const alone = expectOrderFree(tree, ['app1/pom.xml', 'app2/pom.xml', 'a/pom.xml', 'b/pom.xml'])
    for (const file of ['app1/pom.xml', 'app2/pom.xml'])
      expect(
        (JSON.parse(alone[file]) as Required<DiscoverOutput>).components.map((c) => `${c.name}@${c.version}`),
      ).toEqual(['com.example:x@1', 'com.example:y@2'])
    // Read as a module of its own, a's import of b leads back to a: b is not read there, and says why.
    const a = discover(
      `${tree['a/pom.xml'].replace('</project>', '')}${usesLib('x', 'y')}</project>`,
      {},
      'a/pom.xml',
      (path) => tree[path] ?? null,
    )
    expect(rows(a)).toEqual([
      '3 com.example:x:1 1 prod pkg:maven/com.example/x@1',
      '3 com.example:y - prod pkg:maven/com.example/y',
    ])
    expect(a.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        2,
        'missing-resource',
        'imported BOM com.example:b:1 imports this POM back, an import cycle (which Maven refuses): it is not read, the versions it manages are unknown',
      ],
      [
        3,
        'unresolved-version',
        'com.example:y: no version here (it may come from BOM com.example:b:1, in the tree, an import cycle (which Maven refuses): not read)',
      ],
    ])
  })

  it('gives every POM the same output in every order of a tangled tree (chains, cycles, shared BOMs)', () => {
    // A fixed pseudo-random tree: 8 BOMs importing one another (chains past the depth limit, cycles, self-imports),
    // 6 modules importing some of them; each managing an artifact of its own that every module uses.
    let seed = 7
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      // The high bits: the low ones of this generator repeat every few draws.
      return Math.floor(seed / 65536) % n
    }
    const tree: Record<string, string> = {}
    const names = Array.from({length: 8}, (_, i) => `bom${i}`)
    for (const name of names) {
      const imports = Array.from({length: 1 + next(3)}, () => importOf(names[next(names.length)]))
      tree[`${name}/pom.xml`] = pomOf(name, managing(managedLib(`of-${name}`, `1.${next(9)}`) + imports.join('')))
    }
    const apps = Array.from({length: 6}, (_, i) => `app${i}`)
    for (const app of apps)
      tree[`${app}/pom.xml`] = pomOf(
        app,
        managing(importOf(names[next(names.length)]) + importOf(names[next(names.length)])) +
          usesLib(...names.map((name) => `of-${name}`)),
      )
    tree['pom.xml'] = pomOf(
      'root',
      `<modules>${[...names, ...apps].map((m) => `<module>${m}</module>`).join('')}</modules>\n`,
    )
    const files = Object.keys(tree).filter((file) => file !== 'pom.xml')
    const alone = expectOrderFree(tree, files)
    for (let round = 0; round < 4; round++) {
      const order = [...files]
      for (let i = order.length - 1; i > 0; i--) {
        const j = next(i + 1)
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      expect(scanInOrder(tree, order)).toEqual(alone)
    }
  })

  it('takes no in-tree POM of another version as the parent: Maven reads the named one from the repository', () => {
    const parentPom = (version: string, properties = '') =>
      `<project><groupId>com.example</groupId><artifactId>parent</artifactId><version>${version}</version>
<properties><lib.version>7</lib.version>${properties}</properties>
${managing(managedLib('managed', '8'))}</project>`
    const child = (parentVersion: string, properties = '') =>
      `<project><parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>${parentVersion}</version></parent>
<artifactId>child</artifactId><properties>${properties}</properties>
<dependencies><dependency><groupId>com.example</groupId><artifactId>lib</artifactId><version>\${lib.version}</version></dependency>
<dependency><groupId>com.example</groupId><artifactId>managed</artifactId></dependency></dependencies></project>`
    const read = (parentText: string, childText: string) =>
      discover(childText, {'pom.xml': parentText, 'child/pom.xml': childText}, 'child/pom.xml')
    // The child names parent 1.0.0; ../pom.xml is parent 2.0.0: neither its property nor its managed version is taken.
    const skew = read(parentPom('2.0.0'), child('1.0.0'))
    expect(rows(skew)).toEqual([
      '1 com.example:parent:1.0.0 1.0.0 prod pkg:maven/com.example/parent@1.0.0?type=pom',
      '3 com.example:lib:${lib.version} - prod pkg:maven/com.example/lib',
      '4 com.example:managed - prod pkg:maven/com.example/managed',
    ])
    expect(skew.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        1,
        'missing-resource',
        'parent com.example:parent:1.0.0 is not in the tree (pom.xml is version 2.0.0: Maven takes the parent from the repository): the properties and versions it defines are unknown',
      ],
      [
        3,
        'unresolved-version',
        'com.example:lib: version ${lib.version} names a property that is not defined here (it may come from parent com.example:parent:1.0.0, not in the tree)',
      ],
      [
        4,
        'unresolved-version',
        'com.example:managed: no version here (it may come from parent com.example:parent:1.0.0, not in the tree)',
      ],
    ])
    // The same version: the parent, as before. CI friendly versions: `${revision}` written on both sides (Maven 3
    // compares the text), or defined by the child or by the parent for a literal version on the other side.
    const taken = [
      '3 com.example:lib:7 7 prod pkg:maven/com.example/lib@7',
      '4 com.example:managed:8 8 prod pkg:maven/com.example/managed@8',
    ]
    for (const [parentText, childText] of [
      [parentPom('2.0.0'), child('2.0.0')],
      [parentPom('${revision}', '<revision>2.0.0</revision>'), child('${revision}')],
      [parentPom('2.0.0'), child('${revision}', '<revision>2.0.0</revision>')],
      [parentPom('${revision}', '<revision>2.0.0</revision>'), child('2.0.0')],
    ]) {
      const out = read(parentText, childText)
      expect(rows(out)).toEqual(taken)
      expect(out.skipped).toEqual([])
    }
    // A revision that gives another version, and a version range (not checked against the POM's version), do not.
    for (const parentVersion of ['${revision}', '[1.0,3.0)']) {
      const out = read(parentPom('2.0.0'), child(parentVersion, '<revision>1.0.0</revision>'))
      expect(out.skipped.map((s) => s.reason)).toEqual(['missing-resource', 'unresolved-version', 'unresolved-version'])
    }
    // A grandparent of another version: the parent's own values are taken, the grandparent's are unknown.
    const middle = `<project><parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
<artifactId>middle</artifactId><version>3</version><properties><other.version>9</other.version></properties></project>`
    const leaf = `<project><parent><groupId>com.example</groupId><artifactId>middle</artifactId><version>3</version></parent>
<artifactId>leaf</artifactId>
<dependencies><dependency><groupId>com.example</groupId><artifactId>other</artifactId><version>\${other.version}</version></dependency>
<dependency><groupId>com.example</groupId><artifactId>managed</artifactId></dependency></dependencies></project>`
    const deep = discover(leaf, {'pom.xml': parentPom('2.0.0'), 'middle/pom.xml': middle}, 'middle/leaf/pom.xml')
    expect(rows(deep)).toEqual([
      '3 com.example:other:9 9 prod pkg:maven/com.example/other@9',
      '4 com.example:managed - prod pkg:maven/com.example/managed',
    ])
    expect(deep.skipped.map((s) => s.message)).toEqual([
      'com.example:managed: no version here (it may come from parent com.example:parent:1.0.0, not in the tree)',
    ])
  })

  it('reads a POM its XML declaration says is ISO-8859-1 (apache/maven MNG-2254), not as bad UTF-8', () => {
    const decoded = decodeText(readFileSync(new URL('__fixtures__/latin-1.pom.xml', import.meta.url)))
    expect(decoded).toMatchObject({kind: 'text', badLines: []})
    const text = decoded.kind === 'text' ? decoded.text : ''
    expect(text.split('\n')[34]).toBe(
      '  <description>TEST-CHARS: \u00c4\u00d6\u00dc\u00e4\u00f6\u00fc\u00df</description>',
    )
    const out = discover(text, {}, 'pom.xml')
    expect([out.components, out.skipped, out.errors]).toEqual([[], [], []])
  })

  it("names what is not in the tree for each of many modules importing a BOM of thousands of imports (the time is the bench's)", () => {
    // The notes of what is not in the tree were merged with includes() for each module: 2.7 MB took 58 s.
    const imports = Array.from(
      {length: 5000},
      (_, k) =>
        `<dependency><groupId>x</groupId><artifactId>b${k}</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>`,
    ).join('')
    const tree: Record<string, string> = {
      'pom.xml': `<project><groupId>g</groupId><artifactId>root</artifactId><version>1</version><modules><module>bom</module>${Array.from({length: 20}, (_, i) => `<module>m${i}</module>`).join('')}</modules></project>`,
      'bom/pom.xml': `<project><groupId>g</groupId><artifactId>bom</artifactId><version>1</version><dependencyManagement><dependencies>${imports}</dependencies></dependencyManagement></project>`,
    }
    for (let i = 0; i < 20; i++)
      tree[`m${i}/pom.xml`] =
        `<project><groupId>g</groupId><artifactId>m${i}</artifactId><version>1</version><dependencyManagement><dependencies><dependency><groupId>g</groupId><artifactId>bom</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement><dependencies><dependency><groupId>y</groupId><artifactId>lib</artifactId></dependency></dependencies></project>`
    const read = (path: string) => tree[path] ?? null
    for (let i = 0; i < 20; i++) {
      const out = discover(tree[`m${i}/pom.xml`], {}, `m${i}/pom.xml`, read)
      expect(out.skipped.at(-1)?.message).toMatch(
        /^y:lib: no version here \(it may come from BOM x:b0:1, .* and more than 250 more, not in the tree\)$/,
      )
    }
  })

  it('keeps each BOM once, not one union per depth: BOMs importing one another stay linear (counted work)', () => {
    // W BOMs, each managing K artifacts and importing all the others: every lineage was a Map of the union of all,
    // kept at up to 4 depths (3·W²·K entries: 91 POMs of 10 MB ran out of heap). Counted: 18,064 entries put for
    // these 12 × 50 before; now each entry once, plus a step per lineage reached.
    const W = 12
    const K = 50
    const tree: Record<string, string> = {
      'pom.xml': pomOf(
        'root',
        `<modules>${Array.from({length: W}, (_, i) => `<module>b${i}</module>`).join('')}<module>app</module></modules>\n`,
      ),
    }
    for (let i = 0; i < W; i++) {
      const own = Array.from({length: K}, (_, k) => managedLib(`a${i}k${k}`, `${k}`)).join('')
      const imports = Array.from({length: W}, (_, j) => (j === i ? '' : importOf(`b${j}`))).join('')
      tree[`b${i}/pom.xml`] = pomOf(`b${i}`, managing(own + imports))
    }
    tree['app/pom.xml'] = pomOf('app', managing(importOf('b0')) + usesLib('a0k1', `a${W - 1}k7`))
    const files = Object.keys(tree)
    const context = {readText: (path: string) => tree[path] ?? null}
    const outputs = files.map(
      (file) => discoverer.discover({file, text: tree[file]}, context) as Required<DiscoverOutput>,
    )
    expect(managedWork(context)).toBeLessThan(2 * W * K + 2 * (W + 1) * (4 * W + 1))
    const app = outputs[files.indexOf('app/pom.xml')]
    // b0 reads b1; every other BOM it imports leads back to b0 (a cycle, cut there), and says so.
    expect(app.components.map((c) => `${c.name}@${c.version}`)).toEqual([
      'com.example:a0k1@1',
      `com.example:a${W - 1}k7@undefined`,
    ])
    expect(app.skipped.map((s) => s.message)).toEqual([
      `com.example:a${W - 1}k7: version 7 from an in-tree BOM, unless a parent or BOM not read manages it first (it may come from BOM com.example:b2:1, BOM com.example:b3:1, BOM com.example:b4:1, BOM com.example:b5:1, BOM com.example:b6:1, BOM com.example:b7:1 and 5 more, in the tree, an import cycle (which Maven refuses): not read)`,
    ])
  })

  it("looks a BOM's versions up for each dependency, not copying the BOM into every importer (counted work)", () => {
    // One BOM of K artifacts, A modules importing it and using one: each module copied the BOM's whole Map (A × K:
    // 100,000 artifacts and 1,000 modules took 94 s).
    const K = 2000
    const A = 50
    const tree: Record<string, string> = {
      'pom.xml': pomOf(
        'root',
        `<modules><module>bom</module>${Array.from({length: A}, (_, i) => `<module>m${i}</module>`).join('')}</modules>\n`,
      ),
      'bom/pom.xml': pomOf('bom', managing(Array.from({length: K}, (_, k) => managedLib(`k${k}`, `${k}`)).join(''))),
    }
    for (let i = 0; i < A; i++) tree[`m${i}/pom.xml`] = pomOf(`m${i}`, managing(importOf('bom')) + usesLib(`k${i}`))
    const context = {readText: (path: string) => tree[path] ?? null}
    for (let i = 0; i < A; i++) {
      const file = `m${i}/pom.xml`
      const out = discoverer.discover({file, text: tree[file]}, context) as Required<DiscoverOutput>
      expect(out.components.map((c) => `${c.name}@${c.version}`)).toEqual([`com.example:k${i}@${i}`])
    }
    expect(managedWork(context)).toBeLessThan(K + 10 * A)
  })

  it('says nothing of a BOM it read when a cycle below it was cut, and keeps the versions after it', () => {
    // a manages x and imports b; b imports a and manages y; d manages z. app imports a, then d. b's lineage cut
    // its import of a (the cycle): a's lineage then named a itself as not read, so z (from d, after a) was
    // dropped as uncertain and the note was false.
    const tree: Record<string, string> = {
      'pom.xml': pomOf(
        'root',
        '<modules><module>a</module><module>b</module><module>d</module><module>app</module></modules>\n',
      ),
      'a/pom.xml': pomOf('a', managing(managedLib('x', '1') + importOf('b'))),
      'b/pom.xml': pomOf('b', managing(importOf('a') + managedLib('y', '2'))),
      'd/pom.xml': pomOf('d', managing(managedLib('z', '5'))),
      'app/pom.xml': pomOf('app', managing(importOf('a') + importOf('d')) + usesLib('x', 'y', 'z')),
    }
    const alone = expectOrderFree(tree, Object.keys(tree))
    const app = JSON.parse(alone['app/pom.xml']) as Required<DiscoverOutput>
    expect(app.components.map((c) => `${c.name}@${c.version}`)).toEqual([
      'com.example:x@1',
      'com.example:y@2',
      'com.example:z@5',
    ])
    expect(app.skipped).toEqual([])
  })

  it('tells two imported BOMs apart by their whole versions, however long (a message elides them, not the lookup)', () => {
    // Two versions of one BOM, 103 characters each, that differ only where a message elides them: the second import
    // was skipped as the first again, so `late` gave y its version (Maven takes the second BOM's 2.0).
    const base = `1.${'0'.repeat(60)}`
    const [v1, v2] = [`${base}1${'0'.repeat(40)}`, `${base}2${'0'.repeat(40)}`]
    const bomAt = (artifactId: string, version: string, entries: string) =>
      `<project><groupId>com.example</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>${managing(entries)}</project>`
    const importAt = (artifactId: string, version: string) =>
      `<dependency><groupId>com.example</groupId><artifactId>${artifactId}</artifactId><version>${version}</version><type>pom</type><scope>import</scope></dependency>`
    const tree: Record<string, string> = {
      'pom.xml': pomOf('root', '<modules><module>bom1</module><module>bom2</module><module>late</module></modules>\n'),
      'bom1/pom.xml': bomAt('bom', v1, managedLib('other', '9')),
      'bom2/pom.xml': bomAt('bom', v2, managedLib('y', '2.0')),
      'late/pom.xml': bomAt('late', '1', managedLib('y', '3.0')),
      'app/pom.xml': `<project><parent><groupId>com.example</groupId><artifactId>root</artifactId><version>1</version></parent><artifactId>app</artifactId>${managing(importAt('bom', v1) + importAt('bom', v2) + importAt('late', '1'))}${usesLib('y')}</project>`,
    }
    const out = discover(tree['app/pom.xml'], tree, 'app/pom.xml')
    expect(out.components.find((c) => c.name === 'com.example:y')?.version).toBe('2.0')
  })

  it('reports a version that is neither exact nor a range, also from a property or a BOM', () => {
    const long = `1.0.${'0'.repeat(140)}`
    const tree: Record<string, string> = {
      'pom.xml': pomOf('root', '<modules><module>bom</module></modules>\n'),
      'bom/pom.xml': pomOf('bom', managing(managedLib('managed', '2 final'))),
    }
    const app = pomOf(
      'app',
      `<properties><p>1.0;$(id)</p><r>[1.0,2.0)</r></properties>
${managing(importOf('bom'))}<dependencies>
<dependency><groupId>com.example</groupId><artifactId>sp</artifactId><version>1.0 beta</version></dependency>
<dependency><groupId>com.example</groupId><artifactId>long</artifactId><version>${long}</version></dependency>
<dependency><groupId>com.example</groupId><artifactId>prop</artifactId><version>\${p}</version></dependency>
<dependency><groupId>com.example</groupId><artifactId>managed</artifactId></dependency>
<dependency><groupId>com.example</groupId><artifactId>range</artifactId><version>\${r}</version></dependency>
</dependencies>\n`,
    )
    const out = discover(app, tree, 'app/pom.xml')
    expect(rows(out)).toEqual([
      '5 com.example:sp:1.0 beta - prod pkg:maven/com.example/sp',
      `6 com.example:long:${long} - prod pkg:maven/com.example/long`,
      '7 com.example:prop:1.0;$(id) - prod pkg:maven/com.example/prop',
      '8 com.example:managed:2 final - prod pkg:maven/com.example/managed',
      '9 com.example:range:[1.0,2.0) - prod pkg:maven/com.example/range',
    ])
    const exact = '(only letters, digits and . _ + -, at most 128 characters): listed without a version'
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [5, 'unresolved-version', `com.example:sp: version 1.0 beta is not an exact version ${exact}`],
      [6, 'unresolved-version', `com.example:long: version ${long} is not an exact version ${exact}`],
      [7, 'unresolved-version', `com.example:prop: version 1.0;$(id) is not an exact version ${exact}`],
      [8, 'unresolved-version', `com.example:managed: version 2 final is not an exact version ${exact}`],
    ])
  })

  it("lists the build's plugins, their dependencies and extensions (dev), plugin versions from pluginManagement here or in an in-tree parent", () => {
    const parentWithPlugins = parent.replace(
      '</project>',
      `  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <artifactId>maven-surefire-plugin</artifactId>
          <version>3.2.5</version>
        </plugin>
        <plugin>
          <artifactId>maven-compiler-plugin</artifactId>
          <version>3.0</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>`,
    )
    const out = discover(
      `<project>
  <parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>2.0.0</version></parent>
  <artifactId>service</artifactId>
  <properties><shade.version>3.5.3</shade.version></properties>
  <build>
    <extensions>
      <extension><groupId>kr.motd.maven</groupId><artifactId>os-maven-plugin</artifactId><version>1.7.1</version></extension>
    </extensions>
    <pluginManagement>
      <plugins>
        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
        <plugin><artifactId>maven-deploy-plugin</artifactId><version>3.1.2</version></plugin>
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>\${shade.version}</version>
        <dependencies>
          <dependency><groupId>org.ow2.asm</groupId><artifactId>asm</artifactId><version>9.7</version></dependency>
        </dependencies>
      </plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId></plugin>
      <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>\${exec.version}</version></plugin>
      <plugin><groupId>org.example</groupId></plugin>
    </plugins>
  </build>
  <profiles>
    <profile>
      <build><plugins><plugin><artifactId>maven-gpg-plugin</artifactId><version>3.2.4</version></plugin></plugins></build>
    </profile>
  </profiles>
</project>
`,
      {'pom.xml': parentWithPlugins},
    )
    expect(rows(out)).toEqual([
      '16 org.apache.maven.plugins:maven-shade-plugin:3.5.3 3.5.3 dev pkg:maven/org.apache.maven.plugins/maven-shade-plugin@3.5.3',
      // The file's own pluginManagement wins over its parent's (3.0).
      '24 org.apache.maven.plugins:maven-compiler-plugin:3.13.0 3.13.0 dev pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.13.0',
      '25 org.apache.maven.plugins:maven-surefire-plugin:3.2.5 3.2.5 dev pkg:maven/org.apache.maven.plugins/maven-surefire-plugin@3.2.5',
      '26 org.apache.maven.plugins:maven-jar-plugin - dev pkg:maven/org.apache.maven.plugins/maven-jar-plugin',
      '27 org.codehaus.mojo:exec-maven-plugin:${exec.version} - dev pkg:maven/org.codehaus.mojo/exec-maven-plugin',
      // A profile's plugin, as the build's are.
      '33 org.apache.maven.plugins:maven-gpg-plugin:3.2.4 3.2.4 dev pkg:maven/org.apache.maven.plugins/maven-gpg-plugin@3.2.4',
      // Extensions after the plugins (the inventory sorts them all).
      '7 kr.motd.maven:os-maven-plugin:1.7.1 1.7.1 dev pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1',
      // The shade plugin's own dependency (its classpath), not the project's.
      '21 org.ow2.asm:asm:9.7 9.7 dev pkg:maven/org.ow2.asm/asm@9.7',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'maven')).toBe(true)
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        26,
        'unresolved-version',
        "org.apache.maven.plugins:maven-jar-plugin: build plugin without a version here or in an in-tree parent's pluginManagement: Maven picks its own default for the release that builds",
      ],
      [
        27,
        'unresolved-version',
        'org.codehaus.mojo:exec-maven-plugin: version ${exec.version} names a property that is not defined here',
      ],
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [28, 'invalid-entry', 'build plugin without a valid groupId and artifactId'],
    ])
  })

  it('says a plugin version may come from a parent that is not in the tree', () => {
    const out = discover(`<project>
  <parent><groupId>org.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>
  <artifactId>service</artifactId>
  <build><plugins><plugin><artifactId>maven-jar-plugin</artifactId></plugin></plugins></build>
</project>
`)
    expect(rows(out)).toEqual([
      '2 org.example:corp-parent:7 7 prod pkg:maven/org.example/corp-parent@7?type=pom',
      '4 org.apache.maven.plugins:maven-jar-plugin - dev pkg:maven/org.apache.maven.plugins/maven-jar-plugin',
    ])
    expect(out.skipped.map((s) => s.message)).toContain(
      "org.apache.maven.plugins:maven-jar-plugin: build plugin without a version here or in an in-tree parent's pluginManagement (it may come from parent org.example:corp-parent:7, not in the tree): Maven picks its own default for the release that builds",
    )
  })

  it('skips a dependency or plugin whose groupId or artifactId names a property not defined here, naming it and the parent not in the tree', () => {
    const out = discover(`<project>
  <parent><groupId>org.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>
  <artifactId>service</artifactId>
  <dependencies>
    <dependency><groupId>\${corp.group}</groupId><artifactId>corp-utils</artifactId></dependency>
    <dependency><groupId>org.example</groupId><artifactId>\${corp.artifact}-api</artifactId><version>1.0.0</version></dependency>
    <dependency><groupId>org.example</groupId><artifactId>bad id!</artifactId><version>1.0.0</version></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>\${plugin.group}</groupId><artifactId>corp-plugin</artifactId><version>1.0.0</version></plugin></plugins></build>
</project>
`)
    expect(rows(out)).toEqual(['2 org.example:corp-parent:7 7 prod pkg:maven/org.example/corp-parent@7?type=pom'])
    expect(out.skipped.filter((s) => s.reason === 'unset-variable').map((s) => [s.line, s.message])).toEqual([
      [
        5,
        'dependency ${corp.group}:corp-utils: groupId ${corp.group} names a property that is not defined here (it may come from parent org.example:corp-parent:7, not in the tree); not listed',
      ],
      [
        6,
        'dependency org.example:${corp.artifact}-api: artifactId ${corp.artifact}-api names a property that is not defined here (it may come from parent org.example:corp-parent:7, not in the tree); not listed',
      ],
      [
        9,
        'build plugin ${plugin.group}:corp-plugin: groupId ${plugin.group} names a property that is not defined here (it may come from parent org.example:corp-parent:7, not in the tree); not listed',
      ],
    ])
    // An id that is not a property and not valid stays an error, at its line and column.
    expect(out.errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual([
      [7, 5, 'invalid-entry', 'dependency without a valid groupId and artifactId'],
    ])
  })

  it('skips ids that are @name@ placeholders (a POM template filled in before Maven reads it), naming them', () => {
    const out = discover(`<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>it</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>@project.groupId@</groupId><artifactId>lib</artifactId><version>1.0</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>@project.groupId@</groupId><artifactId>@project.artifactId@</artifactId></plugin>
    </plugins>
  </build>
</project>
`)
    expect(out.errors).toEqual([])
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        7,
        'unset-variable',
        'dependency @project.groupId@:lib: groupId @project.groupId@ is a placeholder filled in before Maven reads the file (resource filtering, maven-invoker-plugin); not listed',
      ],
      [
        11,
        'unset-variable',
        'build plugin @project.groupId@:@project.artifactId@: groupId @project.groupId@ is a placeholder filled in before Maven reads the file (resource filtering, maven-invoker-plugin); not listed',
      ],
    ])
  })

  it("lists a profile's dependencies as optional (there only when it is active), test ones as dev, managed as the others", () => {
    const out = discover(`<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>app</artifactId>
  <version>1.0.0</version>
  <properties><jackson.version>2.17.1</jackson.version></properties>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>org.example</groupId><artifactId>managed</artifactId><version>3.0.0</version></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>org.example</groupId><artifactId>core</artifactId><version>1.0.0</version></dependency>
  </dependencies>
  <profiles>
    <profile>
      <id>jackson</id>
      <dependencies>
        <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>\${jackson.version}</version></dependency>
        <dependency><groupId>org.example</groupId><artifactId>managed</artifactId></dependency>
        <dependency><groupId>org.example</groupId><artifactId>profile-tests</artifactId><version>1.0.0</version><scope>test</scope></dependency>
      </dependencies>
    </profile>
  </profiles>
</project>
`)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.locations[0].line} ${c.name} ${c.version ?? '-'} ${c.scope}`)).toEqual([
      '13 org.example:core 1.0.0 prod',
      '19 com.fasterxml.jackson.core:jackson-databind 2.17.1 optional',
      '20 org.example:managed 3.0.0 optional',
      '21 org.example:profile-tests 1.0.0 dev',
    ])
  })
})

describe('maven-pom, Maven 4 (POM 4.1.0)', () => {
  const root = `<project xmlns="http://maven.apache.org/POM/4.1.0" root="true">
  <groupId>com.example</groupId>
  <artifactId>root</artifactId>
  <version>3.1.0</version>
  <packaging>pom</packaging>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>junit</groupId>
        <artifactId>junit</artifactId>
        <version>4.13.2</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
</project>
`

  it('takes the POM at relativePath as the parent whose coordinates it leaves out (maven mng-8750: <parent />)', () => {
    const out = discover(
      `<project xmlns="http://maven.apache.org/POM/4.1.0">
  <parent />
  <artifactId>service</artifactId>
  <dependencies>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>tools</artifactId>
      <version>\${project.version}</version>
    </dependency>
  </dependencies>
</project>
`,
      {'pom.xml': root},
    )
    expect(rows(out)).toEqual([
      '5 junit:junit:4.13.2 4.13.2 dev pkg:maven/junit/junit@4.13.2',
      '10 com.example:tools:3.1.0 3.1.0 prod pkg:maven/com.example/tools@3.1.0',
    ])
    expect(out.skipped).toEqual([])
    expect(out.errors).toEqual([])
  })

  it('matches the coordinates a 4.1.0 parent writes, and still requires them of a 4.0.0 one', () => {
    const child = (model: string, parent: string) => `<project xmlns="http://maven.apache.org/POM/${model}">
  <modelVersion>${model}</modelVersion>
  ${parent}
  <artifactId>service</artifactId>
  <dependencies>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
    </dependency>
  </dependencies>
</project>
`
    const named = discover(child('4.1.0', '<parent><artifactId>root</artifactId></parent>'), {'pom.xml': root})
    expect(rows(named)).toEqual(['6 junit:junit:4.13.2 4.13.2 prod pkg:maven/junit/junit@4.13.2'])
    const other = discover(child('4.1.0', '<parent><artifactId>other</artifactId></parent>'), {'pom.xml': root})
    expect(rows(other)).toEqual(['6 junit:junit - prod pkg:maven/junit/junit'])
    expect(other.skipped.map((s) => s.message)).toEqual([
      'parent ?:other:? is not in the tree (relativePath ../pom.xml): the properties and versions it defines are unknown',
      'junit:junit: no version here (it may come from parent ?:other:?, not in the tree); Maven 4 takes the version of a project of this build with these coordinates, if any',
    ])
    const old = discover(child('4.0.0', '<parent><artifactId>root</artifactId></parent>'), {'pom.xml': root})
    expect(rows(old)).toEqual(['6 junit:junit - prod pkg:maven/junit/junit'])
  })

  it("maps Maven 4's test-only and test-runtime scopes to dev, compile-only to prod", () => {
    const out = discover(`<project xmlns="http://maven.apache.org/POM/4.1.0">
  <groupId>com.example</groupId>
  <artifactId>service</artifactId>
  <version>1.0.0</version>
  <dependencies>
    <dependency><groupId>com.example</groupId><artifactId>a</artifactId><version>1.0</version><scope>test-only</scope></dependency>
    <dependency><groupId>com.example</groupId><artifactId>b</artifactId><version>1.0</version><scope>test-runtime</scope></dependency>
    <dependency><groupId>com.example</groupId><artifactId>c</artifactId><version>1.0</version><scope>compile-only</scope></dependency>
  </dependencies>
</project>
`)
    expect(out.components.map((c) => `${c.name} ${c.scope}`)).toEqual([
      'com.example:a dev',
      'com.example:b dev',
      'com.example:c prod',
    ])
  })

  it('lists a RELEASE or LATEST meta-version without a version, as Maven resolves it when it builds', () => {
    const out = discover(`<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>service</artifactId>
  <version>1.0.0</version>
  <dependencies>
    <dependency><groupId>com.example</groupId><artifactId>a</artifactId><version>RELEASE</version></dependency>
    <dependency><groupId>com.example</groupId><artifactId>b</artifactId><version>LATEST</version></dependency>
  </dependencies>
  <build><plugins><plugin><artifactId>maven-jar-plugin</artifactId><version>RELEASE</version></plugin></plugins></build>
</project>
`)
    expect(rows(out)).toEqual([
      '7 com.example:a:RELEASE - prod pkg:maven/com.example/a',
      '8 com.example:b:LATEST - prod pkg:maven/com.example/b',
      '10 org.apache.maven.plugins:maven-jar-plugin:RELEASE - dev pkg:maven/org.apache.maven.plugins/maven-jar-plugin',
    ])
    const meta =
      "is a meta-version that Maven resolves when it builds, from the repository's metadata (RELEASE: the newest release; LATEST: the newest version, snapshots too): listed without a version"
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      `7 unresolved-version com.example:a: version RELEASE ${meta}`,
      `8 unresolved-version com.example:b: version LATEST ${meta}`,
      `10 unresolved-version org.apache.maven.plugins:maven-jar-plugin: version RELEASE ${meta}`,
    ])
  })

  it("reads a BOM that is one of the aggregator's 4.1.0 <subprojects>", () => {
    const root = `<project xmlns="http://maven.apache.org/POM/4.1.0"><groupId>org.example</groupId><artifactId>root</artifactId><version>1</version>
<subprojects><subproject>bom</subproject><subproject>app</subproject></subprojects></project>`
    const bom = `<project xmlns="http://maven.apache.org/POM/4.1.0"><groupId>org.example</groupId><artifactId>bom</artifactId><version>1</version>
<dependencyManagement><dependencies><dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>7</version></dependency></dependencies></dependencyManagement></project>`
    const app = `<project xmlns="http://maven.apache.org/POM/4.1.0"><groupId>org.example</groupId><artifactId>app</artifactId><version>1</version>
<dependencyManagement><dependencies><dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
<dependencies><dependency><groupId>org.example</groupId><artifactId>lib</artifactId></dependency></dependencies></project>`
    const files: Record<string, string> = {'pom.xml': root, 'bom/pom.xml': bom, 'app/pom.xml': app}
    const out = discover(app, files, 'app/pom.xml')
    expect(rows(out)).toEqual(['3 org.example:lib:7 7 prod pkg:maven/org.example/lib@7'])
    expect(out.skipped).toEqual([])
  })

  it('skips a 4.1.0 dependency without a groupId (a project of the build, maven mng-7255), an error in 4.0.0', () => {
    const pom = (model: string) => `<project xmlns="http://maven.apache.org/POM/${model}">
  <groupId>com.example</groupId>
  <artifactId>service</artifactId>
  <version>1.0.0</version>
  <dependencies>
    <dependency>
      <artifactId>dep</artifactId>
    </dependency>
  </dependencies>
</project>
`
    const out = discover(pom('4.1.0'))
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([
      {
        file: 'service/pom.xml',
        line: 6,
        reason: 'unsupported',
        message:
          'dependency dep without a groupId: Maven 4 takes it from the project of the same build with that artifactId (POM 4.1.0), a project of this tree; not listed',
      },
    ])
    expect(discover(pom('4.0.0')).errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '6:5 dependency without a valid groupId and artifactId',
    ])
  })
})

describe('maven-pom repositories', () => {
  it('says once of each repository beside Maven Central that it may serve any dependency or plugin', () => {
    const out = discover(`<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>app</artifactId>
  <version>1.0.0</version>
  <properties><nexus.url>https://nexus.example.com/repository/maven-public</nexus.url></properties>
  <repositories>
    <repository><id>central</id><url>https://repo.maven.apache.org/maven2</url></repository>
    <repository><id>central1</id><url>https://repo1.maven.org/maven2/</url></repository>
    <repository><id>nexus</id><url>\${nexus.url}</url></repository>
    <repository><id>again</id><url>https://nexus.example.com/repository/maven-public</url></repository>
    <repository><id>unset</id><url>\${unset.url}/releases</url></repository>
  </repositories>
  <pluginRepositories>
    <pluginRepository><id>plugins</id><url> https://plugins.example.org/m2 </url></pluginRepository>
  </pluginRepositories>
  <profiles><profile><id>snapshots</id><repositories>
    <repository><id>snap</id><url>https://snapshots.example.org/m2</url></repository>
  </repositories></profile></profiles>
  <dependencies>
    <dependency><groupId>com.example</groupId><artifactId>internal</artifactId><version>3.1</version></dependency>
  </dependencies>
</project>
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['21 com.example:internal:3.1 3.1 prod pkg:maven/com.example/internal@3.1'])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "10 unsupported Maven repository https://nexus.example.com/repository/maven-public is declared beside Maven Central and may serve any dependency: which it serves is not told (they are listed as Maven Central's)",
      "12 unsupported Maven repository ${unset.url}/releases is declared beside Maven Central, with a property this POM does not set: it may serve any dependency, and which it serves is not told (they are listed as Maven Central's)",
      "15 unsupported Maven plugin repository https://plugins.example.org/m2 is declared beside Maven Central and may serve any plugin: which it serves is not told (they are listed as Maven Central's)",
      "18 unsupported Maven repository https://snapshots.example.org/m2 is declared beside Maven Central and may serve any dependency: which it serves is not told (they are listed as Maven Central's)",
    ])
  })
})
