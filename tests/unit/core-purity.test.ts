// core/ runs in the mini program and in cloud functions alike: it may import only these packages.
import fs from 'node:fs'
import path from 'node:path'

const ALLOWED = new Set(['dayjs', 'dayjs/plugin/utc', 'zod/mini', 'chinese-days'])
const coreDir = path.resolve(__dirname, '../../core')

function importsOf(source: string): string[] {
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm
  const out: string[] = []
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4])
  return out
}

describe('core/ imports nothing platform-specific', () => {
  const files = fs.readdirSync(coreDir).filter((f) => f.endsWith('.ts'))

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  it.each(files)('%s imports only relative modules and the allowed packages', (file) => {
    const bad = importsOf(fs.readFileSync(path.join(coreDir, file), 'utf8')).filter(
      (spec) => !spec.startsWith('./') && !ALLOWED.has(spec),
    )
    expect(bad).toEqual([])
  })

  it('the checker catches a forbidden import', () => {
    const sample =
      "import Taro from '@tarojs/taro'\nimport * as cloud from 'wx-server-sdk'\nimport fs from 'node:fs'"
    expect(importsOf(sample).filter((s) => !ALLOWED.has(s))).toEqual([
      '@tarojs/taro',
      'wx-server-sdk',
      'node:fs',
    ])
  })
})
