import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.mvn/extensions.xml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) =>
  readFileSync(new URL(`./__fixtures__/${path}/.mvn/extensions.xml`, import.meta.url), 'utf8')

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope} ${c.direct} ${c.purl}`,
  )

describe('maven-extensions', () => {
  it('matches .mvn/extensions.xml only, at any depth', () => {
    expect(['.mvn/extensions.xml', 'svc/.mvn/extensions.xml'].map(discoverer.matches)).toEqual([true, true])
    expect(
      ['extensions.xml', '.mvn/maven.config', 'mvn/extensions.xml', 'META-INF/maven/extension.xml'].map(
        discoverer.matches,
      ),
    ).toEqual([false, false, false, false])
  })

  it('lists the core extensions of real projects as dev maven packages, at their <extension> element', () => {
    expect(rows(discover(fixture('azure-sdk-for-java')))).toEqual([
      '3:3 com.microsoft.azure:artifacts-maven-credprovider:3.1 3.1 dev true pkg:maven/com.microsoft.azure/artifacts-maven-credprovider@3.1',
    ])
    // An XML declaration and a comment before the root.
    expect(rows(discover(fixture('apicurio-registry')))).toEqual([
      '5:5 eu.maveniverse.maven.scalpel:extension:0.3.9 0.3.9 dev true pkg:maven/eu.maveniverse.maven.scalpel/extension@0.3.9',
    ])
    const activiti = discover(fixture('activiti'))
    expect(rows(activiti)).toEqual([
      '2:3 com.gradle:gradle-enterprise-maven-extension:1.19.1 1.19.1 dev true pkg:maven/com.gradle/gradle-enterprise-maven-extension@1.19.1',
    ])
    expect([...activiti.errors, ...activiti.skipped]).toEqual([])
  })

  it('reports what names no single version, and refuses an extension without coordinates; the rest is read', () => {
    const out = discover(`<extensions>
  <extension><groupId>org.example</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></extension>
  <extension><groupId>org.example</groupId><artifactId>property</artifactId><version>\${ext.version}</version></extension>
  <extension><groupId>org.example</groupId><artifactId>bare</artifactId></extension>
  <extension><artifactId>orphan</artifactId><version>1.0</version></extension>
  <extension><groupId>org.example</groupId><artifactId>kept</artifactId><version>2.1.0</version><classLoadingStrategy>plugin</classLoadingStrategy></extension>
</extensions>
`)
    expect(rows(out)).toEqual([
      '2:3 org.example:ranged:[1.0,2.0) - dev true pkg:maven/org.example/ranged',
      '3:3 org.example:property:${ext.version} - dev true pkg:maven/org.example/property',
      '4:3 org.example:bare - dev true pkg:maven/org.example/bare',
      '6:3 org.example:kept:2.1.0 2.1.0 dev true pkg:maven/org.example/kept@2.1.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '2 unresolved-version org.example:ranged: core extension at "[1.0,2.0)", not one version (a range or a property Maven fills in when it starts); listed without a version',
      '3 unresolved-version org.example:property: core extension at "${ext.version}", not one version (a range or a property Maven fills in when it starts); listed without a version',
      '4 unresolved-version org.example:bare: core extension without a version (Maven refuses it); listed without a version',
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '5:3 invalid-entry an extension without a groupId and an artifactId written out (Maven refuses it)',
    ])
  })

  it('lists a RELEASE or LATEST meta-version without a version (apache/maven gh-11181 test project)', () => {
    const out = discover(`<extensions>
  <extension><groupId>io.takari.maven</groupId><artifactId>takari-smart-builder</artifactId><version>RELEASE</version></extension>
  <extension><groupId>org.example</groupId><artifactId>newest</artifactId><version>LATEST</version></extension>
  <extension><groupId>org.example</groupId><artifactId>cased</artifactId><version>release</version></extension>
</extensions>
`)
    expect(rows(out)).toEqual([
      '2:3 io.takari.maven:takari-smart-builder:RELEASE - dev true pkg:maven/io.takari.maven/takari-smart-builder',
      '3:3 org.example:newest:LATEST - dev true pkg:maven/org.example/newest',
      '4:3 org.example:cased:release release dev true pkg:maven/org.example/cased@release',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "2 unresolved-version io.takari.maven:takari-smart-builder: core extension at RELEASE, a meta-version resolved from the repository's metadata when Maven starts (Maven 4 refuses it here); listed without a version",
      "3 unresolved-version org.example:newest: core extension at LATEST, a meta-version resolved from the repository's metadata when Maven starts (Maven 4 refuses it here); listed without a version",
    ])
  })

  it('refuses a file that is not core extensions, a DOCTYPE and broken XML, at their line', () => {
    const other = discover('<project><modelVersion>4.0.0</modelVersion></project>\n')
    expect(other.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '1 invalid-lockfile the root element is <project>, not <extensions>: not a Maven core extensions file',
    ])
    const doctype = discover('<!DOCTYPE extensions [<!ENTITY x "y">]>\n<extensions/>\n')
    expect(doctype.errors.map((e) => `${e.code} ${e.message}`)).toEqual([
      'invalid-xml a DOCTYPE is not allowed in .mvn/extensions.xml',
    ])
    const broken = discover('<extensions>\n  <extension>\n    <groupId>a</groupId>\n</extensions>\n')
    expect(broken.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['4 invalid-xml'])
    expect(broken.components).toEqual([])
  })

  it('identifies core extensions on standard input, not a POM', () => {
    expect(discoverer.identify?.(fixture('activiti'))).toBe(true)
    // After an XML declaration and a comment.
    expect(discoverer.identify?.(fixture('apicurio-registry'))).toBe(true)
    expect(discoverer.identify?.('<project><build><extensions><extension><artifactId>x</artifactId>')).toBe(false)
  })
})
