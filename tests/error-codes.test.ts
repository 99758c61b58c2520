/**
 * Every error code is registered once, in src/core/errors.ts, and the table holds nothing unused. The codes are
 * found in the source text of every production module (TypeScript's parser, no type checking):
 *
 * - the first argument of `usageError(…)`, `new StewardsError(…)` and `super(…)` in a class extending StewardsError;
 * - the argument given for a parameter named `code` of any function or constructor of the same module or the one it
 *   imports it from (`lockfileError(file, 'invalid-entry', …)`, `parseYamlFile(…, 'config-invalid')`);
 * - a `code: '…'` property (error objects of the reports), zod's own `addIssue({code: 'custom'})` excepted;
 * - a string returned by a function declared to return `ErrorCode`.
 *
 * `ErrorCode` types those parameters too, so the type checker refuses an unregistered literal as well; this test
 * also covers codes that travel as plain strings (report errors) and keeps the table free of dead entries.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {ERRORS, errorCodesMarkdown, withErrorCodes} from '../src/core/errors.js'
import {repoRoot} from './support/cli.js'

const src = join(repoRoot, 'src')

function productionFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name.startsWith('__') ? [] : productionFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const sources = new Map(
  productionFiles(src).map((file) => [
    file,
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  ]),
)

/** Functions (and classes, for their constructors) of a module: name → index of its `code` parameter. */
function codeParameters(file: ts.SourceFile): Map<string, number> {
  const found = new Map<string, number>()
  const record = (name: string | undefined, parameters: ts.NodeArray<ts.ParameterDeclaration> | undefined) => {
    const index = parameters?.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'code') ?? -1
    if (name && index >= 0) found.set(name, index)
  }
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node)) record(node.name?.text, node.parameters)
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
      if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
        record(node.name.text, node.initializer.parameters)
    if (ts.isClassDeclaration(node))
      for (const member of node.members)
        if (ts.isConstructorDeclaration(member)) record(node.name?.text, member.parameters)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

const localTakers = new Map([...sources].map(([path, file]) => [path, codeParameters(file)]))

/** Where an imported name comes from: the declaring module, following `export {…} from` re-exports. */
function declaringTaker(path: string, name: string, seen = new Set<string>()): number | undefined {
  if (seen.has(path)) return undefined
  seen.add(path)
  const local = localTakers.get(path)?.get(name)
  if (local !== undefined) return local
  const file = sources.get(path)
  if (!file) return undefined
  for (const statement of file.statements) {
    const spec =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue
    const target = resolve(dirname(path), spec.text.replace(/\.js$/, '.ts'))
    const names = ts.isImportDeclaration(statement)
      ? statement.importClause?.namedBindings
      : (statement as ts.ExportDeclaration).exportClause
    if (!names || !(ts.isNamedImports(names) || ts.isNamedExports(names))) continue
    for (const element of names.elements)
      if (element.name.text === name) return declaringTaker(target, (element.propertyName ?? element.name).text, seen)
  }
  return undefined
}

interface Use {
  code: string
  where: string
  via: string
}

function stringValue(node: ts.Node | undefined): string | undefined {
  let inner = node
  while (inner && (ts.isAsExpression(inner) || ts.isParenthesizedExpression(inner) || ts.isSatisfiesExpression(inner)))
    inner = inner.expression
  return inner && (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) ? inner.text : undefined
}

function extendsStewardsError(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent)
    if (ts.isClassDeclaration(n))
      return Boolean(n.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText() === 'StewardsError')))
  return false
}

function insideZodIssue(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent)
    if (ts.isCallExpression(n) && /\.addIssue$/.test(n.expression.getText())) return true
  return false
}

function uses(): Use[] {
  const out: Use[] = []
  for (const [path, file] of sources) {
    const where = (node: ts.Node) =>
      `src/${relative(src, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = node.expression
        let index: number | undefined
        let via = ''
        if (callee.kind === ts.SyntaxKind.SuperKeyword) {
          if (extendsStewardsError(node)) [index, via] = [0, 'super']
        } else if (ts.isIdentifier(callee)) {
          index = declaringTaker(path, callee.text)
          via = callee.text
        }
        const code = index === undefined ? undefined : stringValue(node.arguments?.[index])
        if (code !== undefined) out.push({code, where: where(node), via})
      }
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'code' && !insideZodIssue(node)) {
        const code = stringValue(node.initializer)
        if (code !== undefined) out.push({code, where: where(node), via: 'code:'})
      }
      if (ts.isReturnStatement(node)) {
        for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
          if (ts.isFunctionLike(n)) {
            const code = stringValue(node.expression)
            if (n.type?.getText() === 'ErrorCode' && code !== undefined)
              out.push({code, where: where(node), via: 'return'})
            break
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }
  return out
}

describe('error codes', () => {
  const all = uses()
  const registered = new Set(Object.keys(ERRORS))

  it('finds the codes where they are written', () => {
    const vias = new Set(all.map((u) => u.via))
    for (const via of ['usageError', 'StewardsError', 'super', 'code:', 'lockfileError', 'parseYamlFile'])
      expect(vias, via).toContain(via)
    expect(all.length).toBeGreaterThan(100)
  })

  it('registers every code used in src/ in src/core/errors.ts', () => {
    const missing = all.filter((u) => !registered.has(u.code)).map((u) => `${u.where}: '${u.code}' (${u.via})`)
    expect(missing, 'add the code to ERRORS in src/core/errors.ts, with its exit status, meaning and hint').toEqual([])
  })

  it('has no code that nothing uses', () => {
    const used = new Set(all.map((u) => u.code))
    expect([...registered].filter((code) => !used.has(code))).toEqual([])
  })

  it('gives usageError only codes whose exit status is 3', () => {
    const wrong = all
      .filter((u) => u.via === 'usageError' && registered.has(u.code))
      .filter((u) => ERRORS[u.code as keyof typeof ERRORS].exit !== 3)
      .map((u) => `${u.where}: ${u.code}`)
    expect(wrong).toEqual([])
  })

  it('keeps the table sorted, each entry with a meaning', () => {
    const codes = Object.keys(ERRORS)
    expect(codes).toEqual([...codes].sort())
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      expect(entry.meaning.length, code).toBeGreaterThan(10)
    }
  })

  it('docs/error-codes.md lists them as the table says (STEWARDS_UPDATE_DOCS=1 rewrites it)', () => {
    const path = join(repoRoot, 'docs', 'error-codes.md')
    const wanted = withErrorCodes(readFileSync(path, 'utf8'))
    if (process.env.STEWARDS_UPDATE_DOCS === '1') writeFileSync(path, wanted)
    expect(
      readFileSync(path, 'utf8'),
      'docs/error-codes.md is out of date: run STEWARDS_UPDATE_DOCS=1 npx vitest run tests/error-codes.test.ts',
    ).toBe(wanted)
    for (const code of registered) expect(errorCodesMarkdown()).toContain(`| \`${code}\` |`)
  })
})
