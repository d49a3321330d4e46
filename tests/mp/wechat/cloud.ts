// wx.cloud for the test client, backed by the running emulator through the gateway the H5 build uses
// (/gateway/functions/:name, /gateway/upload, /gateway/temp-urls, /gateway/subscribe, and WeChat's device halves
// /gateway/phone-code and /gateway/soter): weapp pages call the real
// functions on the real SDK. Loopback only. Node's http, since jsdom has no fetch.
import http from 'node:http'
import type { CloudBackend } from './client'

function request(url: string, method: string, headers: Record<string, string>, body?: Uint8Array | string) {
  const u = new URL(url)
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '[::1]')
    throw new Error(`tests reach loopback only, not ${u.hostname}`)
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = http.request(u, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

export interface EmulatorCloud extends CloudBackend {
  /** who the phone's WeChat user is (the gateway takes it from x-wx-openid, as WeChat fills OPENID) */
  openid: string
  url: string
  /** a function call as any user, outside the page (setting up a journey) */
  callAs(openid: string, name: string, data: Record<string, unknown>): Promise<any>
  control(path: string, body?: unknown): Promise<any>
}

/** `controlToken`: the emulator's per-start token, which its control API requires. */
export function emulatorCloud(url: string, openid: string, controlToken: string): EmulatorCloud {
  const post = async (path: string, who: string, body: Uint8Array | string, type: string) => {
    const res = await request(`${url}${path}`, 'POST', { 'content-type': type, 'x-wx-openid': who }, body)
    const answer = JSON.parse(res.body.toString('utf8'))
    if (res.status !== 200 || (typeof answer?.errCode === 'number' && answer.errCode !== 0))
      throw { errCode: answer?.errCode ?? -1, errMsg: answer?.errMsg ?? `HTTP ${res.status}` }
    return answer
  }
  const cloud: EmulatorCloud = {
    openid,
    url,
    async callFunction(name, data) {
      return (
        await post(
          `/gateway/functions/${encodeURIComponent(name)}`,
          cloud.openid,
          JSON.stringify({ data }),
          'application/json',
        )
      ).result
    },
    async callAs(who, name, data) {
      return (
        await post(
          `/gateway/functions/${encodeURIComponent(name)}`,
          who,
          JSON.stringify({ data }),
          'application/json',
        )
      ).result
    },
    async uploadFile(cloudPath, _filePath, bytes) {
      const answer = await post(
        `/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
        cloud.openid,
        bytes,
        'application/octet-stream',
      )
      return answer.fileID
    },
    async tempFileURL(fileID, maxAge) {
      const answer = await post(
        '/gateway/temp-urls',
        cloud.openid,
        JSON.stringify({ fileList: [{ fileID, maxAge }] }),
        'application/json',
      )
      const f = answer.fileList?.[0]
      return f?.status === 0 ? f.tempFileURL : null
    },
    async subscribe(templateIds, decision) {
      await post(
        '/gateway/subscribe',
        cloud.openid,
        JSON.stringify({ tmplIds: templateIds, decision }),
        'application/json',
      )
    },
    async phoneCode(phoneNumber) {
      const answer = await post(
        '/gateway/phone-code',
        cloud.openid,
        JSON.stringify({ phoneNumber }),
        'application/json',
      )
      return answer.code
    },
    async soterSign(challenge, authMode) {
      const answer = await post(
        '/gateway/soter',
        cloud.openid,
        JSON.stringify({ challenge, authMode }),
        'application/json',
      )
      return { resultJSON: answer.resultJSON, resultJSONSignature: answer.resultJSONSignature }
    },
    async fetch(fileUrl) {
      const res = await request(fileUrl, 'GET', {})
      return res.status === 200 ? new Uint8Array(res.body) : null
    },
    async control(path, body) {
      const res = await request(
        `${url}/control/${path}`,
        body === undefined ? 'GET' : 'POST',
        { 'content-type': 'application/json', 'x-emulator-token': controlToken },
        body === undefined ? undefined : JSON.stringify(body),
      )
      return JSON.parse(res.body.toString('utf8'))
    },
  }
  return cloud
}
