import { currentOpenid } from './identity'
import { TransportError, type LocalFile, type Transport } from './types'

// H5: the emulator's gateway on the same origin (tests may point it elsewhere with setGatewayBase).
let base = ''

export function setGatewayBase(url: string): void {
  base = url.replace(/\/$/, '')
}

async function post(path: string, body: BodyInit, contentType: string): Promise<any> {
  let res: Response
  try {
    res = await fetch(`${base}/gateway${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-wx-openid': currentOpenid() },
      body,
    })
  } catch (err) {
    throw new TransportError('NETWORK_FAILED', String(err))
  }
  if (!res.ok) throw new TransportError('SERVICE_UNAVAILABLE', `gateway ${path}: HTTP ${res.status}`)
  let answer: any
  try {
    answer = await res.json()
  } catch {
    throw new TransportError('SERVICE_UNAVAILABLE', `gateway ${path}: answer is not JSON`)
  }
  // like wx.cloud: a platform failure is an answer carrying a non-zero errCode
  if (answer && typeof answer.errCode === 'number' && answer.errCode !== 0) {
    throw new TransportError('SERVICE_UNAVAILABLE', `gateway ${path}: ${answer.errMsg ?? answer.errCode}`)
  }
  return answer
}

const postJson = (path: string, body: unknown) => post(path, JSON.stringify(body), 'application/json')

async function toBlob(file: LocalFile): Promise<Blob> {
  if (typeof file !== 'string') return file
  try {
    return await (await fetch(file)).blob()
  } catch (err) {
    throw new TypeError(`cannot read the picked file ${file}: ${String(err)}`)
  }
}

export const gatewayTransport: Transport = {
  async callFunction(name, data) {
    const body = await postJson(`/functions/${encodeURIComponent(name)}`, { data })
    return body?.result
  },
  async uploadFile(file, cloudPath) {
    const blob = await toBlob(file)
    const body = await post(
      `/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
      blob,
      'application/octet-stream',
    )
    if (typeof body?.fileID !== 'string') throw new TransportError('SERVICE_UNAVAILABLE', 'upload: no fileID')
    return body.fileID
  },
  async getTempFileURL(fileIDs) {
    const body = await postJson('/temp-urls', { fileList: fileIDs })
    return (body?.fileList ?? []).map((f: { fileID: string; tempFileURL: string; status: number }) => ({
      fileID: f.fileID,
      tempFileURL: f.tempFileURL,
      ok: f.status === 0,
    }))
  },
  async requestSubscribe(tmplIds) {
    return postJson('/subscribe', { tmplIds, decision: 'accept' })
  },
  // stand-ins for WeChat's device halves, played by the local emulator
  async startSoter(challenge, mode) {
    const body = await postJson('/soter', { challenge, authMode: mode })
    return { authMode: mode, resultJSON: body.resultJSON, resultJSONSignature: body.resultJSONSignature }
  },
  async soterModes() {
    return ['facial', 'fingerPrint']
  },
  async phoneCodeStandIn(phoneNumber) {
    const body = await postJson('/phone-code', { phoneNumber })
    return body.code as string
  },
}

export interface DevIdentity {
  openid: string
  label: string
}

export async function listIdentities(): Promise<DevIdentity[]> {
  const res = await fetch(`${base}/gateway/identities`)
  if (!res.ok) throw new TransportError('SERVICE_UNAVAILABLE', `identities: HTTP ${res.status}`)
  return res.json()
}
