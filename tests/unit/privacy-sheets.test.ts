// WeChat pauses a privacy API (choosing photos or files, the phone-number button) until someone answers
// onNeedPrivacyAuthorization, and only a sheet on the page the user sees can answer (src/components/privacy/guide.ts):
// every page of the app that reaches such an API mounts one, itself or through the pickers' gate.
import fs from 'node:fs'
import path from 'node:path'

const src = path.resolve(__dirname, '../../src')
const config = fs.readFileSync(path.join(src, 'app.config.ts'), 'utf8')

/** every page route of app.config.ts, main package and subpackages */
function routes(): string[] {
  const main = [...config.matchAll(/pages:\s*\[([^\]]*)\]/g)].map((m) => m[1])
  const roots = [...config.matchAll(/root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)]
  const sub = roots.flatMap(([, root, list]) =>
    [...list.matchAll(/'([^']+)'/g)].map((p) => `${root}/${p[1]}`),
  )
  const top = [...main[0].matchAll(/'([^']+)'/g)].map((p) => p[1])
  return [...top, ...sub]
}

/** a page's source with the files it imports from its own folder (its parts) */
function pageSource(route: string): string {
  const dir = path.join(src, path.dirname(route))
  const file = path.join(src, `${route}.tsx`)
  const text = fs.readFileSync(file, 'utf8')
  const parts = [...text.matchAll(/from '\.\/([^']+)'/g)]
    .map((m) => path.join(dir, m[1]))
    .flatMap((p) => [`${p}.tsx`, `${p}.ts`, path.join(p, 'index.tsx')])
    .filter((p) => fs.existsSync(p))
  return [text, ...parts.map((p) => fs.readFileSync(p, 'utf8'))].join('\n')
}

const PRIVACY_API =
  /<Uploader\b|pickFile\(|getPhoneNumber|chooseMedia|chooseMessageFile|chooseImage|getLocation/
const SHEET = /<PrivacySheet\b|<PrivacyGate\b/

test('the route list is read', () => {
  expect(routes()).toEqual(
    expect.arrayContaining(['pages/index/index', 'employee/makeup/index', 'admin/members/index']),
  )
})

test.each(routes())('%s: a privacy API only with a sheet on the page', (route) => {
  const code = pageSource(route)
  if (PRIVACY_API.test(code)) expect(code).toMatch(SHEET)
})
