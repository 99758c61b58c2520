import {describe, expect, it} from 'vitest'
import {directReference, splitPipUrl} from './pypi-index.js'

describe('pypi-index', () => {
  it("takes pip's fragment metadata out of a direct reference's URL, keeping any other fragment", () => {
    // pyproject.toml and setup.py write `name @ git+https://…#subdirectory=…` as requirements files do.
    expect(directReference('git+https://github.com/acme/mono.git@v1.2.0#subdirectory=py&egg=acme')).toEqual({
      qualifiers: {vcs_url: 'git+https://github.com/acme/mono.git@v1.2.0'},
    })
    expect(directReference('https://files.example.com/acme-1.0.tar.gz#sha256=abc&egg=acme')).toEqual({
      qualifiers: {download_url: 'https://files.example.com/acme-1.0.tar.gz#sha256=abc'},
    })
    expect(directReference('file:///opt/wheels/acme-1.0.whl#egg=acme')).toEqual({local: true})
    expect(splitPipUrl('git+https://h/r.git#subdirectory=a/b&egg=n-1.0')).toEqual({
      url: 'git+https://h/r.git',
      egg: 'n-1.0',
      subdirectory: 'a/b',
    })
  })
})
