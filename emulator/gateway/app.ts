import fs from 'node:fs'
import path from 'node:path'
import type { Route } from '../server'
import { contentTypeFor } from '../storage/files'

/** The H5 build served under /app/; unknown paths fall back to index.html (the app routes by hash). */
export function appRoutes(appDir: string | undefined): Route[] {
  if (!appDir) return []
  const root = path.resolve(appDir)
  return [
    {
      method: 'GET',
      prefix: '/app',
      handle: (_req, res, url) => {
        if (url.pathname === '/app') {
          res.writeHead(302, { location: '/app/' })
          res.end()
          return
        }
        let rel = ''
        try {
          rel = decodeURIComponent(url.pathname.slice('/app/'.length))
        } catch {
          rel = ''
        }
        let file = path.resolve(root, rel || 'index.html')
        if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
          file = path.join(root, 'index.html')
        }
        if (!fs.existsSync(file)) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          res.end(`no H5 build in ${root} (run npm run build:h5)`)
          return
        }
        const ext = path.extname(file).toLowerCase()
        const type =
          ext === '.js'
            ? 'text/javascript; charset=utf-8'
            : ext === '.css'
              ? 'text/css; charset=utf-8'
              : contentTypeFor(file)
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' })
        fs.createReadStream(file).pipe(res)
      },
    },
  ]
}
