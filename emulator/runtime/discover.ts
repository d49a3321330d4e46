import fs from 'node:fs'
import path from 'node:path'

export interface TriggerConfig {
  name: string
  type: string
  /** 7-field CloudBase cron: sec min hour day month weekday year */
  config: string
}

/** The parts of a function's `config.json` the emulator honours. */
export interface FunctionConfig {
  /** seconds; CloudBase's default is 3 */
  timeout?: number
  permissions?: { openapi?: string[] }
  triggers?: TriggerConfig[]
}

export interface FunctionDef {
  name: string
  dir: string
  /** the built bundle, `<dir>/index.js` */
  file: string
  config: FunctionConfig
  /** set when config.json exists but cannot be parsed */
  configError?: string
}

export const DEFAULT_TIMEOUT_S = 3

/** Every `<functionsDir>/<name>/` holding a built `index.js`. */
export function discoverFunctions(functionsDir: string | undefined): FunctionDef[] {
  if (!functionsDir || !fs.existsSync(functionsDir)) return []
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFunction(functionsDir, d.name))
    .filter((f): f is FunctionDef => f !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
}

export function readFunction(functionsDir: string | undefined, name: string): FunctionDef | null {
  if (!functionsDir || !/^[A-Za-z0-9_-]+$/.test(name)) return null
  const dir = path.resolve(functionsDir, name)
  const file = path.join(dir, 'index.js')
  if (!fs.existsSync(file)) return null
  const configFile = path.join(dir, 'config.json')
  if (!fs.existsSync(configFile)) return { name, dir, file, config: {} }
  try {
    return { name, dir, file, config: JSON.parse(fs.readFileSync(configFile, 'utf8')) as FunctionConfig }
  } catch (err) {
    return { name, dir, file, config: {}, configError: `config.json of ${name}: ${(err as Error).message}` }
  }
}
