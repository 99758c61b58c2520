/** One `<meta name="go-import" content="prefix vcs repo-root [subdir]">` tag (https://go.dev/ref/mod#vcs-find). */
export interface GoImport {
  prefix: string
  vcs: string
  url: string
  subdir?: string
}

/**
 * Reads go-import meta tags the way cmd/go does: only in the document head (it stops at `<body>` or
 * `</head>`), attributes in any order and either quote style.
 */
export function parseGoImports(html: string): GoImport[] {
  const head = html.split(/<\/head>|<body[\s>]/i)[0].slice(0, 1_000_000)
  const imports: GoImport[] = []
  for (const tag of head.match(/<meta\s[^>]*>/gi) ?? []) {
    const attributes = new Map<string, string>()
    for (const match of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes.set(match[1].toLowerCase(), match[2] ?? match[3])
    if (attributes.get('name') !== 'go-import') continue
    const fields = (attributes.get('content') ?? '').trim().split(/\s+/)
    if (fields.length !== 3 && fields.length !== 4) continue
    const [prefix, vcs, url, subdir] = fields
    imports.push(subdir ? {prefix, vcs, url, subdir} : {prefix, vcs, url})
  }
  return imports
}

/** The tag cmd/go would use for a module path: the longest prefix that matches at a `/` boundary. */
export function matchingImport(imports: readonly GoImport[], path: string): GoImport | null {
  const candidates = imports.filter((i) => i.vcs !== 'mod' && (path === i.prefix || path.startsWith(`${i.prefix}/`)))
  return candidates.sort((a, b) => b.prefix.length - a.prefix.length)[0] ?? null
}
