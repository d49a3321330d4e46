import { RawReply } from '../server'
import { WireError, type ActionHandler } from '../wire'
import type { FunctionRuntime } from '../runtime/pool'
import type { SubscribeService } from '../subscribe/service'
import type { VerificationService } from '../openapi/verification'
import { parseMultipart } from '../subscribe/multipart'
import { decodeOpenApiRequest, encodeOpenApiResponse } from '../subscribe/protobuf'

/** What WeChat answers when a function calls an openapi its config.json does not declare. */
export const NO_PERMISSION = -604101

type OpenApi = (
  params: Record<string, any>,
  origin: { functionName?: string; invocationId?: string },
) => Promise<unknown>

/**
 * `wx.openApi` (cloud.openapi.*): multipart with a protobuf `requestData`. Answers are protobuf too; WeChat's own
 * errors travel inside as JSON `{ errcode, errmsg }`, which the SDK turns into `errCode`.
 */
export function openapiActions(
  runtime: FunctionRuntime,
  subscribe: SubscribeService,
  verification: VerificationService,
): Record<string, ActionHandler> {
  const apis: Record<string, OpenApi> = {
    'subscribeMessage.send': (p, origin) => subscribe.send(p, origin),
    'phonenumber.getPhoneNumber': async (p) => verification.getPhoneNumber(p),
    'soter.verifySignature': async (p) => verification.verifySignature(p),
  }
  return {
    'wx.openApi': async (body, ctx) => {
      if (!body.__multipart) throw new WireError('INVALID_PARAM', 'wx.openApi expects multipart/form-data')
      const parts = parseMultipart(body.__raw as Buffer, String(body.__contentType))
      const field = (name: string) => parts.find((p) => p.name === name)?.data
      const apiName = field('apiName')?.toString('utf8') ?? ''
      const requestData = field('requestData')
      if (!apiName || !requestData)
        throw new WireError('INVALID_PARAM', 'wx.openApi needs apiName and requestData')
      const invocation = runtime.invocation(ctx.invocationId)
      // calls from outside the runtime (tests, scripts) act as an administrator and are not checked
      if (invocation && !(invocation.fn.config.permissions?.openapi ?? []).includes(apiName)) {
        return new RawReply(encodeOpenApiResponse({ errorCode: NO_PERMISSION }))
      }
      const api = apis[apiName]
      if (!api) throw new WireError('INVALID_PARAM', `openapi ${apiName} is not supported by the emulator`)
      const { params } = decodeOpenApiRequest(requestData)
      const json = await api(params, { functionName: invocation?.functionName, invocationId: invocation?.id })
      return new RawReply(encodeOpenApiResponse({ json }))
    },
  }
}
