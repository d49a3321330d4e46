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

describe('DEPLOY.md: the platform settings WeChat does not take from the code', () => {
  const fns = fs
    .readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'cloudfunctions', d.name, 'config.json')))
    .map((d) => d.name)

  it.each(fns)('gives %s the timeout its config.json declares (the console default is 3 s)', (fn) => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', fn, 'config.json'), 'utf8'))
    const row = rows.find((r) => cells(r)[1] === `\`${fn}\`` && cells(r).length === 4)
    expect(row).toBeDefined()
    expect(Number(cells(row!)[2])).toBe(config.timeout)
  })

  it('pins the runtime, the minimum base library, the downloadFile domain and the repository root', () => {
    expect(guide).toMatch(/Runtime: Node\.js 16 or later/)
    expect(guide).toMatch(/minimum base library to 2\.32\.3/)
    expect(guide).toMatch(/downloadFile合法域名/)
    expect(guide).toMatch(/import the \*\*repository root\*\*/)
  })

  it('restricts storage writes by path in the rule itself', () => {
    const rule = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(guide.slice(guide.indexOf('## 4. Storage')))![1])
    expect(rule.read).toBe(false)
    const allowed = (p: string) => {
      const m = /\/(.*)\/\.test\(resource\.path\) == true/.exec(rule.write)!
      return new RegExp(m[1].replace(/\\\//g, '/')).test(p)
    }
    expect(allowed('companies/c1/members/m1/a.jpg')).toBe(true)
    expect(allowed('companies/c1/admin/x.csv')).toBe(true)
    expect(allowed('companies/c1/exports/x.csv')).toBe(false)
    expect(allowed('other/a.jpg')).toBe(false)
    expect(rule.write).toMatch(/^resource\.openid == auth\.openid && /)
  })
})
