// jest loads globalSetup / globalTeardown outside its module registry, where moduleNameMapper does not apply: the
// path aliases (@emulator/…, and @core/… inside what they import) resolve through tsconfig.json's paths instead.
import path from 'node:path'
import { loadConfig, register } from 'tsconfig-paths'

const config = loadConfig(path.resolve(__dirname, '../../..'))
if (config.resultType !== 'success') throw new Error(`tsconfig.json not readable: ${config.message}`)
register({ baseUrl: config.absoluteBaseUrl, paths: config.paths })
