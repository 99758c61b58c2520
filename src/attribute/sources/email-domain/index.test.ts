import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CollectedProject, CommitRecord} from '../../../core/model.js'
import {projectEvidence} from '../../attribute-project.js'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../../entities/load.js'
import {source} from './index.js'
import {emptyProject} from '../../__fixtures__/project.js'

const fixtures = join(import.meta.dirname, '..', '..', '__fixtures__')

/** A GitHub-collected project (vouchers such as signatures and public e-mails come from GitHub). */
function project(parts: Partial<CollectedProject> = {}): CollectedProject {
  return emptyProject({source: 'github', ...parts})
}

function commit(sha: string, email: string, extra: Partial<CommitRecord> = {}): CommitRecord {
  const signature = {name: 'Dev', email, date: '2024-05-01T00:00:00Z'}
  return {sha, author: signature, committer: signature, login: null, ...extra}
}

describe('email-domain source', async () => {
  const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
  const context = await loadAttributionContext({entities})
  const evidence = projectEvidence(project(), [], context)

  it('maps a listed domain and its sub-domains, citing the entity file', () => {
    const [claim] = source.claims({email: 'dev@eu.example.com'}, context, evidence)
    expect(claim).toMatchObject({
      person: 'dev@eu.example.com',
      organization: 'Example Corp',
      source: 'email-domain',
      method: 'domain',
    })
    expect(claim.from).toBeUndefined()
    expect(claim.citation).toMatch(
      /^author email domain eu\.example\.com: example\.com is listed for 'example-corp' in .*example\.yaml/,
    )
  })

  it('never attributes webmail, noreply, website-only or unlisted domains, nor without organisation data', async () => {
    for (const email of [
      'a@gmail.com',
      'b@vip.qq.com',
      '1+c@users.noreply.github.com',
      'd@samplelabs.example',
      'e@unlisted.example',
    ]) {
      expect(source.claims({email}, context, evidence), email).toEqual([])
    }
    expect(source.claims({email: 'dev@example.com'}, await loadAttributionContext({}), evidence)).toEqual([])
  })

  it('marks a domain claim nothing vouches for as unverified (anyone can commit with any address)', () => {
    const [claim] = source.claims({email: 'dev@example.com', login: 'dev'}, context, evidence)
    expect(claim.verification).toEqual({status: 'unverified'})
  })

  it('records a signature GitHub verified, committed by its own author, as vouching for the address', () => {
    const signed = projectEvidence(
      project({
        commits: [
          commit('b2', 'dev@example.com', {verified: true}),
          commit('a1', 'dev@example.com', {verified: true}),
          // Signed, but committed by someone else (a rebase, a web-flow merge): the signature is the committer's.
          commit('c3', 'other@example.com', {
            verified: true,
            committer: {name: 'GitHub', email: 'noreply@github.com', date: '2024-05-01T00:00:00Z'},
          }),
          commit('d4', 'unsigned@example.com', {verified: false}),
        ],
      }),
      [],
      context,
    )
    const [claim] = source.claims({email: 'dev@example.com'}, context, signed)
    expect(claim.verification).toEqual({
      status: 'verified',
      vouchedBy: [{kind: 'commit-signature', citation: 'commit a1 (signature verified by GitHub)'}],
    })
    for (const email of ['other@example.com', 'unsigned@example.com'])
      expect(source.claims({email}, context, signed)[0].verification, email).toEqual({status: 'unverified'})
  })

  it("records the linked account's public e-mail and affiliation files listing the address", async () => {
    const withProfile = projectEvidence(
      project({profiles: {Dev: {login: 'Dev', email: 'Dev@Example.com'}}}),
      [],
      context,
    )
    expect(source.claims({email: 'dev@example.com', login: 'dev'}, context, withProfile)[0].verification).toEqual({
      status: 'verified',
      vouchedBy: [{kind: 'public-email', citation: 'public e-mail of the GitHub profile of Dev'}],
    })
    const files = await loadAttributionContext({
      entities,
      affiliations: [join(fixtures, 'gitdm.txt')],
      overrides: join(fixtures, 'affiliations.yaml'),
    })
    const gitdmListed = source.claims({email: 'alice@example.com'}, files, evidence)[0].verification
    expect(gitdmListed?.status).toBe('verified')
    expect(gitdmListed?.vouchedBy?.map((v) => v.kind)).toEqual(['affiliation-file'])
    expect(gitdmListed?.vouchedBy?.[0].citation).toMatch(/gitdm\.txt:\d+$/)
  })
})
