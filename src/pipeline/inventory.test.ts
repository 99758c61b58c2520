import {describe, expect, it} from 'vitest'
import {incompleteHint} from './inventory.js'

const errors = (...files: string[]) => files.map((file) => ({file, code: 'invalid-json', message: 'x'}))
const tail = (exclude: string) =>
  `Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude '${exclude}/**'.`

describe('incompleteHint', () => {
  it('says nothing without errors', () => {
    expect(incompleteHint([])).toBeUndefined()
  })

  it('names the folder the files share when each is in a folder of its own', () => {
    expect(incompleteHint(errors('repo/testdata/a/x.json', 'repo/testdata/b/x.json', 'repo/testdata/c/x.json'))).toBe(
      `incomplete (exit 2): 3 files not read completely (3 errors); in repo/testdata/ (3). ${tail('repo/testdata')}`,
    )
  })

  it('names a group by the deepest folder its files share, most files first, at most three, and says when there are more', () => {
    const hint = incompleteHint([
      ...errors('a/fixtures/one/p.json', 'a/fixtures/two/p.json', 'a/fixtures/two/p.json'),
      ...errors('b/x.yaml', 'c/d/e.yaml', 'f/g.yaml', 'top.yaml'),
    ])
    expect(hint).toBe(
      `incomplete (exit 2): 6 files not read completely (7 errors); in a/fixtures/ (2), b/ (1), c/d/ (1) and elsewhere. ${tail('a/fixtures')}`,
    )
  })

  it('never names a scanned PATH, or a folder holding one, as the folder to leave out (linkerd2, scanned by its path)', () => {
    const files = errors(
      'linkerd2/cli/cmd/testdata/bad.input.yml',
      'linkerd2/test/integration/deep/dualstack/testdata/policy.yml',
    )
    expect(incompleteHint(files, ['linkerd2'])).toBe(
      `incomplete (exit 2): 2 files not read completely (2 errors); in linkerd2/cli/cmd/testdata/ (1), linkerd2/test/integration/deep/dualstack/testdata/ (1). ${tail('linkerd2/cli/cmd/testdata')}`,
    )
    // Without the PATH known, the shared folder is named (as from inside the tree, where it is a real subfolder).
    expect(incompleteHint(files)).toContain(tail('linkerd2'))
    // A PATH given with ./ or a trailing slash, and an absolute one, are the same PATH; a file directly in it has no folder to name.
    expect(incompleteHint(files, ['./linkerd2/'])).toContain(tail('linkerd2/cli/cmd/testdata'))
    expect(incompleteHint(errors('/work/linkerd2/a/x.yml', '/work/linkerd2/b/y.yml'), ['/work/linkerd2'])).toContain(
      tail('/work/linkerd2/a'),
    )
    expect(incompleteHint(errors('/work/linkerd2/x.yml'), ['/work/linkerd2'])).toMatch(/with --exclude\.$/)
  })

  it('names no folder for files at the top of the tree', () => {
    expect(incompleteHint(errors('package-lock.json', '-'))).toBe(
      'incomplete (exit 2): 2 files not read completely (2 errors). Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude.',
    )
  })

  it('keeps a folder name with a line break on one line, and suggests no glob for it (`\\u000A` names nothing)', () => {
    expect(incompleteHint(errors('bad\nname/x.json'))).toBe(
      'incomplete (exit 2): 1 file not read completely (1 error); in bad\\u000Aname/ (1). Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude.',
    )
    expect(incompleteHint(errors('e\u001B[31m/x.json'))).toMatch(/with --exclude\.$/)
  })

  it('quotes the folder for the shell and escapes its glob characters: pasting the hint runs nothing from a name', () => {
    expect(incompleteHint(errors("a'$(touch pwned)'b/x.json"))).toContain(
      ` with --exclude 'a'\\''$\\(touch pwned\\)'\\''b/**'.`,
    )
    expect(incompleteHint(errors('!neg/c[1]/x*y{a,b}?/x.json'))).toContain(
      ` with --exclude '\\!neg/c\\[1\\]/x\\*y\\{a,b\\}\\?/**'.`,
    )
  })
})
