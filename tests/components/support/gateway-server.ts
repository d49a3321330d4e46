// A small HTTP server speaking the emulator gateway's contract, with scripted function answers, so component tests
// exercise the adapter's real H5 transport (fetch, headers, envelopes) without the whole backend.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GatewayCall {
  name: string
  openid: string | undefined
  data: Record<string, any>
}

export interface Upload {
  cloudPath: string
  openid: string | undefined
  bytes: Buffer
}

/** A function's answer: the Result envelope, or a platform failure to send as `{ errCode, errMsg }`. */
export type Answer = unknown | { platformError: number }

export interface FakeGateway {
  url: string
  calls: GatewayCall[]
  uploads: Upload[]
  subscribes: { openid: string | undefined; tmplIds: string[] }[]
  close(): Promise<void>
}

const read = (req: http.IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })

export async function startFakeGateway(answer: (call: GatewayCall) => Answer): Promise<FakeGateway> {
  const calls: GatewayCall[] = []
  const uploads: Upload[] = []
  const subscribes: { openid: string | undefined; tmplIds: string[] }[] = []
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const openid = req.headers['x-wx-openid'] as string | undefined
    const body = await read(req)
    const send = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      res.end(JSON.stringify(value))
    }
    if (url.pathname.startsWith('/gateway/functions/')) {
      const call = { name: url.pathname.split('/').pop()!, openid, data: JSON.parse(body.toString()).data }
      calls.push(call)
      const a = answer(call) as { platformError?: number }
      if (a && typeof a.platformError === 'number') {
        send({ errCode: a.platformError, errMsg: `cloud.callFunction:fail errCode: ${a.platformError}` })
      } else send({ errMsg: 'cloud.callFunction:ok', result: a })
    } else if (url.pathname === '/gateway/upload') {
      const cloudPath = url.searchParams.get('cloudPath') ?? ''
      uploads.push({ cloudPath, openid, bytes: body })
      send({ fileID: `cloud://local-dev.bucket/${cloudPath}`, errMsg: 'cloud.uploadFile:ok' })
    } else if (url.pathname === '/gateway/temp-urls') {
      // files whose id ends in '/missing.jpg' do not exist
      const { fileList } = JSON.parse(body.toString()) as { fileList: string[] }
      send({
        errMsg: 'cloud.getTempFileURL:ok',
        fileList: fileList.map((fileID) =>
          fileID.endsWith('/missing.jpg')
            ? { fileID, tempFileURL: '', status: -503003 }
            : {
                fileID,
                tempFileURL: `http://127.0.0.1/download/${encodeURIComponent(fileID)}?sign=x`,
                status: 0,
              },
        ),
      })
    } else if (url.pathname === '/gateway/subscribe') {
      // the user accepts every template except those named '…-declined'
      const { tmplIds } = JSON.parse(body.toString()) as { tmplIds: string[] }
      subscribes.push({ openid, tmplIds })
      send({
        errMsg: 'requestSubscribeMessage:ok',
        ...Object.fromEntries(tmplIds.map((id) => [id, id.endsWith('-declined') ? 'reject' : 'accept'])),
      })
    } else if (url.pathname === '/gateway/identities') {
      send([
        { openid: 'o-emp-01', label: '员工 张三' },
        { openid: 'o-hr-admin', label: 'HR 管理员' },
      ])
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    uploads,
    subscribes,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
