// Sizes of the weapp build's packages against WeChat's limits (main ≤ 2 048 KB, all ≤ 20 MB) and our target for
// the main package (≤ 500 KB). `npx tsx scripts/weapp-size.ts [dist]` prints the report; tests/mp asserts it.
import fs from 'node:fs'
import path from 'node:path'

export const LIMITS = { mainHardKB: 2048, totalHardKB: 20 * 1024, mainTargetKB: 500 }

export interface PackageSize {
  root: string // '' for the main package
  bytes: number
  largest: { file: string; bytes: number }[]
}

export interface SizeReport {
  main: PackageSize
  subpackages: PackageSize[]
  totalBytes: number
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(p) : [p]
  })
}

// What WeChat uploads: source maps and licence notes stay behind.
const uploaded = (file: string) => !/\.(map|LICENSE\.txt)$/.test(file)

export function measureWeapp(dist: string): SizeReport {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) =>
    s.root.replace(/\/$/, ''),
  )
  const files = filesUnder(dist)
    .filter(uploaded)
    .map((f) => ({ file: path.relative(dist, f), bytes: fs.statSync(f).size }))
  const pkg = (root: string): PackageSize => {
    const mine = files.filter((f) =>
      root ? f.file.startsWith(root + '/') : !roots.some((r) => f.file.startsWith(r + '/')),
    )
    return {
      root,
      bytes: mine.reduce((n, f) => n + f.bytes, 0),
      largest: [...mine].sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    }
  }
  return {
    main: pkg(''),
    subpackages: roots.map(pkg),
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
  }
}

const kb = (b: number) => (b / 1024).toFixed(1)

export function sizeTable(r: SizeReport): string {
  const rows = [r.main, ...r.subpackages].map(
    (p) =>
      `| ${p.root || '(main)'} | ${kb(p.bytes)} | ${p.largest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')} |`,
  )
  return [
    `| package | KB | largest files (KB) |`,
    `| --- | ---: | --- |`,
    ...rows,
    `| **total** | ${kb(r.totalBytes)} | limits: main ≤ ${LIMITS.mainHardKB} KB (target ≤ ${LIMITS.mainTargetKB}), total ≤ ${LIMITS.totalHardKB} KB |`,
  ].join('\n')
}

if (require.main === module) {
  console.log(sizeTable(measureWeapp(path.resolve(process.argv[2] ?? 'dist'))))
}
