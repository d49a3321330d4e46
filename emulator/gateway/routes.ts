import type http from 'node:http'
import { readBody, readJson, sendJson, type Route } from '../server'
import type { Emulator } from '../index'
import type { InvocationFailure } from '../runtime/pool'
import { normaliseCloudPath } from '../storage/files'
import { DEFAULT_MAX_AGE, downloadUrl } from '../storage/urls'

/** The numeric codes and wording `wx.cloud.callFunction` reports for each runtime failure. */
const CLIENT_ERRORS: Record<InvocationFailure['code'], { errCode: number; text: string }> = {
  FUNCTIONS_EXECUTE_FAIL: { errCode: -504002, text: 'functions execute fail' },
  FUNCTIONS_TIME_LIMIT_EXCEEDED: { errCode: -504003, text: 'functions time limit exceeded' },
  FUNCTION_NOT_FOUND: { errCode: -501000, text: '' },
}

const openidOf = (req: http.IncomingMessage) => {
  const v = req.headers['x-wx-openid']
  return (Array.isArray(v) ? v[0] : v) || undefined
}

/**
 * What the mini program's `wx.cloud` does, for the H5 build: call a function, upload a file, get temp URLs,
 * record subscribe authorisations, and the local sign-in list. Dev only: the server binds 127.0.0.1, the caller
 * says who it is with `x-wx-openid`.
 */
export function gatewayRoutes(emulator: Emulator): Route[] {
  return [
    {
      method: 'POST',
      prefix: '/gateway/functions/',
      handle: async (req, res, url) => {
        const name = decodeURIComponent(url.pathname.slice('/gateway/functions/'.length))
        const body = await readJson(req)
        if (
          body.data !== undefined &&
          (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))
        ) {
          sendJson(res, 200, {
            errCode: -501007,
            errMsg: 'cloud.callFunction:fail parameter.data should be Object',
          })
          return
        }
        const report = await emulator.invoke(name, body.data ?? {}, {
          openid: openidOf(req),
          source: 'wx_client',
        })
        if (report.ok) {
          sendJson(res, 200, {
            errMsg: 'cloud.callFunction:ok',
            result: report.result,
            requestID: report.invocationId,
          })
          return
        }
        const { errCode, text } = CLIENT_ERRORS[report.error!.code]
        sendJson(res, 200, {
          errCode,
          errMsg: `cloud.callFunction:fail Error: errCode: ${errCode} ${text} | errMsg: ${report.error!.message}`,
          requestID: report.invocationId,
        })
      },
    },
    {
      method: 'POST',
      prefix: '/gateway/upload',
      handle: async (req, res, url) => {
        let cloudPath: string
        try {
          cloudPath = normaliseCloudPath(url.searchParams.get('cloudPath') ?? '')
        } catch (err) {
          sendJson(res, 200, { errCode: -501007, errMsg: `cloud.uploadFile:fail ${(err as Error).message}` })
          return
        }
        const bytes = await readBody(req)
        emulator.files.put(cloudPath, bytes, req.headers['content-type'])
        sendJson(res, 200, {
          fileID: emulator.files.fileIdFor(cloudPath),
          statusCode: 200,
          errMsg: 'cloud.uploadFile:ok',
        })
      },
    },
    {
      method: 'POST',
      prefix: '/gateway/temp-urls',
      handle: async (req, res) => {
        const body = await readJson(req)
        if (!Array.isArray(body.fileList)) {
          sendJson(res, 200, {
            errCode: -501007,
            errMsg: 'cloud.getTempFileURL:fail fileList must be an array',
          })
          return
        }
        const nowMs = emulator.clock.now().getTime()
        const fileList = body.fileList.map((item: unknown) => {
          const fileID = typeof item === 'string' ? item : String((item as { fileID?: string })?.fileID ?? '')
          // like wx.cloud: `{ fileID, maxAge }` asks for a shorter link than the default day
          const asked = typeof item === 'string' ? NaN : Number((item as { maxAge?: unknown })?.maxAge)
          const maxAge = asked > 0 ? Math.min(asked, DEFAULT_MAX_AGE) : DEFAULT_MAX_AGE
          const cloudPath = emulator.files.pathOf(fileID)
          if (!cloudPath || !emulator.files.has(cloudPath)) {
            return {
              fileID,
              tempFileURL: '',
              status: -503003,
              errMsg: 'storage file not exists',
              maxAge,
            }
          }
          const tempFileURL = downloadUrl(emulator.files, emulator.url, cloudPath, nowMs, maxAge)
          return { fileID, tempFileURL, status: 0, errMsg: 'ok', maxAge }
        })
        sendJson(res, 200, { fileList, errMsg: 'cloud.getTempFileURL:ok' })
      },
    },
    {
      method: 'POST',
      prefix: '/gateway/subscribe',
      handle: async (req, res) => {
        const openid = openidOf(req)
        const body = await readJson(req)
        const ids: unknown = body.tmplIds
        if (!openid) {
          sendJson(res, 200, {
            errCode: -1,
            errMsg: 'requestSubscribeMessage:fail no x-wx-openid (not signed in)',
          })
          return
        }
        if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string')) {
          sendJson(res, 200, {
            errCode: 10001,
            errMsg: "requestSubscribeMessage:fail TmplIds can't be empty",
          })
          return
        }
        if (!ids.every((id) => emulator.subscribe.hasTemplate(id))) {
          sendJson(res, 200, {
            errCode: 20001,
            errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist',
          })
          return
        }
        const decision = body.decision === 'accept' ? 'accept' : 'reject'
        if (decision === 'accept') emulator.grantSubscribe(openid, ids)
        sendJson(res, 200, {
          errMsg: 'requestSubscribeMessage:ok',
          ...Object.fromEntries(ids.map((id) => [id, decision])),
        })
      },
    },
    {
      // H5 stand-in for WeChat's phone-number button: the signed-in user shares this number
      method: 'POST',
      prefix: '/gateway/phone-code',
      handle: async (req, res) => {
        const body = await readJson(req)
        if (!openidOf(req) || typeof body.phoneNumber !== 'string' || !/^\d{5,15}$/.test(body.phoneNumber)) {
          sendJson(res, 200, { errCode: -1, errMsg: 'getPhoneNumber:fail user deny' })
          return
        }
        sendJson(res, 200, {
          errMsg: 'getPhoneNumber:ok',
          code: emulator.verification.issuePhoneCode(body.phoneNumber),
        })
      },
    },
    {
      // H5 stand-in for wx.startSoterAuthentication: the user's face or finger matched on this "device"
      method: 'POST',
      prefix: '/gateway/soter',
      handle: async (req, res) => {
        const openid = openidOf(req)
        const body = await readJson(req)
        const mode = body.authMode === 'facial' ? 'facial' : 'fingerPrint'
        if (!openid || typeof body.challenge !== 'string' || !body.challenge) {
          sendJson(res, 200, { errCode: 90010, errMsg: 'startSoterAuthentication:fail' })
          return
        }
        sendJson(res, 200, emulator.verification.startSoterAuthentication(openid, body.challenge, mode))
      },
    },
    {
      method: 'GET',
      prefix: '/gateway/identities',
      handle: (_req, res) => sendJson(res, 200, emulator.identities()),
    },
  ]
}
