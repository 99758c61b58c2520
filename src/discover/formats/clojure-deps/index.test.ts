import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {sniffing} from '../../sniff.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverDepsEdn} from './deps-edn.js'
import {readForms} from './edn-reader.js'
import {discoverer} from './index.js'
import {discoverProjectClj} from './leiningen.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

/** `line:column scope ref purl` of each component (`local` for a local one). */
const rows = (out: DiscoverOutput) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.scope} ${c.ref} ${c.local ? 'local' : c.purl}`,
  )
const skips = (out: DiscoverOutput) => (out.skipped ?? []).map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: DiscoverOutput) => (out.errors ?? []).map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('clojure-deps: deps.edn and bb.edn', () => {
  it('reads deps.edn and bb.edn by name, a project.clj only when it holds a defproject, never a lein new template', () => {
    // Leiningen reads its project's project.clj; a namespace may bear the name (technomancy/leiningen's
    // leiningen-core/src/leiningen/core/project.clj opens with `(ns leiningen.core.project`).
    const kept = (file: string, head: string) =>
      sniffing([discoverer], () => head, undefined, {name: file, chunks: () => [head]}).length === 1
    expect(kept('deps.edn', '{}')).toBe(true)
    expect(kept('x/bb.edn', '{:tasks {}}')).toBe(true)
    expect(kept('project.clj', ';; a project\n(defproject acme/widget "1.0.0"\n  :dependencies [])')).toBe(true)
    expect(kept('src/leiningen/core/project.clj', '(ns leiningen.core.project\n  (:require [clojure.string]))')).toBe(
      false,
    )
    expect(discoverer.matches('resources/leiningen/new/app/project.clj')).toBe(false)
    expect(discoverer.matches('resources/clj/new/lib/deps.edn')).toBe(false)
    // A template elsewhere is said once, not read as Clojure.
    const template = discoverProjectClj(
      'tpl/project.clj',
      '(defproject {{raw-name}} "0.1.0"\n  :main ^:skip-aot {{namespace}})\n',
    )
    expect(template.components).toEqual([])
    expect(template.errors).toEqual([])
    expect(skips(template)).toEqual([
      '1 unsupported a template ({{raw-name}}), filled in by `lein new`, not a project: not read',
    ])
  })

  it('reads a real deps.edn (next-jdbc): :deps, tool, version-matrix and test aliases, an inferred git URL', () => {
    const out = discoverDepsEdn('deps.edn', fixture('next-jdbc/deps.edn'))
    expect(errors(out)).toEqual([])
    const listed = rows(out)
    expect(listed.slice(0, 10)).toEqual([
      '3:9 prod org.clojure/clojure@1.11.2 pkg:maven/org.clojure/clojure@1.11.2',
      '4:9 prod org.clojure/java.data@1.2.107 pkg:maven/org.clojure/java.data@1.2.107',
      '6:9 prod camel-snake-kebab/camel-snake-kebab@0.4.3 pkg:maven/camel-snake-kebab/camel-snake-kebab@0.4.3',
      // :build {:deps {...}}: a tool's classpath (-T:build), dev.
      '9:18 dev io.github.clojure/tools.build@0.10.0 pkg:maven/io.github.clojure/tools.build@0.10.0',
      '10:18 dev slipset/deps-deploy@0.2.2 pkg:maven/slipset/deps-deploy@0.2.2',
      // :1.10 {:override-deps ...}: an alias whose name says nothing of tests or tooling, optional.
      '14:26 optional org.clojure/clojure@1.10.3 pkg:maven/org.clojure/clojure@1.10.3',
      '15:26 optional org.clojure/clojure@1.11.2 pkg:maven/org.clojure/clojure@1.11.2',
      '16:26 optional org.clojure/clojure@1.12.0-alpha9 pkg:maven/org.clojure/clojure@1.12.0-alpha9',
      '20:23 dev org.clojure/test.check@1.1.1 pkg:maven/org.clojure/test.check@1.1.1',
      // {:git/tag "v0.5.1" :git/sha "dfb30dd"} without :git/url: io.github.cognitect-labs/test-runner implies it.
      '21:23 dev io.github.cognitect-labs/test-runner@v0.5.1 pkg:generic/github.com/cognitect-labs/test-runner@dfb30dd?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcognitect-labs%2Ftest-runner.git%40dfb30dd',
    ])
    expect(listed).toHaveLength(31)
    expect(listed[30]).toBe(
      '48:23 dev org.apache.logging.log4j/log4j-slf4j-impl@2.23.1 pkg:maven/org.apache.logging.log4j/log4j-slf4j-impl@2.23.1',
    )
    expect(out.components.every((c) => c.direct === true)).toBe(true)
    // The snapshots repository beside the defaults: said once, no repository guessed for any lib.
    expect(skips(out)).toEqual([
      '1 unsupported Maven repository "sonatype" (https://oss.sonatype.org/content/repositories/snapshots/) is declared beside Maven Central and Clojars and may serve any library: which it serves is not told (libraries are listed without a repository)',
    ])
    expect(out.components.some((c) => c.purl?.includes('repository_url'))).toBe(false)
  })

  it("reads babashka's deps.edn: local roots, legacy :sha, tags, #_#_ discards, :exclusions ignored", () => {
    const out = discoverDepsEdn('deps.edn', fixture('babashka/deps.edn'))
    expect(errors(out)).toEqual([])
    expect(skips(out)).toEqual([])
    const listed = rows(out)
    expect(listed).toHaveLength(143)
    expect(listed.filter((row) => row.endsWith(' local'))).toEqual([
      '22:9 prod org.babashka/sci local',
      '25:9 prod babashka/babashka.curl local',
      '26:9 prod babashka/fs local',
      '27:9 prod babashka/babashka.core local',
      // :babashka/dev: the namespace's name says dev.
      '62:26 dev babashka/babashka local',
    ])
    expect(listed).toContain('57:9 prod org.jline/jline-terminal@4.3.1 pkg:maven/org.jline/jline-terminal@4.3.1')
    // `#_#_org.babashka/spec.alpha {...}` discards the lib and its coordinate.
    expect(listed.some((row) => row.includes('spec.alpha'))).toBe(false)
    // :profile (a profiler), :lib-tests, :clj-nvd, :test: dev.
    expect(listed).toContain(
      '71:14 dev com.clojure-goes-fast/clj-async-profiler@0.5.0 pkg:maven/com.clojure-goes-fast/clj-async-profiler@0.5.0',
    )
    expect(listed).toContain(
      '158:26 dev org.clojure/math.numeric-tower@math.numeric-tower-0.0.5 pkg:generic/github.com/clojure/math.numeric-tower@12eb9c5?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fclojure%2Fmath.numeric-tower%4012eb9c5',
    )
    // The legacy :sha key.
    expect(listed).toContain(
      '218:26 dev clj-nvd/clj-nvd@f2ec98699e057a379baf170cb49cf7ad76874a70 pkg:generic/github.com/miikka/clj-nvd@f2ec98699e057a379baf170cb49cf7ad76874a70?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmiikka%2Fclj-nvd.git%40f2ec98699e057a379baf170cb49cf7ad76874a70',
    )
    expect(out.components.filter((c) => c.ecosystem === 'generic')).toHaveLength(32)
  })

  it("reads babashka's build bb.edn: a git lib after a discarded local root", () => {
    const out = discoverDepsEdn('bb.edn', fixture('babashka/build/bb.edn'))
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '2:9 prod borkdude/gh-release-artifact@4a9a74f0e50e897c45df8cc70684360eb30fce80 pkg:generic/github.com/borkdude/gh-release-artifact@4a9a74f0e50e897c45df8cc70684360eb30fce80?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fborkdude%2Fgh-release-artifact%404a9a74f0e50e897c45df8cc70684360eb30fce80',
    ])
  })

  it('names libs as tools.deps does: bare symbols, classifiers, inferred git URLs, ranges; credentials never kept', () => {
    const text = `{:deps {cheshire {:mvn/version "5.12.0"}
        org.lwjgl/lwjgl$natives-linux {:mvn/version "3.3.3"}
        com.example/ranged {:mvn/version "[1.0,2.0)"}
        com.example/newest {:mvn/version "RELEASE"}
        io.gitlab.acme/tool {:git/sha "0123456789abcdef0123456789abcdef01234567"}
        ht.sr.acme/thing {:git/tag "v1" :git/sha "abc1234"}
        com.example/private {:git/url "https://user:s3cret@t0ken@git.example.com/team/private.git" :git/sha "abc1234"}
        com.example/no-sha {:git/url "https://git.example.com/x.git" :git/tag "v1"}
        com.example/nowhere {:git/sha "abc1234"}
        com.example/odd {:exclusions [x/y]}
        "com.example/string" {:mvn/version "1"}
        com.example/num {:mvn/version 1}}
 :mvn/repos {"central" {:url "https://repo1.maven.org/maven2/"}
             "clojars" {:url "https://repo.clojars.org/"}
             "corp" {:url "https://deploy:t0ken@maven.example.com/releases"}}}`
    const out = discoverDepsEdn('deps.edn', text)
    expect(rows(out)).toEqual([
      '1:9 prod cheshire@5.12.0 pkg:maven/cheshire/cheshire@5.12.0',
      '2:9 prod org.lwjgl/lwjgl$natives-linux@3.3.3 pkg:maven/org.lwjgl/lwjgl@3.3.3?classifier=natives-linux',
      '3:9 prod com.example/ranged@[1.0,2.0) pkg:maven/com.example/ranged',
      '4:9 prod com.example/newest@RELEASE pkg:maven/com.example/newest',
      '5:9 prod io.gitlab.acme/tool@0123456789abcdef0123456789abcdef01234567 pkg:generic/gitlab.com/acme/tool@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Facme%2Ftool.git%400123456789abcdef0123456789abcdef01234567',
      '6:9 prod ht.sr.acme/thing@v1 pkg:generic/git.sr.ht/~acme/thing@abc1234?vcs_url=git%2Bhttps%3A%2F%2Fgit.sr.ht%2F%7Eacme%2Fthing%40abc1234',
      '7:9 prod com.example/private@abc1234 pkg:generic/git.example.com/team/private@abc1234?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fteam%2Fprivate.git%40abc1234',
    ])
    expect(skips(out)).toEqual([
      '15 unsupported Maven repository "corp" (https://maven.example.com/releases) is declared beside Maven Central and Clojars and may serve any library: which it serves is not told (libraries are listed without a repository)',
      '3 unresolved-version com.example/ranged: version "[1.0,2.0)" is a range: listed without a version',
      '4 unresolved-version com.example/newest: version "RELEASE" is a Maven meta-version: listed without a version',
    ])
    expect(errors(out)).toEqual([
      '8:9 invalid-entry com.example/no-sha: a git coordinate needs its :git/sha string (the Clojure CLI refuses one without)',
      '9:9 invalid-entry com.example/nowhere: a git coordinate without :git/url, and the lib name implies none (io.github.USER/REPO and the like)',
      '10:9 invalid-entry com.example/odd: the coordinate names none of :mvn/version, :git/url or :git/sha, :local/root',
      '11:9 invalid-entry a lib name is a symbol (group/artifact), not "com.example/string"',
      '12:39 invalid-entry com.example/num: :mvn/version is a string, not 1',
    ])
    expect(JSON.stringify(out)).not.toMatch(/s3cret|t0ken/)
  })

  it(':override-deps list only the override of a lib the file declares; one of any other lib is a skip', () => {
    const text = `{:deps {org.clojure/clojure {:mvn/version "1.12.0"}
        cheshire {:mvn/version "5.12.0"}}
 :aliases
 {:old-clojure {:override-deps {org.clojure/clojure {:mvn/version "1.10.3"}
                                cheshire/cheshire {:mvn/version "5.10.0"}
                                com.fasterxml.jackson.core/jackson-core {:mvn/version "2.17.0"}
                                com.example/bad {:mvn/version 1}
                                "bad" {:mvn/version "1"}}}
  :test {:extra-deps {com.example/checker {:mvn/version "1.0.0"}}}
  :test-old {:override-deps {com.example/checker {:mvn/version "0.9.0"}}}}}`
    const out = discoverDepsEdn('deps.edn', text)
    expect(rows(out)).toEqual([
      '1:9 prod org.clojure/clojure@1.12.0 pkg:maven/org.clojure/clojure@1.12.0',
      '2:9 prod cheshire@5.12.0 pkg:maven/cheshire/cheshire@5.12.0',
      // Overrides of libs of :deps (cheshire is cheshire/cheshire), at the alias's scope.
      '4:33 optional org.clojure/clojure@1.10.3 pkg:maven/org.clojure/clojure@1.10.3',
      '5:33 optional cheshire/cheshire@5.10.0 pkg:maven/cheshire/cheshire@5.10.0',
      // jackson-core is no lib of this file (a dependency's, if any): its override adds none, not listed.
      '9:23 dev com.example/checker@1.0.0 pkg:maven/com.example/checker@1.0.0',
      // The override of a lib another alias adds.
      '10:30 dev com.example/checker@0.9.0 pkg:maven/com.example/checker@0.9.0',
    ])
    // A lib name that is no symbol is an error, as in :deps.
    expect(errors(out)).toEqual(['8:33 invalid-entry a lib name is a symbol (group/artifact), not "bad"'])
    // An override of no lib of the file is not read: tools.deps never uses it unless a dependency brings the lib.
    expect(skips(out)).toEqual([
      '6 unsupported com.fasterxml.jackson.core/jackson-core: :override-deps of alias :old-clojure names a lib this file does not declare (tools.deps uses it only if a dependency brings that lib): not listed',
      '7 unsupported com.example/bad: :override-deps of alias :old-clojure names a lib this file does not declare (tools.deps uses it only if a dependency brings that lib): not listed',
    ])
  })

  it('reports reader conditionals and tagged literals, and reads the rest', () => {
    const text = `{:deps {#?(:clj a/b :cljs c/d) {:mvn/version "1"}
        com.example/tagged #my/coord {:v "1"}
        com.example/ok {:mvn/version "2.0.0"}
        com.example/namespaced #:mvn{:version "3.0.0"}}}`
    const out = discoverDepsEdn('deps.edn', text)
    expect(rows(out)).toEqual([
      '3:9 prod com.example/ok@2.0.0 pkg:maven/com.example/ok@2.0.0',
      '4:9 prod com.example/namespaced@3.0.0 pkg:maven/com.example/namespaced@3.0.0',
    ])
    expect(skips(out)).toEqual([
      '1 unsupported a lib name is a reader conditional (#?), which EDN has not: not read',
      "2 unsupported com.example/tagged: the coordinate is a tagged literal (#my/coord) its reader's program decides: not read",
    ])
    expect(errors(out)).toEqual([])
  })

  it('reports malformed EDN at its line and column and goes on', () => {
    const text = `{:deps {com.example/a {:mvn/version "1.0"}
        com.example/b {:mvn/version "1.1"]
        com.example/c {:mvn/version "1.2"}
        com.example/d}
 :aliases {:test {:extra-deps {com.example/e {:mvn/version "1.3"}}}`
    const out = discoverDepsEdn('deps.edn', text)
    expect(errors(out)).toEqual([
      '2:42 invalid-lockfile ] where } was expected (to close what line 2, column 23 opened)',
      '4:9 invalid-lockfile a map has a key without a value',
      // :aliases and the file's map are both left open: each is said, at the end of the file.
      '5:68 invalid-lockfile unterminated collection opened at line 5, column 11: } missing',
      '5:68 invalid-lockfile unterminated collection opened at line 1, column 1: } missing',
    ])
    expect(rows(out)).toEqual([
      '1:9 prod com.example/a@1.0 pkg:maven/com.example/a@1.0',
      '2:9 prod com.example/b@1.1 pkg:maven/com.example/b@1.1',
      '3:9 prod com.example/c@1.2 pkg:maven/com.example/c@1.2',
      '5:32 dev com.example/e@1.3 pkg:maven/com.example/e@1.3',
    ])
  })

  it('stays whole on hostile input: deep nesting, an unterminated string, many entries', () => {
    const deep = discoverDepsEdn('deps.edn', `{:deps ${'['.repeat(100_000)}}`)
    expect(errors(deep).some((e) => e.includes('too-deep nested deeper than 100 levels'))).toBe(true)
    const quotes = discoverDepsEdn('deps.edn', `{:deps {a/b {:mvn/version "1}}`)
    expect(errors(quotes)).toContain('1:27 invalid-lockfile unterminated string')
    const many = Array.from({length: 20_000}, (_, i) => `g/a${i} {:mvn/version "1.${i}"}`).join('\n')
    const big = discoverDepsEdn('deps.edn', `{:deps {${many}}}`)
    expect(big.components).toHaveLength(20_000)
    expect(errors(big)).toEqual([])
    // Prefix operators chained past the bound are moved over without recursion.
    expect(readForms(`${"'".repeat(100_000)}x`).errors[0].message).toContain('nested deeper')
    expect(readForms(`${'#_'.repeat(100_000)}x`).errors[0].message).toContain('nested deeper')
    // 100,000 stray brackets: 50 errors, then a count.
    const stray = readForms(']'.repeat(100_000)).errors
    expect(stray).toHaveLength(51)
    expect(stray[50]).toEqual({message: '99950 more syntax errors not listed', line: 1, column: 100_001})
  })

  it('a file that is not one map is an error', () => {
    expect(errors(discoverDepsEdn('deps.edn', '[:deps]'))).toEqual([
      '1:1 invalid-entry a deps.edn is one map {...}, not a vector',
    ])
    expect(discoverDepsEdn('bb.edn', '; nothing\n')).toEqual({components: [], skipped: [], errors: []})
  })
})

describe('clojure-deps: Leiningen project.clj', () => {
  it("reads ring's project.clj files: dependencies, plugins (dev), profiles by name", () => {
    expect(rows(discoverProjectClj('project.clj', fixture('ring/project.clj')))).toEqual([
      '6:19 prod ring/ring-core@1.15.5 pkg:maven/ring/ring-core@1.15.5',
      '7:19 prod ring/ring-devel@1.15.5 pkg:maven/ring/ring-devel@1.15.5',
      '8:19 prod ring/ring-jetty-adapter@1.15.5 pkg:maven/ring/ring-jetty-adapter@1.15.5',
      '9:19 prod org.ring-clojure/ring-jakarta-servlet@1.15.5 pkg:maven/org.ring-clojure/ring-jakarta-servlet@1.15.5',
      '10:14 dev lein-sub@0.3.0 pkg:maven/lein-sub/lein-sub@0.3.0',
      '11:14 dev lein-codox@0.10.8 pkg:maven/lein-codox/lein-codox@0.10.8',
      // :profiles {:codox {...}}: documentation tooling.
      '30:28 dev javax.servlet/javax.servlet-api@3.1.0 pkg:maven/javax.servlet/javax.servlet-api@3.1.0',
    ])
    const core = discoverProjectClj('ring-core/project.clj', fixture('ring/ring-core/project.clj'))
    expect(errors(core)).toEqual([])
    expect(rows(core)).toEqual([
      '7:19 prod org.clojure/clojure@1.9.0 pkg:maven/org.clojure/clojure@1.9.0',
      '8:19 prod org.ring-clojure/ring-core-protocols@1.15.5 pkg:maven/org.ring-clojure/ring-core-protocols@1.15.5',
      '9:19 prod org.ring-clojure/ring-websocket-protocols@1.15.5 pkg:maven/org.ring-clojure/ring-websocket-protocols@1.15.5',
      '10:19 prod ring/ring-codec@1.3.0 pkg:maven/ring/ring-codec@1.3.0',
      '11:19 prod commons-io@2.21.0 pkg:maven/commons-io/commons-io@2.21.0',
      '12:19 prod org.apache.commons/commons-fileupload2-core@2.0.0-M5 pkg:maven/org.apache.commons/commons-fileupload2-core@2.0.0-M5',
      '13:19 prod crypto-random@1.2.1 pkg:maven/crypto-random/crypto-random@1.2.1',
      '14:19 prod crypto-equality@1.0.1 pkg:maven/crypto-equality/crypto-equality@1.0.1',
      '17:27 dev clj-time@0.15.2 pkg:maven/clj-time/clj-time@0.15.2',
      '18:27 optional org.clojure/clojure@1.10.3 pkg:maven/org.clojure/clojure@1.10.3',
      '19:27 optional org.clojure/clojure@1.11.4 pkg:maven/org.clojure/clojure@1.11.4',
      '20:27 optional org.clojure/clojure@1.12.4 pkg:maven/org.clojure/clojure@1.12.4',
    ])
  })

  it("reads Leiningen's own project.clj (regexes, lists of functions, :exclusions)", () => {
    const out = discoverProjectClj('project.clj', fixture('leiningen/project.clj'))
    expect(errors(out)).toEqual([])
    expect(skips(out)).toEqual([])
    expect(rows(out)).toHaveLength(14)
    expect(rows(out).slice(0, 3)).toEqual([
      '10:19 prod leiningen-core@2.9.10 pkg:maven/leiningen-core/leiningen-core@2.9.10',
      '12:19 prod org.clojure/data.xml@0.2.0-alpha6 pkg:maven/org.clojure/data.xml@0.2.0-alpha6',
      '14:19 prod timofreiberg/bultitude@0.3.0 pkg:maven/timofreiberg/bultitude@0.3.0',
    ])
  })

  it("reads Leiningen's sample.project.clj: classifiers, extensions, string names, repositories without credentials", () => {
    const out = discoverProjectClj('project.clj', fixture('leiningen/sample.project.clj'))
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '52:19 prod org.clojure/clojure@1.3.0 pkg:maven/org.clojure/clojure@1.3.0',
      '53:19 prod org.jclouds/jclouds@1.0 pkg:maven/org.jclouds/jclouds@1.0?classifier=jdk15',
      '54:19 prod net.sf.ehcache/ehcache@2.3.1 pkg:maven/net.sf.ehcache/ehcache@2.3.1?type=pom',
      '55:19 prod log4j@1.2.15 pkg:maven/log4j/log4j@1.2.15',
      '59:19 prod net.3scale/3scale-api@3.0.2 pkg:maven/net.3scale/3scale-api@3.0.2',
      '60:19 prod org.lwjgl.lwjgl/lwjgl@2.8.5 pkg:maven/org.lwjgl.lwjgl/lwjgl@2.8.5',
      '61:19 prod org.lwjgl.lwjgl/lwjgl-platform@2.8.5 pkg:maven/org.lwjgl.lwjgl/lwjgl-platform@2.8.5?classifier=natives-osx',
      '95:14 dev lein-pprint@1.1.1 pkg:maven/lein-pprint/lein-pprint@1.1.1',
      '96:14 dev lein-assoc@0.1.0 pkg:maven/lein-assoc/lein-assoc@0.1.0',
      '97:14 dev s3-wagon-private@1.1.1 pkg:maven/s3-wagon-private/s3-wagon-private@1.1.1',
      '98:14 dev lein-foo@0.0.1 pkg:maven/lein-foo/lein-foo@0.0.1',
      '99:14 dev lein-bar@0.0.1 pkg:maven/lein-bar/lein-bar@0.0.1',
      '183:36 optional org.clojure/clojure@1.4.0 pkg:maven/org.clojure/clojure@1.4.0',
      '184:36 optional org.clojure/clojure@1.5.0 pkg:maven/org.clojure/clojure@1.5.0',
      '187:36 dev clj-stacktrace@0.2.4 pkg:maven/clj-stacktrace/clj-stacktrace@0.2.4',
      '191:32 dev cider/cider-nrepl@0.7.1 pkg:maven/cider/cider-nrepl@0.7.1',
    ])
    expect(skips(out).map((s) => s.split(' (')[0])).toEqual([
      '104 unsupported Maven repository "java.net"',
      '105 unsupported Maven repository "sonatype"',
      '125 unsupported Maven repository "snapshots"',
      '126 unsupported Maven repository "releases"',
      '134 unsupported Maven repository "internal-plugin-repo"',
    ])
    expect(JSON.stringify(out)).not.toContain('milgrim')
  })

  it('lists a computed or managed version without it, and skips what Leiningen computes', () => {
    const text = `(def version "1.0.0")
(defproject com.example/app "0.1.0"
  :managed-dependencies [[com.example/managed "3.0"]]
  :dependencies [[com.example/managed]
                 [com.example/unquoted ~version]
                 [com.example/symbol version :scope "test"]
                 [com.example/evaluated #=(str "1" ".0")]
                 [com.example/opt "1.0" :optional true :exclusions [x/y]]
                 [com.example/none nil :exclusions [x/y]]
                 ~(symbol "computed")
                 "not-a-vector"]
  :plugins ~(vec plugins)
  :profiles {:provided {:dependencies [[com.example/servlet "4.0"]]}
             :uberjar {:dependencies [[com.example/native "1.0" :classifier "linux"]]}
             :ci ~(merge a b)
             :kitchen-sink [:dev :test]})`
    const out = discoverProjectClj('project.clj', text)
    expect(rows(out)).toEqual([
      '4:19 prod com.example/managed pkg:maven/com.example/managed',
      '5:19 prod com.example/unquoted pkg:maven/com.example/unquoted',
      '6:19 dev com.example/symbol pkg:maven/com.example/symbol',
      '7:19 prod com.example/evaluated pkg:maven/com.example/evaluated',
      '8:19 optional com.example/opt@1.0 pkg:maven/com.example/opt@1.0',
      '9:19 prod com.example/none pkg:maven/com.example/none',
      '13:41 prod com.example/servlet@4.0 pkg:maven/com.example/servlet@4.0',
      '14:40 prod com.example/native@1.0 pkg:maven/com.example/native@1.0?classifier=linux',
    ])
    expect(skips(out)).toEqual([
      '4 unresolved-version com.example/managed: its version comes from :managed-dependencies, which is not applied: listed without a version',
      '5 unresolved-version com.example/unquoted: its version is an unquoted expression (~) Leiningen evaluates: listed without a version',
      '6 unresolved-version com.example/symbol: its version is the symbol version, which Leiningen evaluates: listed without a version',
      '7 unresolved-version com.example/evaluated: its version is an expression (#=) only Clojure evaluates: listed without a version',
      '9 unresolved-version com.example/none: no version is written: listed without a version',
      '10 unsupported a dependency is an unquoted expression (~) Leiningen evaluates: not read',
      '12 unsupported :plugins is an unquoted expression (~) Leiningen evaluates: not read',
      '15 unsupported profile :ci is an unquoted expression (~) Leiningen evaluates: not read',
    ])
    expect(errors(out)).toEqual([
      '11:18 invalid-entry a dependency is a vector [lib "version" ...], not "not-a-vector"',
    ])
  })

  it('a file without defproject is an error; a syntax error is reported at its place', () => {
    expect(errors(discoverProjectClj('project.clj', '(ns foo)'))).toEqual([
      '1:1 invalid-entry no (defproject name "version" ...) form: nothing read',
    ])
    const broken = discoverProjectClj(
      'project.clj',
      '(defproject a "1"\n  :dependencies [[b/c "1.0"]]\n  :x "unterminated',
    )
    expect(errors(broken)).toEqual([
      '3:6 invalid-lockfile unterminated string',
      '3:19 invalid-lockfile unterminated collection opened at line 1, column 1: ) missing',
    ])
    expect(rows(broken)).toEqual(['2:19 prod b/c@1.0 pkg:maven/b/c@1.0'])
  })
})

describe('clojure-deps: files', () => {
  it('identifies standard input by its first form, and reads a defproject without a file name', () => {
    expect(discoverer.identify?.(';; build\n(defproject com.example/app "1.0"')).toBe(true)
    expect(discoverer.identify?.('{:paths ["src"] :deps {a/b {:mvn/version "1"}}}')).toBe(true)
    expect(discoverer.identify?.('{:port 8080}')).toBe(false)
    const out = discoverer.discover(
      {file: '<stdin>', text: '(defproject a "1" :dependencies [[b/c "2"]])'},
      {readText: () => null},
    )
    expect(rows(out)).toEqual(['1:35 prod b/c@2 pkg:maven/b/c@2'])
  })

  it('matches deps.edn, bb.edn and project.clj, not what the tools write or fetch', () => {
    for (const file of ['deps.edn', 'app/deps.edn', 'bb.edn', 'project.clj', 'sub/project.clj'])
      expect(discoverer.matches(file), file).toBe(true)
    for (const file of ['target/deps.edn', '.cpcache/deps.edn', 'node_modules/x/project.clj', 'config.edn', 'x.clj'])
      expect(discoverer.matches(file), file).toBe(false)
  })
})
