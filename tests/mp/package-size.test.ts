// The weapp build against WeChat's package limits and our main-package target (scripts/weapp-size.ts).
import path from 'node:path'
import { LIMITS, measureWeapp, sizeTable } from '@scripts/weapp-size'

const report = measureWeapp(path.resolve(__dirname, '../../dist'))

it('prints the package sizes', () => {
  console.log(sizeTable(report))
  expect(report.subpackages.map((p) => p.root)).toEqual(expect.arrayContaining(['employee', 'hr']))
})

it('keeps the main package under WeChat hard limit and our 500 KB target', () => {
  expect(report.main.bytes).toBeLessThanOrEqual(LIMITS.mainHardKB * 1024)
  expect(report.main.bytes).toBeLessThanOrEqual(LIMITS.mainTargetKB * 1024)
})

it('keeps all packages together under 20 MB', () => {
  expect(report.totalBytes).toBeLessThanOrEqual(LIMITS.totalHardKB * 1024)
})
