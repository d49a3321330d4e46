// DEPLOY.md is what a deployer follows in the CloudBase console: it must name every collection, index and
// subscribe-message template the code relies on, with the same fields.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const guide = fs.readFileSync(path.join(root, 'DEPLOY.md'), 'utf8')
const rows = guide.split('\n').filter((l) => l.startsWith('| `'))
const cells = (row: string) => row.split('|').map((c) => c.trim())

interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}
const collections: Record<string, { indexes: IndexSpec[] }> = JSON.parse(
  fs.readFileSync(path.join(root, 'database/collections.json'), 'utf8'),
).collections
const templates: Record<string, { title: string; fields: Record<string, string> }> = JSON.parse(
  fs.readFileSync(path.join(root, 'database/subscribe-templates.json'), 'utf8'),
)

describe('DEPLOY.md', () => {
  const indexCases = Object.entries(collections).flatMap(([name, c]) =>
    c.indexes.map((i) => [name, i] as const),
  )

  it.each(indexCases)(
    'lists %s index %o with its fields in order and its uniqueness',
    (collection, index) => {
      const row = rows.find((r) => cells(r)[1] === `\`${collection}\`` && cells(r)[2] === `\`${index.name}\``)
      expect(row).toBeDefined()
      const fields = Object.entries(index.keys)
        .map(([k, dir]) => `\`${k}\` ${dir === 1 ? '↑' : '↓'}`)
        .join(', ')
      expect(cells(row!)[3]).toBe(fields)
      expect(cells(row!)[4]).toBe(index.unique ? 'yes' : 'no')
    },
  )

  it('lists no index that the code does not declare', () => {
    const declared = new Set(indexCases.map(([c, i]) => `${c}/${i.name}`))
    const listed = rows
      .filter(
        (r) => cells(r).length === 6 && /^`[a-z_]+`$/.test(cells(r)[2]) && !cells(r)[2].startsWith('`tmpl'),
      )
      .map((r) => `${cells(r)[1].replace(/`/g, '')}/${cells(r)[2].replace(/`/g, '')}`)
    expect(listed.filter((l) => !declared.has(l))).toEqual([])
  })

  it.each(Object.entries(templates))('lists template %s with its fields', (id, t) => {
    const row = rows.find((r) => cells(r)[1] === `\`${id}\``)
    expect(row).toBeDefined()
    expect(cells(row!)[2]).toBe(t.title)
    expect(cells(row!)[3]).toBe(
      Object.entries(t.fields)
        .map(([k, type]) => `${k} (${type})`)
        .join(', '),
    )
  })
})
