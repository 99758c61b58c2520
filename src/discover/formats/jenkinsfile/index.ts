/**
 * Jenkins pipelines (`Jenkinsfile`, `Jenkinsfile.<name>`, `Jenkinsfile-<name>`, `Jenkinsfile_<name>`,
 * `JenkinsfileFor<Name>`, `jenkinsfile`, `<name>.jenkinsfile`; https://www.jenkins.io/doc/book/pipeline/): the
 * container images a pipeline runs in and the shared libraries it loads from git. A template of one
 * (`Jenkinsfile.j2`, `.tmpl`…) is a skip: it is not Groovy until rendered.
 * - Declarative agents: `agent { docker { image 'x' } }`, `agent { docker 'x' }` (pipeline and stage level;
 *   `registryUrl` prefixes the registry host as docker-workflow does), `agent { kubernetes { yaml '''…''' } }`,
 *   `yamlFile 'pod.yaml'`, `containerTemplate { image 'x' }`.
 * - Scripted: `podTemplate(yaml: …, containers: [containerTemplate(image: 'x')])`, `containerTemplate(…)` anywhere,
 *   `docker.image('x')` (under `docker.withRegistry('url')`: the registry-qualified name it pulls),
 *   `withDockerContainer('x')`.
 * - Templates (`"${NAME}"`, `"$NAME"`, `env.NAME`) take literal values from top-level `def NAME = '…'` /
 *   `NAME = '…'` assignments, the `environment {}` blocks in effect where Jenkins evaluates them (not an agent's own
 *   stage's or pipeline's) and matrix axes (one image per cell), as ./scope.ts says; anything else is reported
 *   (./pipeline.ts), never guessed.
 * - Shared libraries (./libraries.ts): `@Library`, `library '…'` and `libraries { lib(…) }` name libraries configured
 *   in Jenkins (a skip); `library identifier: 'name@ref', retriever: modernSCM(git…)` is a git package.
 * - Not read: `agent { dockerfile … }` and `docker.build(…)` build an image from a Dockerfile (the dockerfile format
 *   reads it); images computed by code; the agent container the Kubernetes plugin adds from Jenkins's configuration.
 *
 * Written by hand over the shared Groovy lexer (../../lockfile-support/groovy-tokenize.ts): a Jenkinsfile is a Groovy
 * program only Jenkins runs, and no JavaScript library parses it. The scan is linear in the tokens; climbing the
 * enclosing blocks is bounded; nothing throws on malformed input.
 */
import {elide} from '../../../core/elide.js'
import {tokenize} from '../../lockfile-support/groovy-tokenize.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {emptyOutput, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {libraryAnnotation, libraryDirective, libraryStep} from './libraries.js'
import {Pipeline} from './pipeline.js'
import {podFile, podInline, readTrustedPath} from './pod.js'
import {imageValue, registryOf} from './images.js'
import {templateSkip} from '../../file-names.js'

export const discoverer: Discoverer = {
  id: 'jenkinsfile',
  description:
    'Jenkins pipelines (Jenkinsfile): docker and Kubernetes agent images, docker.image(), shared libraries from git',
  matches: isJenkinsfile,
  discover,
}

/**
 * The names Jenkins users give pipelines (a job's Script Path is any file): `Jenkinsfile`, `Jenkinsfile.release`,
 * `Jenkinsfile-PreCommit`, `Jenkinsfile_k8s` (the jenkins-infra convention), `JenkinsfileForBinaries`, lowercase
 * `jenkinsfile`, `deploy.jenkinsfile`. Not lowercase `jenkinsfile.go` / `jenkinsfile_test.go` (source files of tools).
 */
export function isJenkinsfile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1)
  return (
    /^Jenkinsfile(?:[-._][^/]+|[A-Z][^/]*)?$/.test(base) ||
    base === 'jenkinsfile' ||
    /^[^/]+\.[Jj]enkinsfile$/.test(base)
  )
}

/** Syntax problems listed one by one, at most this many (the last error counts the rest). */
const MAX_SYNTAX_ERRORS = 20

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const template = templateSkip(input.file, 'Jenkinsfile')
  if (template) {
    out.skipped.push(template)
    return out
  }
  const p = new Pipeline(input.file, input.text, tokenize(input.text, false), context, out)
  syntaxErrors(p)
  const {tokens} = p
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind === 'punct' && token.value === '@' && p.isIdent(i + 1, 'Library')) libraryAnnotation(p, i)
    if (token.kind !== 'ident' || p.isPunct(i - 1, '.')) continue
    statement(p, i)
  }
  return out
}

/** The forms a token may start (module header). */
function statement(p: Pipeline, i: number): void {
  const {tokens} = p
  const word = tokens[i].value
  const frame = p.frameLabel(p.owner[i])
  const call = p.isPunct(i + 1, '(')
  switch (word) {
    case 'image':
      if (p.atStatementStart(i) && (frame === 'containerTemplate' || p.inAgent('docker', i)))
        imageValue(p, call ? i + 2 : i + 1, `${frame} image`, registryOf(p, i))
      return
    case 'docker':
      if (p.isPunct(i + 1, '.') && p.isIdent(i + 2, 'image') && p.isPunct(i + 3, '('))
        imageValue(p, i + 4, 'docker.image()', registryOf(p, i))
      else if (frame === 'agent' && p.atStatementStart(i) && tokens[i + 1]?.kind === 'string')
        imageValue(p, i + 1, 'agent docker', undefined)
      return
    case 'withDockerContainer':
      if (call) imageValue(p, p.namedArgs(i + 1).get('image') ?? i + 2, 'withDockerContainer', registryOf(p, i))
      return
    case 'containerTemplate':
      if (call) {
        const at = p.namedArgs(i + 1).get('image')
        if (at !== undefined) imageValue(p, at, 'containerTemplate image', undefined)
      }
      return
    case 'podTemplate':
      if (call) {
        const at = p.namedArgs(i + 1).get('yaml')
        if (at !== undefined) podYaml(p, at, 'podTemplate yaml')
      }
      return
    case 'yaml':
      if (frame === 'kubernetes' && p.atStatementStart(i)) podYaml(p, call ? i + 2 : i + 1, 'kubernetes yaml')
      return
    case 'yamlFile':
      if (frame === 'kubernetes' && p.atStatementStart(i)) {
        const at = call ? i + 2 : i + 1
        const path = p.literal(at, 'kubernetes yamlFile')
        if (path !== undefined) podFile(p, path, tokens[at])
      }
      return
    case 'library':
      if (!p.isPunct(i - 1, '@')) libraryStep(p, i)
      return
    case 'lib':
      if (frame === 'libraries' && call) libraryDirective(p, i)
      return
  }
}

/** A pod's YAML: a string, or `readTrusted('path')` / `readFile('path')` (a file of the repository). */
function podYaml(p: Pipeline, at: number, where: string): void {
  const path = readTrustedPath(p, at)
  if (path !== undefined) {
    const literal = p.literal(path, where)
    if (literal !== undefined) podFile(p, literal, p.tokens[path])
    return
  }
  podInline(p, at, where)
}

/** Unterminated strings and unbalanced braces: the file is not valid Groovy, but what can be read still is. */
function syntaxErrors(p: Pipeline): void {
  const problems: Array<{line: number; column: number; message: string}> = []
  for (const token of p.unterminated)
    problems.push({
      line: token.line,
      column: token.column,
      message: `unterminated string ${elide(JSON.stringify(token.raw ?? ''), 80)}: not read`,
    })
  const unbalanced = p.tokens.findIndex(
    (token, i) => token.kind === 'punct' && (token.value === '{' || token.value === '}') && p.match[i] === -1,
  )
  if (unbalanced >= 0) {
    const token = p.tokens[unbalanced]
    problems.push({
      line: token.line,
      column: token.column,
      message: `unbalanced "${token.value}": the blocks around it may be misread`,
    })
  }
  for (const problem of problems.slice(0, MAX_SYNTAX_ERRORS))
    p.out.errors.push(lockfileError(p.file, 'invalid-entry', problem.message, problem.line, problem.column))
  if (problems.length > MAX_SYNTAX_ERRORS)
    p.out.errors.push(
      lockfileError(p.file, 'invalid-entry', `${problems.length - MAX_SYNTAX_ERRORS} more syntax problems not listed`),
    )
}
