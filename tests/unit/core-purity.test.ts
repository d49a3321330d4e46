// core/ runs in the mini program and in cloud functions alike: it may import only these packages, nothing else of
// the project, and its domains form no import cycle (type-only imports included).
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

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(p) : e.name.endsWith('.ts') ? [p] : []
  })

/** the core file a relative import names (a folder means its index.ts) */
function resolveIn(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec)
  return fs.existsSync(base + '.ts') ? base + '.ts' : path.join(base, 'index.ts')
}

/** every import cycle among the given files, as lists of core-relative paths */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (f: string) => {
    state.set(f, 'open')
    stack.push(f)
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') cycles.push(stack.slice(stack.indexOf(g)).concat(g))
      else if (!state.has(g)) visit(g)
    }
    stack.pop()
    state.set(f, 'done')
  }
  for (const f of graph.keys()) if (!state.has(f)) visit(f)
  return cycles.map((c) => c.map((f) => path.relative(coreDir, f)))
}

const files = filesUnder(coreDir)
const rel = (f: string) => path.relative(coreDir, f)

describe('core/ imports nothing platform-specific', () => {
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(30)
  })

  it.each(files.map(rel))('%s imports only core modules and the allowed packages', (file) => {
    const full = path.join(coreDir, file)
    const bad = importsOf(fs.readFileSync(full, 'utf8')).filter(
      (spec) =>
        !(spec.startsWith('.') && resolveIn(full, spec).startsWith(coreDir + path.sep)) && !ALLOWED.has(spec),
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

describe('core/ is one folder per domain with no import cycle', () => {
  const graph = new Map(
    files.map((f) => [
      f,
      importsOf(fs.readFileSync(f, 'utf8'))
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveIn(f, s)),
    ]),
  )

  it('has no cycle among its files', () => {
    expect(cyclesOf(graph)).toEqual([])
  })

  it('the cycle finder finds a planted cycle', () => {
    const a = path.join(coreDir, 'a.ts'),
      b = path.join(coreDir, 'b.ts'),
      c = path.join(coreDir, 'c.ts')
    expect(
      cyclesOf(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('keeps only the assembled contract and schemas at the top; every domain has an index', () => {
    const top = fs.readdirSync(coreDir).filter((f) => f.endsWith('.ts'))
    expect(top.sort()).toEqual(['api.ts', 'schemas.ts'])
    for (const d of fs.readdirSync(coreDir, { withFileTypes: true }).filter((e) => e.isDirectory()))
      expect(fs.existsSync(path.join(coreDir, d.name, 'index.ts'))).toBe(true)
  })
})
