// The weapp build carries no local-development code: the H5 identity switcher, its storage key and the emulator
// gateway are required only in a build-time TARO_ENV branch that webpack drops (src/cloud/index.ts,
// src/pages/index/index.tsx).
import fs from 'node:fs'
import path from 'node:path'

const dist = path.resolve(__dirname, '../../dist')
const DEV_ONLY = ['dev-openid', '/gateway/', 'x-wx-openid', '本地开发', 'dev-bar']

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(p) : [p]
  })

it('finds none of the dev-only markers in any file of the weapp build', () => {
  const files = filesUnder(dist).filter((f) => /\.(js|wxml|wxss|json)$/.test(f))
  expect(files.length).toBeGreaterThan(10)
  const found = files.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8')
    return DEV_ONLY.filter((m) => text.includes(m)).map((m) => `${path.relative(dist, f)}: ${m}`)
  })
  expect(found).toEqual([])
})

it('still has the weapp transport (the check reads the real build)', () => {
  const all = filesUnder(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n')
  expect(all).toContain('callFunction')
})
