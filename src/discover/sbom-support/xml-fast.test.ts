import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readXmlFast} from './xml-fast.js'
import {readXmlWithSaxes, type XmlDocument, type XmlOptions} from './xml.js'

/** The tree, the skip questions asked and the elements consumed, as one string per read. */
function observe(read: (options: XmlOptions) => XmlDocument | undefined): string | undefined {
  const calls: string[] = []
  const document = read({
    skip: ({name, uri, depth}) => {
      calls.push(`skip? ${name} ${uri} ${depth}`)
      return name === 'hashes' || name === 'licenses'
    },
    consume: (element, parent, depth) => {
      calls.push(`consume ${element.name} in ${parent.name} at ${depth}: ${JSON.stringify(element)}`)
      return depth === 2 && element.name === 'component'
    },
  })
  return document && `${JSON.stringify(document)}\n${calls.join('\n')}`
}

function same(text: string): void {
  const fast = observe((options) => readXmlFast(text, options))
  expect(fast, 'the fast reader read it').toBeDefined()
  expect(fast).toBe(observe((options) => readXmlWithSaxes(text, options)))
}

const BOM = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" xmlns:x="urn:example" version="1">
  <metadata><component type="application"><name>app</name></component></metadata>
  <components>
    <component type="library" bom-ref="a@1" x:extra='v&amp;"'>
      <name>a&lt;b&#62;&#x263A;</name><version> 1.0 </version>
      <hashes><hash alg="SHA-512">abc</hash></hashes>
      <description><![CDATA[ <not> a tag ]]></description>
      <x:note>text <!-- split --> more</x:note>
      <properties><property name="p"/></properties>
      <components><component type="library"><name>nested</name></component></components>
    </component>
    <component type="library" >
      <name>😀 b</name>
    </component>
  </components>
</bom>
`

describe('readXmlFast', () => {
  it('reads what saxes reads: elements, namespaces, attributes, text, positions, skipped and consumed elements', () => {
    same(BOM)
    same('<a><b xmlns="urn:b"><c/></b><d xmlns:p="urn:p"><p:e p:f="1" f="2"/></d></a>')
    same('<root>\n\t<x   y = "1"\n/>\n</root>\n<!-- after -->\n')
    same(`<a>${'x'.repeat(5000)}<b/>${'y'.repeat(10)}</a>`)
  })

  it('gives up on what it does not read, so saxes checks it', () => {
    for (const text of [
      '',
      '<?xml version="1.0"?>',
      '<!DOCTYPE bom [<!ENTITY a "b">]><bom/>',
      '<a>&unknown;</a>',
      '<a b="1" b="2"/>',
      '<a><b></a></b>',
      '<a>]]></a>',
      '<a/><b/>',
      'text<a/>',
      '<a>\r\n</a>',
      '<a b="x\ny"/>',
      '<p:a/>',
      '<a xmlns:p=""/>',
      '<é/>',
      '<a><?pi x?></a>',
      '<a><!-- a -- b --></a>',
      '<a>&#0;</a>',
      '  <?xml version="1.0"?><a/>',
      `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`,
    ])
      expect(readXmlFast(text, {}), text.slice(0, 40)).toBeUndefined()
  })

  it('reads the CycloneDX XML fixtures as saxes does', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'tests', 'sbom', '__fixtures__')
    const files = [
      ...readdirSync(dir).map((name) => join(dir, name)),
      ...readdirSync(join(dir, 'round-trip')).map((name) => join(dir, 'round-trip', name)),
    ].filter((file) => file.endsWith('.xml'))
    expect(files.length).toBeGreaterThan(3)
    for (const file of files) same(readFileSync(file, 'utf8'))
  })
})
