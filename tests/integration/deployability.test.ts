// Every function folder can be uploaded to CloudBase as it is: a built index.js exporting main, a package.json
// depending on wx-server-sdk, a valid config.json, and no TypeScript in the folder root (WeChat's upload breaks).
import fs from 'node:fs'
import { isBuiltin } from 'node:module'
import path from 'node:path'
import { buildFunctions, functionNames } from '@scripts/build-functions'
import { START_TIMEOUT } from './fixture'

const root = path.resolve(__dirname, '../../cloudfunctions')

beforeAll(() => buildFunctions(), START_TIMEOUT)

describe('cloud functions are deployable', () => {
  const names = functionNames()

  it('finds the functions, and every folder of cloudfunctions/ is one (WeChat DevTools lists each as a function)', () => {
    expect(names).toEqual(expect.arrayContaining(['checkin', 'makeup']))
    const folders = fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())
    expect(folders.map((d) => d.name).sort()).toEqual([...names].sort())
  })

  describe.each(functionNames())('%s', (name) => {
    const dir = path.join(root, name)

    it('has a built index.js that exports main and bundles no wx-server-sdk', () => {
      const file = path.join(dir, 'index.js')
      const source = fs.readFileSync(file, 'utf8')
      expect(source).toMatch(/require\("wx-server-sdk"\)/)
      expect(source).not.toMatch(/node_modules\/wx-server-sdk/)
      // core and the libraries are inlined: nothing else is required at run time but Node built-ins
      const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
      // (bundled libraries may name built-ins without the node: prefix)
      expect(required.filter((r) => r !== 'wx-server-sdk' && !isBuiltin(r))).toEqual([])
      jest.isolateModules(() => {
        const mod = require(file)
        expect(typeof mod.main).toBe('function')
      })
    })

    it('has package.json with main index.js and wx-server-sdk', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      expect(pkg.main).toBe('index.js')
      expect(pkg.dependencies['wx-server-sdk']).toBe('4.0.2')
    })

    it('has a valid config.json', () => {
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))
      expect(config.timeout).toBeGreaterThanOrEqual(3)
      expect(config.timeout).toBeLessThanOrEqual(60)
      expect(Array.isArray(config.permissions?.openapi)).toBe(true)
      const triggers = config.triggers ?? []
      expect(triggers.length).toBeLessThanOrEqual(1) // one timer per function
      for (const t of triggers) {
        expect(t).toMatchObject({ name: expect.any(String), type: 'timer' })
        expect(String(t.config).split(' ')).toHaveLength(7)
      }
    })

    it('has no TypeScript in its root, and its sources under src/', () => {
      const rootFiles = fs.readdirSync(dir)
      expect(rootFiles.filter((f) => /\.tsx?$/.test(f))).toEqual([])
      expect(fs.existsSync(path.join(dir, 'src', 'index.ts'))).toBe(true)
    })
  })
})
