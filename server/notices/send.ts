// cloud.openapi.subscribeMessage.send, bounded in time, with WeChat's answer sorted into what to do next.
import * as cloud from 'wx-server-sdk'
import type { SubscribeMessage } from '@core/notices'

interface OpenApi {
  openapi: {
    subscribeMessage: {
      send(req: {
        touser: string
        templateId: string
        page: string
        data: SubscribeMessage['data']
        miniprogramState?: string
      }): Promise<{ errCode: number; msgid?: string }>
    }
  }
}

export type SendOutcome =
  | { kind: 'sent'; msgid: string }
  /** 43101: the user has no authorisation left for this template */
  | { kind: 'noAuthorisation'; detail: string }
  /** 47003 / 40037 / 41030: the template id, a field or the page is wrong: no retry helps */
  | { kind: 'configError'; detail: string }
  /** 40003: not a user of this mini program */
  | { kind: 'invalidRecipient'; detail: string }
  /** timeouts, system errors, anything else: retry later */
  | { kind: 'transient'; detail: string }

const CONFIG_ERRORS = new Set([47003, 40037, 41030])

/** How long one send may take before it counts as a timeout (the function's own limit is longer). */
export const SEND_TIMEOUT_MS = 5_000

export async function sendMessage(touser: string, msg: SubscribeMessage): Promise<SendOutcome> {
  const api = (cloud as unknown as OpenApi).openapi.subscribeMessage
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject({ errCode: -1, errMsg: `timeout after ${SEND_TIMEOUT_MS} ms` }),
      SEND_TIMEOUT_MS,
    )
  })
  try {
    const res = await Promise.race([
      api.send({
        touser,
        templateId: msg.templateId,
        page: msg.page,
        data: msg.data,
        miniprogramState: process.env.MINIPROGRAM_STATE || undefined,
      }),
      timeout,
    ])
    return { kind: 'sent', msgid: String(res.msgid ?? '') }
  } catch (e) {
    return classify(e)
  } finally {
    clearTimeout(timer)
  }
}

export function classify(e: unknown): SendOutcome {
  const err = (e ?? {}) as { errCode?: number; errMsg?: string; message?: string }
  const code = Number(err.errCode)
  const detail = `${Number.isFinite(code) ? code : '?'} ${err.errMsg ?? err.message ?? String(e)}`.slice(
    0,
    300,
  )
  if (code === 43101) return { kind: 'noAuthorisation', detail }
  if (CONFIG_ERRORS.has(code)) return { kind: 'configError', detail }
  if (code === 40003) return { kind: 'invalidRecipient', detail }
  return { kind: 'transient', detail }
}
