import {describe, expect, it} from 'vitest'
import {artifactUri} from './uri.js'

describe('artifactUri', () => {
  it('keeps scan-root paths relative to %SRCROOT%, each segment percent-encoded', () => {
    expect(artifactUri('deploy/app.yaml')).toEqual({uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%'})
    expect(artifactUri('./services/web app/package-lock.json')).toEqual({
      uri: 'services/web%20app/package-lock.json',
      uriBaseId: '%SRCROOT%',
    })
    expect(artifactUri('a#b/c?d/100%/é.yaml').uri).toBe('a%23b/c%3Fd/100%25/%C3%A9.yaml')
    expect(artifactUri('c:weird/x.yaml').uri).toBe('c%3Aweird/x.yaml')
    // Discover writes `/` separators: elsewhere a backslash is part of a name (a neutralised `\u202E` too).
    expect(artifactUri('deploy\\u202E/app.yaml').uri).toBe('deploy%5Cu202E/app.yaml')
  })

  it('turns an absolute path into a file: URI without a base', () => {
    expect(artifactUri('/srv/deploy/app one.yaml')).toEqual({uri: 'file:///srv/deploy/app%20one.yaml'})
    expect(artifactUri('C:\\deploy\\app.yaml')).toEqual({uri: 'file:///C:/deploy/app.yaml'})
  })
})
