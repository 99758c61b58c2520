import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {botMatcher, loadBotRules, parseBotRules} from './bots.js'

describe('botMatcher with the shipped rules (rules/bots/default.yaml)', async () => {
  const bots = botMatcher(await loadBotRules(), ['ci-runner@example.com', 'Release Robot', 'deployer'])
  const is = (name: string, email: string, login?: string) => bots.isBot({name, email, login})

  it('recognises [bot] accounts and automation-looking email local parts', () => {
    expect(is('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com')).toBe(true)
    expect(is('Bot Person', 'bot@example.com')).toBe(true)
    expect(is('CI', 'project-bot@example.com')).toBe(true)
    expect(is('CI', 'k8s_bot@example.com')).toBe(true)
    expect(is('CI', 'build.bot@example.com')).toBe(true)
    expect(is('OpenTelemetry Bot', '107717825+opentelemetrybot@users.noreply.github.com')).toBe(true)
    expect(is('Automation', 'istio-automation@example.com')).toBe(true)
  })

  it('recognises CI identities that look human, seen in widely used projects', () => {
    const caught = (name: string, email: string) => bots.match({name, email})?.id
    expect(caught('github-actions', 'github-actions@github.com')).toBe('github-actions-identity')
    expect(caught('GitHub Action', 'action@github.com')).toBe('github-action-identity')
    expect(caught('OscBot', 'noreply@github.com')).toBe('github-noreply-author')
    expect(caught('GitHub Actions Bot', 'eslint@googlegroups.com')).toBe('github-actions-bot-name')
    expect(caught('Jenkins', 'jenkins@eslint-03')).toBe('jenkins-host')
    expect(caught('ImgBotApp', 'ImgBotHelp@gmail.com')).toBe('imgbot')
    // A person who happens to be called Jenkins on their laptop is a person.
    expect(caught('Jenkins', 'jenkins@Jenkinss-MacBook-Pro.local')).toBeUndefined()
  })

  it('recognises configured logins, emails and names, case-insensitively', () => {
    expect(is('Someone', 'CI-Runner@example.com')).toBe(true)
    expect(is('release robot', 'r@example.com')).toBe(true)
    expect(is('D', 'd@example.com', 'Deployer')).toBe(true)
  })

  it('leaves people alone', () => {
    expect(is('Alice', 'alice@example.com', 'alice')).toBe(false)
    expect(is('Bob', 'bot.builder@example.com')).toBe(false)
    expect(is('Robotics Fan', 'robotics@example.com')).toBe(false)
    expect(is('Carol', 'carol-bot-fan@example.com')).toBe(false)
  })
})

describe('bot rules as data, overridable', () => {
  it("adds the user's rules, keeps people they name as humans, and switches shipped rules off by id", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stewards-bots-'))
    const file = join(dir, 'bots.yaml')
    await writeFile(
      file,
      [
        'bots:',
        '  - id: our-release-job',
        '    email: releases@example.com',
        '    why: our release pipeline',
        'humans:',
        '  - email: bot@example.com',
        '    why: Bo T., a person',
        'disable: [github-noreply-author]',
        '',
      ].join('\n'),
    )
    const bots = botMatcher(await loadBotRules([file]))
    expect(bots.match({name: 'Release', email: 'releases@example.com'})).toMatchObject({
      id: 'our-release-job',
      citation: `${file}:2`,
    })
    expect(bots.isBot({name: 'Bo', email: 'bot@example.com'})).toBe(false)
    expect(bots.isBot({name: 'OscBot', email: 'noreply@github.com'})).toBe(false)
    expect(bots.isBot({name: 'dependabot[bot]', email: 'x@example.com'})).toBe(true)
    // Without the shipped rules, only the file's.
    const only = botMatcher(await loadBotRules([file], {shipped: false}))
    expect(only.isBot({name: 'dependabot[bot]', email: 'x@example.com'})).toBe(false)
  })

  it('refuses a rule without a reason, with two fields, or with a broken pattern, naming file and line', () => {
    expect(() => parseBotRules('bots:\n  - email: a@example.com\n', 'b.yaml')).toThrow(/b\.yaml:2.*why/)
    expect(() => parseBotRules('bots:\n  - {email: a@x.org, name: A, why: w}\n', 'b.yaml')).toThrow(
      /exactly one of email, local, name, login/,
    )
    expect(() => parseBotRules("bots:\n  - {name: {pattern: '('}, why: w}\n", 'b.yaml')).toThrow(/b\.yaml:2/)
    // Lookaround is no RE2: refused, not run on a backtracking engine.
    expect(() => parseBotRules("bots:\n  - {name: {pattern: 'a(?!b)'}, why: w}\n", 'b.yaml')).toThrow(
      /^b\.yaml:2: not a regular expression RE2 reads: /,
    )
  })

  it('runs patterns in linear time: a rule from a scanned tree cannot hang attribution', () => {
    const bots = botMatcher(parseBotRules("bots:\n  - {email: {pattern: '^(.*.*)*x$'}, why: w}\n", 'b.yaml'))
    expect(bots.isBot({name: 'Dev', email: 'dev17@mail.example.net'})).toBe(false)
    expect(bots.isBot({name: 'Dev', email: 'ci@example.x'})).toBe(true)
  })
})
