import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readCommitsFile} from './offline-input.js'

describe('readCommitsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-commits-'))
  const write = (name: string, text: string) => {
    const file = join(dir, name)
    writeFileSync(file, text)
    return file
  }
  const author = {name: 'A', email: 'a@example.com', date: '2024-01-01T00:00:00+02:00'}

  it('keeps valid records (committer and login optional) and reports the others', async () => {
    const file = write(
      'c.json',
      JSON.stringify([
        {sha: '1', author},
        {sha: '2', author, committer: author, login: 'A'},
        {sha: '3', author: {...author, date: 'soon'}},
      ]),
    )
    const {commits, problems} = await readCommitsFile(file)
    expect(commits).toEqual([
      {sha: '1', author, committer: author, login: null},
      {sha: '2', author, committer: author, login: 'A'},
    ])
    expect(problems).toEqual([{file, message: 'commit [2] author.date: not a date; skipped'}])
  })

  it('names the file and line of broken JSON, and refuses what is not an array', async () => {
    const broken = write('broken.json', '[\n  {"sha": "1",\n  oops\n]')
    await expect(readCommitsFile(broken)).rejects.toThrow(new RegExp(`^${broken}:3: invalid JSON at line 3, column 3`))
    const object = write('object.json', '{"commits": []}')
    await expect(readCommitsFile(object)).rejects.toThrow(`${object}: expected a JSON array of commit records`)
  })
})
