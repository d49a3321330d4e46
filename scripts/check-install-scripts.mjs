// Fails when a dependency in package-lock.json has an install script (preinstall/install/postinstall) that
// package.json "allowScripts" neither allows nor denies: npm 12 silently skips such scripts, npm 11 still runs them.
// Reads only the two files, so CI can run it before `npm ci` and no unreviewed script ever runs there.
// Key forms follow npm: "name" (any version), "name@1.2.3" or "name@1.2.3 || 1.2.4" (exact versions); npm ignores
// ranges (^, ~, >=) and dist-tags. Exact versions are only verifiable from a "resolved" registry URL in the lock
// file; without one npm refuses a pinned approval (a pinned denial still denies), and so does this check.
// Usage: node scripts/check-install-scripts.mjs [project dir]
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'))
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'))
const policy = readJson('package.json').allowScripts ?? {}
const lock = readJson('package-lock.json')

const exactVersion = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/
const problems = []

// "name[@spec]" → { name, versions: null for any version, else the list of exact versions }, or null if npm ignores it
function parseKey(key) {
  const at = key.indexOf('@', 1)
  const name = at === -1 ? key : key.slice(0, at)
  const spec = at === -1 ? '' : key.slice(at + 1).trim()
  if (spec === '' || spec === '*') return { name, versions: null }
  const versions = spec.split('||').map((v) => v.trim())
  return versions.every((v) => exactVersion.test(v)) ? { name, versions } : null
}

const entries = []
for (const [key, value] of Object.entries(policy)) {
  const parsed = parseKey(key)
  if (typeof value !== 'boolean') problems.push(`allowScripts["${key}"] must be true or false`)
  else if (!parsed) problems.push(`allowScripts["${key}"]: npm ignores ranges and tags; use a bare name`)
  else entries.push({ key, allow: value, ...parsed })
}

// the registry identity npm trusts: the name from the lock path (or the alias target), the version only from the URL;
// a local folder or git dependency is matched by its source instead (a key such as "file:tools/x")
function identity(location, pkg) {
  const at = location.lastIndexOf('node_modules/')
  const name = pkg.name ?? (at === -1 ? location : location.slice(at + 'node_modules/'.length))
  const local = at === -1 || pkg.link || /^(?:file|git|git\+\w+|github):/.test(pkg.resolved ?? '')
  const tarball = /\/-\/[^/]+-(\d+\.\d+\.\d+[^/]*)\.tgz$/.exec(pkg.resolved ?? '')
  return {
    name,
    version: tarball ? tarball[1] : null,
    source: local ? (pkg.resolved ?? `file:${location}`) : null,
  }
}

const used = new Set()
const unverifiable = new Set()
const unreviewed = []
for (const [location, pkg] of Object.entries(lock.packages ?? {})) {
  if (!location || !pkg.hasInstallScript || pkg.inBundle) continue
  const { name, version, source } = identity(location, pkg)
  let allowed = false
  let denied = false
  for (const entry of entries) {
    if (source ? entry.key !== source : entry.name !== name) continue
    // an unverifiable version: a pinned denial still denies, a pinned approval does not approve
    const matches =
      source || entry.versions === null || (version ? entry.versions.includes(version) : !entry.allow)
    if (!matches && !version && entry.allow) unverifiable.add(entry.key)
    if (!matches) continue
    used.add(entry.key)
    if (entry.allow) allowed = true
    else denied = true
  }
  if (!allowed && !denied) unreviewed.push(`${name}@${pkg.version ?? '?'} (${location})`)
}

for (const key of unverifiable) {
  console.error(
    `allowScripts["${key}"]: the lock file has no "resolved" URL to check the version; use a bare name`,
  )
}
for (const entry of entries) {
  if (!used.has(entry.key) && !unverifiable.has(entry.key))
    console.warn(`note: allowScripts["${entry.key}"] matches no install script in the lock file`)
}

if (problems.length || unreviewed.length) {
  for (const p of problems) console.error(p)
  if (unreviewed.length) {
    console.error('Install scripts not reviewed in package.json "allowScripts":')
    for (const u of unreviewed) console.error(`  ${u}`)
    console.error(
      'Read each script (node_modules/<name>/package.json "scripts"), then record the decision with' +
        ' `npm install-scripts approve <name>` or `npm install-scripts deny <name>` (npm 11.16+), or by hand.',
    )
  }
  process.exit(1)
}
const count = (allow) => entries.filter((e) => e.allow === allow).length
console.log(`install scripts: all reviewed (${count(true)} allowed, ${count(false)} denied in allowScripts)`)
