import type { Route } from '../server'
import { CONSOLE_HTML } from './page'

/** `GET /`: the console, one self-contained page over the control API. */
export function consoleRoutes(controlToken: () => string): Route[] {
  return [
    {
      method: 'GET',
      prefix: '/',
      handle: (_req, res, url) => {
        if (url.pathname !== '/' && url.pathname !== '/index.html') {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          res.end(`not found: ${url.pathname}`)
          return
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
        // the page is served to loopback hosts only (server.ts), so only this machine's browser learns the token
        res.end(CONSOLE_HTML.replace('__CONTROL_TOKEN__', JSON.stringify(controlToken())))
      },
    },
  ]
}
