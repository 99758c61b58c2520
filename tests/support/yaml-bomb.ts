/**
 * A "billion laughs" YAML document: a list of 9 scalars, then `levels` anchors that each alias the one before 9
 * times (9^(levels+1) nodes once expanded). Its first alias is at line 2, column 8: where a reader with an alias
 * budget must stop. Ends with a newline.
 */
export function yamlAliasBomb(levels = 6): string {
  const names = 'abcdefghijklmnopqrstuvwxyz'
  const lines = [`a: &a [${Array(9).fill('x').join(', ')}]`]
  for (let i = 1; i <= levels; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    )
  return `${lines.join('\n')}\n`
}
