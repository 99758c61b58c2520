/**
 * Records the npm emulator's data from the real registry (reachable from the development machines), trimmed to
 * the fields the resolver reads. Run by hand: `npx tsx tests/support/registry-emulators/record-npm.ts`.
 * Tests never run it: they serve data/npm.json from a local emulator.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

const PACKAGES = [
  '@babel/core@7.24.0',
  '@babel/code-frame@7.29.7',
  '@babel/code-frame@7.15.8',
  '@babel/code-frame@7.0.0',
  'react@18.2.0',
  'left-pad@1.3.0',
  'fs.realpath@1.0.0',
  'anymatch@3.1.2',
  'basic-auth-parser@0.0.2',
  // Samples of ../shared/corpus lockfiles (octokit-request-v1/v2, firebase-tools-shrinkwrap, vue-core-pnpm-v6).
  '@ampproject/remapping@2.2.0',
  '@octokit/types@8.2.1',
  'fast-json-stable-stringify@2.1.0',
  'mimic-fn@2.1.0',
  'yocto-queue@0.1.0',
  'bin-links@2.2.1',
  'is-generator-fn@2.1.0',
  'path-exists@4.0.0',
  'yargs-parser@20.2.9',
  '@aashutoshrathi/word-wrap@1.2.6',
  'http-parser-js@0.5.8',
  'pify@4.0.1',
  'zwitch@2.0.4',
  'bare-events@2.2.0',
  'has-property-descriptors@1.0.0',
  'pretty-bytes@6.1.1',
  'zod@3.22.4',
  // repository.url as `git+ssh://git@github.com:owner/name.git` (a scheme and an scp-like path).
  'vue-chartjs@5.3.1',
  // A monorepo package whose repository has no directory, its homepage the package's tree URL.
  'camel-case@4.1.2',
]

const out: Record<string, unknown> = {}
for (const spec of PACKAGES) {
  const at = spec.lastIndexOf('@')
  const name = spec.slice(0, at)
  const version = spec.slice(at + 1)
  const response = await fetch(`https://registry.npmjs.org/${name.replace('/', '%2F')}/${version}`)
  const doc = (await response.json()) as Record<string, unknown>
  out[`${name}@${version}`] = {
    name: doc.name,
    version: doc.version,
    repository: doc.repository,
    homepage: doc.homepage,
    bugs: doc.bugs,
  }
}
writeFileSync(join(import.meta.dirname, 'data', 'npm.json'), `${JSON.stringify(out, null, 2)}\n`)
