// Bundles each cloud function (cloudfunctions/<name>/src/index.ts) into cloudfunctions/<name>/index.js:
// CommonJS for Node 16 (CloudBase's runtime), with core/, dayjs, zod and chinese-days inlined and wx-server-sdk
// left external (the platform installs it from the function's package.json). Folders starting with "_" hold
// shared code, not functions.
import { build } from 'esbuild'
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..', 'cloudfunctions')

export function functionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .filter((d) => existsSync(path.join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

export async function buildFunctions(names = functionNames()): Promise<void> {
  await Promise.all(names.map(buildOne))
}

async function buildOne(name: string): Promise<void> {
  const outfile = path.join(root, name, 'index.js')
  const result = await build({
    entryPoints: [path.join(root, name, 'src', 'index.ts')],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    external: ['wx-server-sdk'],
    // chinese-days' "module" entry is plain ESM that esbuild inlines well
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
  })
  // write-then-rename: a running emulator (or a parallel test file) never loads a half-written bundle
  const tmp = `${outfile}.${process.pid}.tmp`
  writeFileSync(tmp, result.outputFiles[0].contents)
  renameSync(tmp, outfile)
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions()
    .then(() => console.log(`built ${functionNames().join(', ')} in ${Date.now() - started} ms`))
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
