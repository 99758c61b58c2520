// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the pipelines under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const FIXTURES = join(import.meta.dirname, '__fixtures__')
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8')
const noFiles: DiscoverContext = {readText: () => null, exists: () => false}

function discover(text: string, file = 'Jenkinsfile', context: DiscoverContext = noFiles) {
  return discoverer.discover({file, text}, context) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.name} ${c.version ?? '-'} ${c.digest ?? '-'} ${c.scope ?? '-'} -> ${c.purl}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const NOT_IN_EFFECT =
  "is set only by environment blocks not in effect here (another stage's; or the agent's own stage's or pipeline's, which Jenkins applies after setting up the agent)"
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

/** A context serving files of a fictional tree. */
function tree(files: Record<string, string>): DiscoverContext {
  const map = new Map(Object.entries(files))
  return {readText: (file) => map.get(file) ?? null, exists: (file) => map.has(file)}
}

describe('jenkinsfile', () => {
  it('claims the names Jenkins users give pipelines, at any depth', () => {
    const claimed = [
      'Jenkinsfile',
      'ci/Jenkinsfile',
      'Jenkinsfile.release',
      'a/b/deploy.jenkinsfile',
      'deploy.Jenkinsfile',
      // apache/mxnet, apache/zookeeper, jenkins-infra/kubernetes-management
      'ci/jenkins/Jenkinsfile_unix_cpu',
      'tests/nightly/JenkinsfileForBinaries',
      'Jenkinsfile-PreCommit',
      'Jenkinsfile_k8s',
      'jenkinsfile',
      'ci/Jenkinsfile.j2',
    ]
    const notClaimed = [
      'Jenkinsfile.',
      'Jenkinsfile-',
      'MyJenkinsfile',
      'Jenkinsfileish',
      'jenkinsfile.go',
      'jenkinsfile_test.go',
      'Jenkinsfile/x.groovy',
      'build.groovy',
    ]
    expect(claimed.filter((file) => !discoverer.matches(file))).toEqual([])
    expect(notClaimed.filter(discoverer.matches)).toEqual([])
  })

  it('skips a template of a Jenkinsfile (Jinja, Go, ERB...), as the dockerfile format does', () => {
    const jinja = "pipeline { agent { docker { image '{{ image }}' } } }"
    for (const file of [
      'ci/jenkins/Jenkinsfile.j2',
      'Jenkinsfile_unix.tmpl',
      'Jenkinsfile.gotmpl',
      'Jenkinsfile.ERB',
    ]) {
      const out = discover(jinja, file)
      const base = file.slice(file.lastIndexOf('/') + 1)
      expect(out.components).toEqual([])
      expect(out.errors).toEqual([])
      expect(out.skipped).toEqual([
        {
          file,
          reason: 'unsupported',
          message: `${base} is a template (${base.slice(base.lastIndexOf('.'))}), not a Jenkinsfile: render it and scan the result`,
        },
      ])
    }
    // A name that only looks like one is read.
    expect(rows(discover("pipeline { agent { docker 'node:20' } }", 'Jenkinsfile.template-free'))).toEqual([
      'Jenkinsfile.template-free:1:27 node:20 docker.io/library/node 20 - - -> pkg:docker/library/node@20',
    ])
  })

  describe('real pipelines', () => {
    it('reads a declarative kubernetes agent with inline pod YAML (jenkinsci/kubernetes-plugin)', () => {
      const out = discover(fixture('kubernetes-plugin/declarative.Jenkinsfile'))
      expect(rows(out)).toEqual([
        'Jenkinsfile:19:12 ubuntu docker.io/library/ubuntu latest - - -> pkg:docker/library/ubuntu@latest',
      ])
      expect(out.components[0]).toMatchObject({kind: 'image', origin: 'manifest'})
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('reads podTemplate(yaml:) in a scripted pipeline (jenkinsci/kubernetes-plugin)', () => {
      const out = discover(fixture('kubernetes-plugin/multi-container.Jenkinsfile'))
      expect(rows(out)).toEqual([
        'Jenkinsfile:13:12 maven:3.9.9-eclipse-temurin-17 docker.io/library/maven 3.9.9-eclipse-temurin-17 - - -> pkg:docker/library/maven@3.9.9-eclipse-temurin-17',
        'Jenkinsfile:15:12 golang:1.23.1-bookworm docker.io/library/golang 1.23.1-bookworm - - -> pkg:docker/library/golang@1.23.1-bookworm',
      ])
      expect(out.errors).toEqual([])
    })

    it('reads containerTemplate() in podTemplate(containers:) (jenkinsci/kubernetes-plugin)', () => {
      const out = discover(fixture('kubernetes-plugin/maven-with-cache.Jenkinsfile'))
      expect(rows(out)).toEqual([
        'Jenkinsfile:11:43 maven:3.9.9-eclipse-temurin-17 docker.io/library/maven 3.9.9-eclipse-temurin-17 - - -> pkg:docker/library/maven@3.9.9-eclipse-temurin-17',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('reads yamlFile from the repository root above the Jenkinsfile, located in the pod file (jenkinsci/kubernetes-plugin)', () => {
      const dir = 'examples/declarative_from_yaml_file'
      const context = tree({
        [`${dir}/KubernetesPod.yaml`]: fixture(
          'kubernetes-plugin/examples/declarative_from_yaml_file/KubernetesPod.yaml',
        ),
      })
      const out = discover(
        fixture('kubernetes-plugin/examples/declarative_from_yaml_file/Jenkinsfile'),
        `${dir}/Jenkinsfile`,
        context,
      )
      expect(rows(out)).toEqual([
        `${dir}/KubernetesPod.yaml:11:12 maven:3.8.1-jdk-8 docker.io/library/maven 3.8.1-jdk-8 - - -> pkg:docker/library/maven@3.8.1-jdk-8`,
        `${dir}/KubernetesPod.yaml:20:12 busybox docker.io/library/busybox latest - - -> pkg:docker/library/busybox@latest`,
      ])
      expect(out.errors).toEqual([])
      const missing = discover(
        fixture('kubernetes-plugin/examples/declarative_from_yaml_file/Jenkinsfile'),
        `${dir}/Jenkinsfile`,
      )
      expect(missing.components).toEqual([])
      expect(errors(missing)).toEqual([
        '4:16 include-not-read yamlFile examples/declarative_from_yaml_file/KubernetesPod.yaml: no such file beside the Jenkinsfile or in a folder above it; its images are not listed',
      ])
    })

    it('reads stage-level docker agents (jenkinsci/pipeline-examples)', () => {
      const out = discover(fixture('pipeline-examples/mavenDocker.Jenkinsfile'))
      expect(rows(out)).toEqual([
        'Jenkinsfile:34:17 maven:3.5.0-jdk-8 docker.io/library/maven 3.5.0-jdk-8 - - -> pkg:docker/library/maven@3.5.0-jdk-8',
        'Jenkinsfile:65:21 maven:3.5.0-jdk-8 docker.io/library/maven 3.5.0-jdk-8 - - -> pkg:docker/library/maven@3.5.0-jdk-8',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('fills templates from top-level assignments, through registryUrl (apache/couchdb)', () => {
      const out = discover(fixture('couchdb/Jenkinsfile'), 'build-aux/Jenkinsfile')
      expect(rows(out)).toEqual([
        'build-aux/Jenkinsfile:63:17 apache/couchdbci-debian:bookworm-erlang-27.3.4.13 docker.io/apache/couchdbci-debian bookworm-erlang-27.3.4.13 - - -> pkg:docker/apache/couchdbci-debian@bookworm-erlang-27.3.4.13',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })
  })

  describe('docker images', () => {
    it('reads declarative docker agents at pipeline and stage level, and scripted docker.image()', () => {
      const out = discover(
        [
          'pipeline {',
          "  agent { docker 'node:20' }",
          '  stages {',
          "    stage('a') {",
          '      agent {',
          '        docker {',
          "          image 'maven:3.9'",
          "          args '-v /tmp:/tmp'",
          "          registryUrl 'https://registry.example.com:5000/'",
          '        }',
          '      }',
          '    }',
          "    stage('b') { agent { docker { image('acme/tool@sha256:0123456789012345678901234567890123456789012345678901234567890123') } } }",
          "    stage('c') { agent { dockerfile true } }",
          "    stage('d') { steps { script { docker.image('postgres:16').withRun('-p 5432') { c -> sh 'true' } } } }",
          '  }',
          '}',
          "node { docker.withRegistry('https://ghcr.io', 'creds') { docker.image('acme/app:1.2').inside { sh 'make' } } }",
          "node { docker.build('acme/built:1', '.') ; withDockerContainer(image: 'alpine:3.20') { sh 'true' } }",
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:2:18 node:20 docker.io/library/node 20 - - -> pkg:docker/library/node@20',
        'Jenkinsfile:7:17 maven:3.9 registry.example.com:5000/maven 3.9 - - -> pkg:docker/maven@3.9?repository_url=registry.example.com%3A5000',
        'Jenkinsfile:13:41 acme/tool@sha256:0123456789012345678901234567890123456789012345678901234567890123 docker.io/acme/tool - sha256:0123456789012345678901234567890123456789012345678901234567890123 - -> pkg:docker/acme/tool@sha256:0123456789012345678901234567890123456789012345678901234567890123',
        'Jenkinsfile:15:48 postgres:16 docker.io/library/postgres 16 - - -> pkg:docker/library/postgres@16',
        'Jenkinsfile:18:71 acme/app:1.2 ghcr.io/acme/app 1.2 - - -> pkg:docker/acme/app@1.2?repository_url=ghcr.io',
        'Jenkinsfile:19:71 alpine:3.20 docker.io/library/alpine 3.20 - - -> pkg:docker/library/alpine@3.20',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('fills templates from the pipeline, stage and top level; reports what it cannot fill', () => {
      const out = discover(
        [
          "def REGISTRY = 'registry.example.com'",
          'String BASE = "${REGISTRY}/acme"',
          "TWICE = 'a'",
          "TWICE = 'b'",
          'pipeline {',
          '  agent none',
          "  environment { JDK = '21'\n    COMPUTED = sh(script: 'cat v', returnStdout: true) }",
          '  stages {',
          "    stage('build') {",
          '      environment { TAG = "jdk${JDK}" }',
          '      steps { script { docker.image("${BASE}/builder:${env.TAG}").inside { } } }',
          '    }',
          "    stage('other') {",
          '      agent { docker { image "maven:${TAG}" } }',
          '    }',
          '    stage(\'p\') { agent { docker { image "maven:${params.JDK}" } } }',
          '    stage(\'q\') { agent { docker { image "${COMPUTED}/x:1" } } }',
          '    stage(\'r\') { agent { docker { image "acme/$TWICE:1" } } }',
          "    stage('s') { agent { docker { image 'maven:${JDK}' } } }",
          '    stage(\'t\') { agent { docker { image "maven:" + JDK } } }',
          '  }',
          '}',
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:12:37 registry.example.com/acme/builder:jdk21 registry.example.com/acme/builder jdk21 - - -> pkg:docker/acme/builder@jdk21?repository_url=registry.example.com',
      ])
      expect(skips(out)).toEqual([
        // TAG is the environment of another stage.
        `15 unresolved-version docker image "maven:\${TAG}": \${TAG} ${NOT_IN_EFFECT}; not guessed`,
        '17 unresolved-version docker image "maven:${params.JDK}": ${params.JDK} is an expression; not guessed',
        '18 unsupported docker image "${COMPUTED}/x:1": ${COMPUTED} is set to an expression (sh ( script : "cat v" , returnStdout : true )); not guessed',
        '19 unsupported docker image "acme/$TWICE:1": ${TWICE} is set to more than one value at the top level; not guessed',
        '20 unsupported docker image "maven:${JDK}" holds a $ Groovy does not fill in (a single-quoted string, or an escaped \\$); not guessed',
        '21 unsupported docker image "maven:" + JDK: computed, not read',
      ])
      expect(out.errors).toEqual([])
    })

    it('reads docker.image() of a name, and reports computed ones', () => {
      const out = discover(
        [
          "def img = 'redis:7'",
          'node {',
          '  docker.image(img).pull()',
          '  docker.image(meta[platform].image).inside { }',
          '  docker.image(unknown).run()',
          "  docker.withRegistry(env.REGISTRY) { docker.image('acme/x:1').pull() }",
          '}',
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:1:11 redis:7 docker.io/library/redis 7 - - -> pkg:docker/library/redis@7',
      ])
      expect(skips(out)).toEqual([
        '4 unsupported docker.image() meta [ platform ] . image: computed, not read',
        '5 unsupported docker.image() unknown: the name is not set in this file (top-level assignments and environment blocks are read); not guessed',
        '6 unsupported docker.image() "acme/x:1" is pulled through the registry env . REGISTRY, computed; not guessed',
      ])
    })

    it('refuses image strings with control or bidirectional characters, as the image helpers do', () => {
      const out = discover(
        "pipeline { agent { docker { image 'alpine:3.20\u202E' } } }\nnode { docker.image('acme/\u0007x:1') }",
      )
      expect(out.components).toEqual([])
      expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual([
        '1:35 invalid-image-ref',
        '2:21 invalid-image-ref',
      ])
    })
  })

  describe('kubernetes pods', () => {
    it('maps inline YAML lines into the Jenkinsfile, with templates filled in', () => {
      const out = discover(
        [
          "def TAG = '3.9.9'",
          'pipeline {',
          '  agent {',
          '    kubernetes {',
          '      yaml """',
          '        spec:',
          '          initContainers:',
          '          - name: init',
          '            image: busybox:1.36',
          '          containers:',
          '          - name: maven',
          '            image: maven:${TAG}',
          '          - name: app',
          '            image: "acme/app:${params.V}"',
          '      """',
          '      containerTemplate {',
          "        name 'shell'",
          "        image 'ubuntu:24.04'",
          '      }',
          '    }',
          '  }',
          '}',
          "podTemplate(yaml: '''spec: {containers: [{name: a, image: \"alpine:3.20\"}]}''') { node(POD_LABEL) { } }",
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:9:20 busybox:1.36 docker.io/library/busybox 1.36 - - -> pkg:docker/library/busybox@1.36',
        'Jenkinsfile:12:20 maven:3.9.9 docker.io/library/maven 3.9.9 - - -> pkg:docker/library/maven@3.9.9',
        'Jenkinsfile:18:15 ubuntu:24.04 docker.io/library/ubuntu 24.04 - - -> pkg:docker/library/ubuntu@24.04',
        'Jenkinsfile:23:59 alpine:3.20 docker.io/library/alpine 3.20 - - -> pkg:docker/library/alpine@3.20',
      ])
      expect(skips(out)).toEqual([
        '14 unsupported kubernetes yaml: image "acme/app:${params.V}": ${params.V} is an expression; not guessed',
      ])
      expect(out.errors).toEqual([])
    })

    it('reports __proto__ keys and broken YAML at their Jenkinsfile lines, and keeps the rest', () => {
      const out = discover(
        [
          'pipeline {',
          '  agent {',
          '    kubernetes {',
          "      yaml '''",
          'spec:',
          '  __proto__: {polluted: true}',
          '  containers:',
          '  - name: a',
          '    image: alpine:3.20',
          '  - name: b',
          '    image: 42',
          "'''",
          '    }',
          '  }',
          '}',
          "podTemplate(yaml: 'spec: [') {}",
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:9:12 alpine:3.20 docker.io/library/alpine 3.20 - - -> pkg:docker/library/alpine@3.20',
      ])
      expect(out.errors.map((e) => `${e.line} ${e.code}`)).toEqual(
        expect.arrayContaining(['6 forbidden-key', '11 invalid-image-field', '16 yaml-syntax']),
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it('reads yamlFile and readTrusted() beside the Jenkinsfile first; refuses paths outside the tree', () => {
      const pod = 'spec:\n  containers:\n  - name: a\n    image: alpine:3.20\n'
      const context = tree({
        'ci/pod.yaml': pod,
        'pod.yaml': 'spec:\n  containers:\n  - {name: b, image: "nginx:1.27"}\n',
      })
      const out = discover(
        [
          "pipeline { agent { kubernetes { yamlFile 'pod.yaml' } } }",
          "podTemplate(yaml: readTrusted('pod.yaml')) { }",
          "pipeline { agent { kubernetes { yamlFile '/etc/pod.yaml' } } }",
          "pipeline { agent { kubernetes { yamlFile '../../../pod.yaml' } } }",
          'pipeline { agent { kubernetes { yamlFile podFile } } }',
        ].join('\n'),
        'ci/Jenkinsfile',
        context,
      )
      expect(rows(out)).toEqual([
        'ci/pod.yaml:4:12 alpine:3.20 docker.io/library/alpine 3.20 - - -> pkg:docker/library/alpine@3.20',
        'ci/pod.yaml:4:12 alpine:3.20 docker.io/library/alpine 3.20 - - -> pkg:docker/library/alpine@3.20',
      ])
      expect(skips(out)).toEqual([
        '3 unsupported yamlFile /etc/pod.yaml: an absolute path, outside the repository; not read',
        '5 unsupported kubernetes yamlFile podFile: computed, not read',
      ])
      expect(errors(out)).toEqual([
        '4:42 include-not-read yamlFile ../../../pod.yaml: no such file beside the Jenkinsfile or in a folder above it; its images are not listed',
      ])
    })
  })

  describe('shared libraries', () => {
    it('lists libraries retrieved from git with their ref, credentials removed', () => {
      const out = discover(
        [
          "library identifier: 'acme-lib@v1.2.0', retriever: modernSCM([$class: 'GitSCMSource',",
          "    remote: 'https://bot:s3cret@git.example.com/acme/acme-lib.git', credentialsId: 'git'])",
          "library(identifier: 'tools@main', retriever: modernSCM(scm: git('https://github.com/acme/tools.git')))",
          "def lib = library identifier: 'gh@0.3', retriever: modernSCM(GitHubSCMSource(repoOwner: 'acme', repository: 'gh'))",
          "library identifier: 'nover', retriever: modernSCM(git(remote: 'https://git.example.com/nover.git'))",
          "library identifier: 'svn@1', retriever: modernSCM([$class: 'SubversionSCMSource', remoteBase: 'https://svn.example.com/x'])",
          "library identifier: \"dyn@${params.REF}\", retriever: modernSCM([$class: 'GitSCMSource', remote: 'https://git.example.com/dyn.git'])",
          "library identifier: 'far@1', retriever: legacySCM(scm: [$class: 'GitSCM', userRemoteConfigs: [[url: 'git@github.com:acme/far.git']]])",
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:1:21 https://git.example.com/acme/acme-lib.git@v1.2.0 acme-lib v1.2.0 - dev -> pkg:generic/acme-lib@v1.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Facme%2Facme-lib.git%40v1.2.0',
        'Jenkinsfile:3:21 https://github.com/acme/tools.git@main tools main - dev -> pkg:generic/tools@main?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Ftools.git%40main',
        'Jenkinsfile:4:31 https://github.com/acme/gh.git@0.3 gh 0.3 - dev -> pkg:generic/gh@0.3?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fgh.git%400.3',
        'Jenkinsfile:8:21 git@github.com:acme/far.git@1 far 1 - dev -> pkg:generic/far@1?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme%2Ffar.git%401',
      ])
      expect(out.components.every((c) => c.direct === true && c.kind === 'package' && c.ecosystem === 'generic')).toBe(
        true,
      )
      expect(JSON.stringify(out)).not.toContain('s3cret')
      expect(skips(out)).toEqual([
        "5 unresolved-version shared library nover from https://git.example.com/nover.git: no version written (library identifier 'name@version'); not listed",
        '6 unsupported library svn@1 retriever SubversionSCMSource: not a git source this format reads; not listed',
        '7 unresolved-version shared library "dyn@${params.REF}": ${params.REF} is an expression; not listed',
      ])
    })

    it('names libraries configured in Jenkins in a skip', () => {
      const out = discover(
        [
          "@Library('acme-shared@2.0') _",
          "@Library(['one', 'two@main']) import acme.Tool",
          "library 'three@v3'",
          "library('four')",
          'pipeline {',
          "  libraries { lib('five@1') }",
          '  agent any',
          '}',
        ].join('\n'),
      )
      expect(out.components).toEqual([])
      const configured =
        'its source is configured in Jenkins (global, folder or organisation libraries), not in this file; not listed'
      expect(skips(out)).toEqual([
        `1 unsupported shared library "acme-shared@2.0" (@Library): ${configured}`,
        `2 unsupported shared library "one" (@Library): ${configured}`,
        `2 unsupported shared library "two@main" (@Library): ${configured}`,
        `3 unsupported shared library "three@v3" (library step): ${configured}`,
        `4 unsupported shared library "four" (library step): ${configured}`,
        `6 unsupported shared library "five@1" (libraries { lib }): ${configured}`,
      ])
    })
  })

  it('takes the innermost environment in effect first, and a GitSCMSource(remote:) retriever', () => {
    const out = discover(
      [
        "library identifier: 'plain@2.1', retriever: modernSCM(GitSCMSource(remote: 'https://git.example.com/plain.git'))",
        'pipeline {',
        "  environment { JDK = '17' }",
        '  agent { docker { image "eclipse-temurin:${JDK}" } }',
        '  stages {',
        "    stage('outer') {",
        "      environment { JDK = '21' }",
        '      stages {',
        '        stage(\'inner\') { agent { docker { image "eclipse-temurin:${env.JDK}-jre" } } }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      'Jenkinsfile:1:21 https://git.example.com/plain.git@2.1 plain 2.1 - dev -> pkg:generic/plain@2.1?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fplain.git%402.1',
      'Jenkinsfile:9:49 eclipse-temurin:21-jre docker.io/library/eclipse-temurin 21-jre - - -> pkg:docker/library/eclipse-temurin@21-jre',
    ])
    // The pipeline's agent is set up before the pipeline's environment.
    expect(skips(out)).toEqual([
      `4 unresolved-version docker image "eclipse-temurin:\${JDK}": \${JDK} ${NOT_IN_EFFECT}; not guessed`,
    ])
  })

  describe('scopes, as Jenkins evaluates them', () => {
    it("sets up a stage's agent before the stage's environment, the pipeline's before the pipeline's", () => {
      // The reviewer's repro: Jenkins pulls eclipse-temurin:17, and MVN is not set for the pipeline's agent.
      const out = discover(
        [
          'pipeline {',
          '  agent { docker { image "maven:${MVN}" } }',
          '  environment {',
          "    JDK = '17'",
          "    MVN = '3.9.6'",
          '  }',
          '  stages {',
          "    stage('t') {",
          "      environment { JDK = '21' }",
          '      agent { docker { image "eclipse-temurin:${JDK}" } }',
          '      steps { script { docker.image("eclipse-temurin:${JDK}-jre").inside { sh \'java -version\' } } }',
          '    }',
          "    stage('outer') {",
          "      environment { JDK = '11' }",
          '      stages {',
          '        stage(\'inner\') { agent { docker { image "eclipse-temurin:${JDK}-jdk" } } }',
          '      }',
          '    }',
          '  }',
          '}',
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:10:30 eclipse-temurin:17 docker.io/library/eclipse-temurin 17 - - -> pkg:docker/library/eclipse-temurin@17',
        // Steps run inside the stage's environment.
        'Jenkinsfile:11:37 eclipse-temurin:21-jre docker.io/library/eclipse-temurin 21-jre - - -> pkg:docker/library/eclipse-temurin@21-jre',
        // A nested stage's agent sees its parent stage's environment.
        'Jenkinsfile:16:49 eclipse-temurin:11-jdk docker.io/library/eclipse-temurin 11-jdk - - -> pkg:docker/library/eclipse-temurin@11-jdk',
      ])
      expect(skips(out)).toEqual([
        `2 unresolved-version docker image "maven:\${MVN}": \${MVN} ${NOT_IN_EFFECT}; not guessed`,
      ])
      expect(out.errors).toEqual([])
    })

    it('fills a variable in where it is defined: its own block first, then the top level, then the blocks around it', () => {
      const out = discover(
        [
          "def BASE = 'registry.example.com/base'",
          "JDK = '17'",
          'pipeline {',
          '  agent none',
          '  environment {',
          '    NODE_IMAGE = "node:${NODE_MAJOR}"',
          "    NODE_MAJOR = '20'",
          '    JAVA_IMAGE = "eclipse-temurin:${JDK}"',
          "    JDK = '21'",
          '    PATH = "${env.PATH}:/opt"',
          "    REG = 'ghcr.io/acme'",
          '  }',
          '  stages {',
          "    stage('c') {",
          "      environment { NODE_MAJOR = '18'",
          "        BASE = 'ignored'",
          '        TOOL = "${REG}/tool:${NODE_MAJOR}" }',
          '      agent { docker { image "${NODE_IMAGE}" } }',
          '      steps {',
          '        script {',
          '          docker.image("${JAVA_IMAGE}").pull()',
          '          docker.image("${BASE}:${env.JDK}").pull()',
          '          docker.image("${env.BASE}:1").pull()',
          '          docker.image("${TOOL}").pull()',
          '          docker.image("acme/x:${PATH}").pull()',
          '        }',
          '      }',
          '    }',
          '  }',
          '}',
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        // NODE_MAJOR of the pipeline's block (20), not the using stage's (18), as the reviewer's syn/Jenkinsfile.
        'Jenkinsfile:18:30 node:20 docker.io/library/node 20 - - -> pkg:docker/library/node@20',
        // A bare ${JDK} in an environment entry: the block's own JDK (21) before the top level's (17).
        'Jenkinsfile:21:24 eclipse-temurin:21 docker.io/library/eclipse-temurin 21 - - -> pkg:docker/library/eclipse-temurin@21',
        // A bare ${BASE} is Groovy's top-level variable before any environment; ${env.JDK} the environment's.
        'Jenkinsfile:22:24 registry.example.com/base:21 registry.example.com/base 21 - - -> pkg:docker/base@21?repository_url=registry.example.com',
        'Jenkinsfile:23:24 ignored:1 docker.io/library/ignored 1 - - -> pkg:docker/library/ignored@1',
        // The stage's block sees the pipeline's REG and its own NODE_MAJOR.
        'Jenkinsfile:24:24 ghcr.io/acme/tool:18 ghcr.io/acme/tool 18 - - -> pkg:docker/acme/tool@18?repository_url=ghcr.io',
      ])
      expect(skips(out)).toEqual([
        '25 unresolved-version docker.image() "acme/x:${PATH}": ${PATH} (${env.PATH} is the value before this entry, not set in this file); not guessed',
      ])
    })
  })

  describe('matrix', () => {
    it("lists one image per cell, excludes applied, in Jenkins's order (jenkinsci/pipeline-model-definition-plugin)", () => {
      // The plugin's own test pipeline, with an agent naming both axes put in its matrix; MatrixTest.java
      // matrixPipelineTwoAxisExcludeNot expects these nine cells.
      const text = fixture('pipeline-model-definition/matrixPipelineTwoAxisExcludeNot.Jenkinsfile')
      const withAgent = text.replace(
        '                stages {\n',
        '                agent { docker { image "acme/${BROWSER_VALUE}:${OS_VALUE}" } }\n                stages {\n',
      )
      expect(withAgent).not.toEqual(text)
      const out = discover(withAgent)
      expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)).toEqual([
        '62:40 acme/firefox:linux',
        '62:40 acme/firefox:windows',
        '62:40 acme/firefox:mac',
        '62:40 acme/chrome:linux',
        '62:40 acme/chrome:windows',
        '62:40 acme/chrome:mac',
        '62:40 acme/safari:windows',
        '62:40 acme/safari:mac',
        '62:40 acme/ie:windows',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
      // Unchanged, the pipeline names no image.
      expect(discover(text)).toMatchObject({components: [], skipped: [], errors: []})
    })

    it("sees the axes and the matrix's enclosing stage, not the matrix's own environment; one image when all cells agree", () => {
      const out = discover(
        [
          'pipeline {',
          '  agent none',
          '  stages {',
          "    stage('m') {",
          "      environment { REG = 'registry.example.com' }",
          '      matrix {',
          "        axes { axis { name 'JDK'; values '11', '17' }",
          '          axis {',
          "            name 'ARCH'",
          "            values 'amd64',",
          "              'arm64'",
          '          } }',
          "        environment { FLAVOR = 'jre' }",
          '        agent { docker { image "${REG}/temurin:${JDK}-${env.ARCH}" } }',
          '        stages {',
          "          stage('x') {",
          '            agent { docker { image "eclipse-temurin:${JDK}-${FLAVOR}" } }',
          '            steps { script { docker.image("acme/tool:${REG}".replace(\'.\', \'-\')).pull(); docker.image("alpine:3.20").pull() } }',
          '          }',
          '          stage(\'y\') { agent { docker { image "maven:${FLAVOR}" } } }',
          '        }',
          '      }',
          '    }',
          "    stage('m2') { matrix { axes { axis { name 'JDK'; values '21' } }",
          "      environment { FLAVOR = 'jdk' }",
          '      agent { docker { image "eclipse-temurin:${JDK}-${FLAVOR}" } } } }',
          '  }',
          '}',
        ].join('\n'),
      )
      expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)).toEqual([
        '14:32 registry.example.com/temurin:11-amd64',
        '14:32 registry.example.com/temurin:17-amd64',
        '14:32 registry.example.com/temurin:11-arm64',
        '14:32 registry.example.com/temurin:17-arm64',
        // A stage inside the cell sees the axes and the matrix's environment.
        '17:36 eclipse-temurin:11-jre',
        '17:36 eclipse-temurin:17-jre',
        '18:102 alpine:3.20',
        '20:47 maven:jre',
      ])
      expect(skips(out)).toEqual([
        '18 unsupported docker.image() "acme/tool:${REG}" . replace ( "." , "-" ): computed, not read',
        // The matrix's own environment is applied after its agent.
        `26 unresolved-version docker image "eclipse-temurin:\${JDK}-\${FLAVOR}": \${FLAVOR} ${NOT_IN_EFFECT}; not guessed`,
      ])
      expect(out.errors).toEqual([])
    })

    it('reports a matrix it does not expand: too many cells, values not literal, every cell excluded', () => {
      const axis = (name: string, n: number) =>
        `axis { name '${name}'; values ${Array.from({length: n}, (_, i) => `'${i}'`).join(', ')} }`
      const out = discover(
        [
          "stage('big') { matrix {",
          `  axes { ${axis('A', 8)} ${axis('B', 9)} }`,
          '  agent { docker { image "acme/a:${A}" } }',
          '} }',
          "stage('computed') { matrix {",
          "  axes { axis { name 'V'; values \"${X}\", '2' } }",
          '  agent { docker { image "acme/v:${V}" } }',
          '} }',
          "stage('none') { matrix {",
          "  axes { axis { name 'W'; values '1' } }",
          "  excludes { exclude { axis { name 'W'; values '1' } } }",
          '  agent { docker { image "acme/w:${W}" } }',
          '} }',
          "stage('axis name') { matrix {",
          "  axes { axis { name 'IMAGE'; values 'redis:7', 'valkey/valkey:8' } }",
          '  agent { docker { image IMAGE } }',
          '} }',
        ].join('\n'),
      )
      expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)).toEqual([
        '16:26 redis:7',
        '16:26 valkey/valkey:8',
      ])
      expect(skips(out)).toEqual([
        '3 unresolved-version docker image "acme/a:${A}": ${A} is a matrix axis (0, 1, 2, 3, 4, 5, 6, 7); not expanded: the matrix has more than 64 cells',
        '7 unresolved-version docker image "acme/v:${V}": ${V} is not set in this file (top-level assignments and environment blocks are read); not guessed',
        '12 unresolved-version docker image "acme/w:${W}": ${W} is a matrix axis (1); not expanded: every cell of the matrix is excluded',
      ])
      expect(out.errors).toEqual([])
    })
  })

  describe('hostile input', () => {
    it('reports an unterminated string and an unbalanced brace at their lines, and reads the rest', () => {
      const out = discover(
        [
          'pipeline {',
          "  agent { docker { image 'maven:3.9 } }",
          '  stages {',
          "    stage('a') { agent { docker { image 'node:20' } } }",
          '    stage(\'b\') { agent { docker { image """alpine:3.20 } } }',
          '',
        ].join('\n'),
      )
      expect(rows(out)).toEqual([
        'Jenkinsfile:4:41 node:20 docker.io/library/node 20 - - -> pkg:docker/library/node@20',
      ])
      expect(errors(out)).toEqual([
        '2:26 invalid-entry unterminated string "maven:3.9 } }": not read',
        '5:41 invalid-entry unterminated string "alpine:3.20 } } }\\n": not read',
        '1:10 invalid-entry unbalanced "{": the blocks around it may be misread',
      ])
    })

    // Larger pipelines: bench/hostile.ts (time per byte at 4n against n).
    it('reads a pipeline of 2,000 stages', () => {
      const stages = Array.from(
        {length: 2_000},
        (_, i) => `    stage('s${i}') { agent { docker { image 'acme/s:${i}' } } }`,
      )
      const out = discover(['pipeline {', '  agent none', '  stages {', ...stages, '  }', '}'].join('\n'))
      expect(out.components).toHaveLength(2_000)
      expect(rows(out)[1_999]).toBe(
        'Jenkinsfile:2003:45 acme/s:1999 docker.io/acme/s 1999 - - -> pkg:docker/acme/s@1999',
      )
      expect(out.errors).toEqual([])
    })

    it('never throws on fragments of pipelines in random order', () => {
      const pieces = [
        'pipeline',
        '{',
        '}',
        '(',
        ')',
        '[',
        ']',
        'agent',
        'docker',
        'image',
        "'a:1'",
        '"${X}"',
        '"$Y"',
        "'''",
        '"""',
        '\n',
        'kubernetes',
        'yaml',
        'yamlFile',
        'containerTemplate',
        'podTemplate',
        'library',
        '@Library',
        'identifier:',
        'retriever:',
        'modernSCM',
        'git',
        'remote:',
        ':',
        ',',
        '.',
        '=',
        'def',
        'X',
        'environment',
        'stage',
        'withRegistry',
        'registryUrl',
        'readTrusted',
        'lib',
        'libraries',
        '$class',
        "'GitSCMSource'",
        '\\',
        '__proto__',
        ';',
        '"',
        "'",
        'matrix',
        'axes',
        'axis',
        'name',
        "'X'",
        'values',
        'notValues',
        'excludes',
        'exclude',
      ]
      const context = tree({'pod.yaml': 'spec: {containers: [{image: alpine}]}'})
      let seed = 42
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        return seed % n
      }
      let components = 0
      for (let round = 0; round < 2000; round++) {
        // What comes after a complete first line never takes its image away.
        const text = `node { docker.image('alpine:3.20') }\n${Array.from({length: next(80)}, () => pieces[next(pieces.length)]).join(' ')}`
        const out = discover(text, 'Jenkinsfile', context)
        if (out.components.some((c) => c.ref === 'alpine:3.20' && c.locations[0].line === 1)) components++
      }
      expect(components).toBe(2000)
    })

    it('survives deep nesting, stray closers, empty and odd files', () => {
      expect(discover('{'.repeat(50_000)).components).toEqual([])
      expect(discover('}'.repeat(1000) + "\nnode { docker.image('alpine:3.20') }").components).toHaveLength(1)
      expect(discover('').components).toEqual([])
      expect(discover('docker.image(').skipped.map((s) => s.reason)).toEqual(['unsupported'])
      expect(discover('library identifier:').components).toEqual([])
      expect(discover("@Library('x").errors[0]).toMatchObject({line: 1, code: 'invalid-entry'})
      const proto = discover('def __proto__ = \'x\'\nnode { docker.image("acme/${__proto__}:1") }')
      expect(rows(proto)).toEqual(['Jenkinsfile:2:21 acme/x:1 docker.io/acme/x 1 - - -> pkg:docker/acme/x@1'])
    })

    it('bounds templates that fan out through variables, and reads hostile matrices', () => {
      // V0 holds V1 twenty times, V1 holds V2 twenty times...: 20^8 templates if each were filled in.
      const entries = Array.from({length: 8}, (_, i) => `V${i} = "${`\${V${i + 1}}`.repeat(20)}"`)
      const wide = discover(
        `pipeline { environment {\n${entries.join('\n')}\nV8 = 'x' }\nstages { stage('s') { steps { script { docker.image("acme/\${V0}:1").pull() } } } } }`,
      )
      expect(wide.components).toEqual([])
      expect(wide.skipped).toHaveLength(1)
      expect(wide.skipped[0].message).toContain('more than 1000 templates through variables')
      const proto = discover(
        [
          "stage('s') { matrix {",
          "  axes { axis { name '__proto__'; values 'a', 'constructor' } }",
          '  agent { docker { image "acme/${__proto__}:1" } }',
          "  stages { stage('t') { matrix { axes { axis { name 'N'; values '1', '2' } }",
          '    agent { docker { image "acme/${__proto__}:${N}" } } } } }',
          '} }',
        ].join('\n'),
      )
      // A matrix in a matrix (Jenkins refuses it) is read as the product of both.
      expect(proto.components.map((c) => `${c.locations[0].line} ${c.ref}`)).toEqual([
        '3 acme/a:1',
        '3 acme/constructor:1',
        '5 acme/a:1',
        '5 acme/constructor:1',
        '5 acme/a:2',
        '5 acme/constructor:2',
      ])
      const manyValues = `values ${Array.from({length: 2000}, (_, i) => `'${i}'`).join(', ')}`
      const many = discover(
        `stage('s') { matrix { axes { axis { name 'A'; ${manyValues} } }\nagent { docker { image "acme/a:\${A}" } } } }`,
      )
      expect(skips(many)).toEqual([
        '2 unresolved-version docker image "acme/a:${A}": ${A} is not set in this file (top-level assignments and environment blocks are read); not guessed',
      ])
    })
  })
})
