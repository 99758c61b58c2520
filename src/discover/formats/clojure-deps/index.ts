/**
 * Clojure projects: the Clojure CLI's `deps.edn` (https://clojure.org/reference/deps_edn), babashka's `bb.edn`
 * (https://book.babashka.org/#project-setup: the same `:deps` map) and Leiningen's `project.clj`
 * (https://codeberg.org/leiningen/leiningen/src/branch/main/sample.project.clj). Each is read as literal data by
 * ./edn-reader.ts (never evaluated); ./deps-edn.ts reads the first two, ./leiningen.ts the third. The libraries are
 * Maven artifacts (Maven Central, then Clojars, by default): `maven` packages `pkg:maven/group/artifact@version`;
 * deps.edn's git libraries are `generic` packages with a purl `vcs_url` (lockfile-support/git-package.ts), its
 * `:local/root` libraries local packages. Each is located at its lib name.
 */
import type {Discoverer} from '../../types.js'
import {discoverDepsEdn} from './deps-edn.js'
import {discoverProjectClj} from './leiningen.js'

export const discoverer: Discoverer = {
  id: 'clojure-deps',
  description: 'Clojure deps.edn, babashka bb.edn and Leiningen project.clj (Maven, git and local libraries)',
  matches(file) {
    // Not what the tools write or fetch (target/, the CLI's .cpcache/, gitlibs checkouts), nor node_modules.
    // Nor the project templates `lein new` and clj-new fill in (resources/leiningen/new/, resources/clj/new/).
    return (
      /(^|\/)(deps\.edn|bb\.edn|project\.clj)$/.test(file) &&
      !/(^|\/)(target|\.cpcache|\.gitlibs|node_modules)\//.test(file) &&
      !/(^|\/)resources\/(leiningen|clj)\/new\//.test(file)
    )
  },
  // deps.edn and bb.edn by their names; a project.clj only when it holds a `(defproject`: a Clojure namespace may be
  // named project.clj too (leiningen's own src/leiningen/core/project.clj), and Leiningen reads only its project's.
  named: (file) => !file.endsWith('project.clj'),
  sniff: (head) => /\(\s*defproject\s/.test(head),
  // Standard input: a `(defproject` first is surely Leiningen's; a map whose first key is :deps or :paths and that
  // names a :mvn/version, the CLI's.
  identify: (head) =>
    PROJECT_CLJ.test(head) ||
    (/^\s*(?:;[^\n]*\n\s*)*\{\s*:(?:deps|paths)\s/.test(head) && head.includes(':mvn/version')),
  // Standard input has no name: its first form tells (a list is a defproject).
  discover: ({file, text}) =>
    file.endsWith('project.clj') || (!file.endsWith('.edn') && PROJECT_CLJ.test(text.slice(0, 65_536)))
      ? discoverProjectClj(file, text)
      : discoverDepsEdn(file, text),
}

/** A `(defproject` after comments and blank lines. */
const PROJECT_CLJ = /^\s*(?:;[^\n]*\n\s*)*\(\s*defproject\s/
