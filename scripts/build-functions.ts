// Bundles each cloud function (cloudfunctions/<name>/src/index.ts) into cloudfunctions/<name>/index.js:
// CommonJS for Node 16 (CloudBase's runtime), with core/, server/ (the code the functions share), dayjs, zod and
// chinese-days inlined and wx-server-sdk left external (the platform installs it from the function's
// package.json).
import { build } from 'esbuild'
import { existsSync, readdirSync, renameSync, watch, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..', 'cloudfunctions')

export function functionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
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

async function buildAndReport(): Promise<void> {
  const started = Date.now()
  await buildFunctions()
  console.log(`built ${functionNames().join(', ')} in ${Date.now() - started} ms`)
}

/** `--watch` (npm run dev): rebuild every function when a source file under cloudfunctions/, server/ or core/ changes. */
function watchSources(): void {
  let timer: NodeJS.Timeout | undefined
  const rebuild = (_event: string, file: string | null) => {
    if (!file || !/\.ts$/.test(file)) return
    clearTimeout(timer)
    timer = setTimeout(() => buildAndReport().catch((e) => console.error(e)), 200)
  }
  for (const dir of [root, ...['server', 'core'].map((d) => path.resolve(root, '..', d))])
    watch(dir, { recursive: true }, rebuild)
}

if (require.main === module) {
  buildAndReport()
    .then(() => process.argv.includes('--watch') && watchSources())
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
