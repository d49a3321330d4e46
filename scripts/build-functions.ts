// Bundles each cloud function (cloudfunctions/<name>/src/index.ts) into cloudfunctions/<name>/index.js:
// CommonJS for Node 16 (CloudBase's runtime), with core/, server/ (the code the functions share), dayjs, zod and
// chinese-days inlined and wx-server-sdk left external (the platform installs it from the function's
// package.json).
import { build } from 'esbuild'
import { existsSync, readdirSync, renameSync, statSync, watch, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..', 'cloudfunctions')
const project = path.resolve(root, '..')
/** what every bundle is built from besides its own src/ (node_modules through the lock file) */
const SHARED_SOURCES = [
  'server',
  'core',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build-functions.ts',
]

export function functionNames(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .filter((d) => existsSync(path.join(root, d.name, 'src', 'index.ts')))
    .map((d) => d.name)
    .sort()
}

/**
 * Builds these functions (default: all). Only bundles older than one of their sources are rebuilt unless `force`:
 * a rebuild changes the bundle's mtime, which retires the warm instances of every running emulator (tests in
 * other jest workers included), and most test files find the bundles `npm test` has just built.
 */
export async function buildFunctions(
  names = functionNames(),
  opts: { force?: boolean } = {},
): Promise<string[]> {
  const shared = opts.force ? 0 : newest(SHARED_SOURCES.map((p) => path.join(project, p)))
  const stale = names.filter(
    (name) => opts.force || builtAt(name) <= Math.max(shared, newest([sourceDir(name)])),
  )
  await Promise.all(stale.map(buildOne))
  return stale
}

const sourceDir = (name: string) => path.join(root, name, 'src')

function builtAt(name: string): number {
  const bundle = path.join(root, name, 'index.js')
  return existsSync(bundle) ? statSync(bundle).mtimeMs : 0
}

/** The newest mtime of these files and of the code and data files under these folders (not their READMEs). */
function newest(paths: string[], inFolder = false): number {
  let max = 0
  for (const p of paths) {
    if (!existsSync(p)) continue
    const st = statSync(p)
    if (st.isDirectory())
      max = Math.max(
        max,
        newest(
          readdirSync(p).map((e) => path.join(p, e)),
          true,
        ),
      )
    else if (!inFolder || /\.(ts|tsx|js|cjs|mjs|json)$/.test(p)) max = Math.max(max, st.mtimeMs)
  }
  return max
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

/** `--if-stale` (npm test) rebuilds only bundles older than their sources; otherwise everything is rebuilt. */
async function buildAndReport(force = !process.argv.includes('--if-stale')): Promise<void> {
  const started = Date.now()
  const built = await buildFunctions(functionNames(), { force })
  console.log(
    built.length
      ? `built ${built.join(', ')} in ${Date.now() - started} ms`
      : `cloudfunctions/*/index.js are up to date (${Date.now() - started} ms)`,
  )
}

/** `--watch` (npm run dev): rebuild every function when a source file under cloudfunctions/, server/ or core/ changes. */
function watchSources(): void {
  let timer: NodeJS.Timeout | undefined
  const rebuild = (_event: string, file: string | null) => {
    if (!file || !/\.ts$/.test(file)) return
    clearTimeout(timer)
    timer = setTimeout(() => buildAndReport(true).catch((e) => console.error(e)), 200)
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
