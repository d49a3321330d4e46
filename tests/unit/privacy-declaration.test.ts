// The project's privacy declaration (src/components/privacy/declaration.json) is what the console's privacy guide
// must say: DEPLOY.md (section 6) and PRIVACY.md list exactly its items, and name as unused what it does not declare.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const declaration: { items: { key: string; console: string }[]; notUsed: string[] } = JSON.parse(
  fs.readFileSync(path.join(root, 'src/components/privacy/declaration.json'), 'utf8'),
)
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8')
const deploySection = (() => {
  const text = read('DEPLOY.md')
  return text.slice(text.indexOf('## 6. Privacy'))
})()
const privacyTable = (() => {
  const text = read('PRIVACY.md')
  return text.slice(text.indexOf('## 开发者处理的信息'), text.indexOf('## 指引正文'))
})()
/** the (console item, key) pairs of a markdown table whose first two columns are those */
const pairs = (md: string) =>
  md
    .split('\n')
    .filter((l) => /^\| [^-|]/.test(l) && /`[A-Za-z]+`/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((c) => [c[1], c[2].replace(/`/g, '')])

const declared = declaration.items.map((i) => [i.console, i.key])

test('DEPLOY.md section 6 lists exactly the declared privacy types', () => {
  expect(pairs(deploySection)).toEqual(declared)
})

test('PRIVACY.md lists exactly the declared privacy types', () => {
  expect(pairs(privacyTable)).toEqual(declared)
})

test('选中的文件 is declared (chooseMessageFile), and the clipboard is not: both documents say so', () => {
  expect(declared.map(([, k]) => k)).toContain('MessageFile')
  expect(declared.map(([, k]) => k)).not.toContain('Clipboard')
  expect(declaration.notUsed).toContain('Clipboard')
  expect(deploySection).toMatch(/Not used, do not declare: 剪切板/)
  expect(privacyTable).toMatch(/No clipboard \(剪切板\)/)
})

test('PRIVACY.md cites only files that exist', () => {
  const cited = [
    ...read('PRIVACY.md').matchAll(/`((?:src|server|core|tests|cloudfunctions)\/[^`\s]+)`/g),
  ].map((m) => m[1])
  expect(cited.length).toBeGreaterThan(3)
  expect(cited.filter((f) => !fs.existsSync(path.join(root, f)))).toEqual([])
})

test('no page calls a clipboard API', () => {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .flatMap((d) =>
        d.isDirectory() ? files(`${dir}/${d.name}`) : /\.tsx?$/.test(d.name) ? [`${dir}/${d.name}`] : [],
      )
  expect(files('src').filter((f) => /ClipboardData/.test(read(f)))).toEqual([])
})
