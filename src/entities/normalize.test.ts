import {describe, expect, it} from 'vitest'
import {normalizeDomain, normalizeLogin, normalizeName} from './normalize.js'
import {isPublicWebmail, publicWebmailDomains} from './webmail.js'

describe('normalizeName', () => {
  it.each([
    ['Huawei Technologies Co., Ltd.', 'huawei technologies'],
    ['Huawei Technologies Co. Ltd', 'huawei technologies'],
    ['HUAWEI TECHNOLOGIES CO.,LTD.', 'huawei technologies'],
    ['  Red   Hat\tInc. ', 'red hat'],
    ['@huawei', 'huawei'],
    ['Ｈｕａｗｅｉ', 'huawei'],
    ['Salesforce.com, Inc.', 'salesforce.com'],
    ['TNK Trading International S.A.', 'tnk trading international'],
    ['Zenior AS', 'zenior'],
    ['Sample “Quoted” Optics, Inc.', 'sample "quoted" optics'],
    ['Hound Technology Inc. dba Honeycomb', 'hound technology inc. dba honeycomb'],
    ['Caiyun Technology (Caicloud)', 'caiyun technology (caicloud)'],
    ['华为技术有限公司', '华为技术有限公司'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected)
  })

  it('keeps words that are not legal forms, so different names stay different', () => {
    expect(normalizeName('Alibaba Group')).not.toBe(normalizeName('Alibaba'))
    expect(normalizeName('Tencent Holdings Limited')).toBe('tencent holdings')
    expect(normalizeName('Jd.Co')).toBe('jd.co')
  })

  it('keeps a name made only of legal-form words', () => {
    expect(normalizeName('Co.')).toBe('co')
    expect(normalizeName('Inc')).toBe('inc')
  })
})

describe('normalizeDomain', () => {
  it('takes the domain of an address, lower-cased, without a trailing dot', () => {
    expect(normalizeDomain('Jane.Doe@Mail.Example.COM')).toBe('mail.example.com')
    expect(normalizeDomain('<someone@example.com>')).toBe('example.com')
    expect(normalizeDomain('example.com.')).toBe('example.com')
  })

  it('converts international names to punycode and rejects what is no domain', () => {
    expect(normalizeDomain('user@bücher.example')).toBe('xn--bcher-kva.example')
    expect(normalizeDomain('not a domain')).toBeUndefined()
    expect(normalizeDomain('localhost')).toBeUndefined()
    expect(normalizeDomain('')).toBeUndefined()
  })
})

describe('normalizeLogin', () => {
  it('lower-cases and strips one @, rejecting invalid logins', () => {
    expect(normalizeLogin('@HuaweiCloud')).toBe('huaweicloud')
    expect(normalizeLogin('huawei-cloudnative')).toBe('huawei-cloudnative')
    expect(normalizeLogin('no spaces')).toBeUndefined()
    expect(normalizeLogin('x'.repeat(40))).toBeUndefined()
  })
})

describe('isPublicWebmail', () => {
  it('knows the common webmail providers, including sub-domains and GitHub noreply', () => {
    for (const address of [
      'a@gmail.com',
      'b@QQ.com',
      'c@163.com',
      'd@outlook.com',
      'e@vip.qq.com',
      '1+x@users.noreply.github.com',
    ]) {
      expect(isPublicWebmail(address), address).toBe(true)
    }
  })

  it('does not treat company domains or look-alikes as webmail', () => {
    for (const address of ['a@huawei.com', 'b@notgmail.com', 'c@gmail.com.example.com', 'not an address']) {
      expect(isPublicWebmail(address), address).toBe(false)
    }
  })

  it('lists its domains sorted and unique', () => {
    const domains = publicWebmailDomains()
    expect(domains).toEqual([...new Set(domains)].sort())
    expect(domains).toContain('gmail.com')
  })
})
