import {describe, expect, it} from 'vitest'
import {botMatcher} from './bots.js'

describe('botMatcher', () => {
  const bots = botMatcher(['ci-runner@example.com', 'Release Robot', 'deployer'])
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
