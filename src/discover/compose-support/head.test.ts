import {describe, expect, it} from 'vitest'
import {isComposeHead} from './head.js'

describe('isComposeHead', () => {
  it('takes a services: mapping, never a list, and a key only when a colon and a space or the end follow it', () => {
    expect(isComposeHead('services:\n  web:\n    image: nginx:1.27\n')).toBe(true)
    expect(isComposeHead('name: shop\nservices:\n  "web" :\n    image: nginx\n')).toBe(true)
    expect(isComposeHead('services:\n  web: {image: nginx}\n')).toBe(true)
    expect(isComposeHead('services:\n  - docker:dind\n')).toBe(false)
    expect(isComposeHead('services:\n  web:nginx\n')).toBe(false)
    expect(isComposeHead('apiVersion: v1\nkind: Pod\n')).toBe(false)
    // A directive, a document's end, an anchored services: and a top-level merge key are YAML Compose reads (review).
    expect(isComposeHead('%YAML 1.2\n---\nservices:\n  web:\n    image: nginx\n...\n')).toBe(true)
    expect(isComposeHead('x-base: &base\n  restart: always\nservices: &all\n  web:\n    <<: *base\n')).toBe(true)
    expect(isComposeHead('<<: *defaults\nservices:\n  web:\n    image: nginx\n')).toBe(true)
  })

  it('reads a long run of spaces after a service name in one pass (an expression backtracked on it: 64,000 took 13 s)', () => {
    expect(isComposeHead(`services:\n  a${' '.repeat(200_000)}b\n`)).toBe(false)
    expect(isComposeHead(`services:\n  "a${' '.repeat(200_000)}\n`)).toBe(false)
    expect(isComposeHead(`services:\n  a${' '.repeat(200_000)}:\n`)).toBe(true)
    // A service's key line, and many of them: one pass over the lines.
    expect(isComposeHead(`services:\n  web:\n    image${' '.repeat(200_000)}:\n`)).toBe(true)
    expect(isComposeHead(`services:\n  web:\n    project${' '.repeat(200_000)}:\n`)).toBe(false)
    expect(isComposeHead(`services:\n${'  web:\n    image: nginx\n'.repeat(20_000)}`)).toBe(true)
  })

  it('takes a service only with keys Compose has (azure.yaml, Tugboat and KubeVela services were taken as Compose)', () => {
    // Azure Developer CLI, Tugboat, KubeVela: keys Compose refuses in a service.
    expect(isComposeHead('name: todo\nservices:\n  web:\n    project: ./src/web\n    host: containerapp\n')).toBe(false)
    expect(isComposeHead('services:\n  php:\n    image: tugboatqa/php:8\n    default: true\n')).toBe(false)
    expect(isComposeHead('services:\n  db:\n    image: tugboatqa/mysql:8\n  php:\n    commands: {}\n')).toBe(false)
    expect(isComposeHead('name: app\nservices:\n  api:\n    type: webservice\n    image: example/api:1\n')).toBe(false)
    // Compose's keys, extensions, a merge key, quoted keys, deeper keys of any name, a flow-style service: Compose.
    expect(
      isComposeHead(
        [
          'services:',
          '  web:',
          '    <<: *base',
          '    "image": nginx',
          '    x-owner: team-a',
          '    build:',
          '      context: .',
          '      type: ignored',
          '    command: |',
          '      project: a line of the command',
          '    depends_on: [db]',
          '  db: {image: postgres, project: x}',
          '  cache:',
          '      image: redis',
          'volumes:',
          '  data:',
          '    project: not a service',
          '',
        ].join('\n'),
      ),
    ).toBe(true)
    // Keys past a line the head cut are not judged; a key the head cut is not either.
    expect(isComposeHead('services:\n  web:\n    image: nginx\n    proj')).toBe(true)
  })
})
