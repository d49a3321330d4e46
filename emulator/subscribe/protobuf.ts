// The openapi envelope, decoded with wx-server-sdk's own protobuf definitions: requiring the SDK registers them
// on protobufjs's shared default root, so request and answer use exactly the SDK's schema.
import 'wx-server-sdk'
import protobuf from 'protobufjs/minimal'

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(bytes: Uint8Array): T
}
interface CommApiData {
  apiType?: number
  openapiData?: { pairs?: { key: string; value: Uint8Array }[] }
  appid?: string
}
interface CommOpenApiResp {
  respData?: Uint8Array
  contentType?: string
  errorCode?: number
  httpCode?: number
}

const root = (protobuf as unknown as { roots: Record<string, Record<string, unknown>> }).roots.default
if (!root?.CommApiData) throw new Error("wx-server-sdk's openapi protobuf definitions were not found")
const CommApiDataCodec = root.CommApiData as Codec<CommApiData>
const CommOpenApiRespCodec = root.CommOpenApiResp as Codec<CommOpenApiResp>

/** The API's parameters, as the SDK encoded them: one key per pair, each value a JSON text. */
export function decodeOpenApiRequest(bytes: Buffer): { params: Record<string, unknown>; appid?: string } {
  const msg = CommApiDataCodec.decode(bytes)
  const params: Record<string, unknown> = {}
  for (const pair of msg.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8')
    try {
      params[pair.key] = JSON.parse(text)
    } catch {
      params[pair.key] = text
    }
  }
  return { params, appid: msg.appid || undefined }
}

/** WeChat's JSON answer wrapped as the SDK expects; `errorCode` is a platform failure (e.g. no permission). */
export function encodeOpenApiResponse(answer: { json?: unknown; errorCode?: number }): Buffer {
  const msg: CommOpenApiResp = answer.errorCode
    ? { errorCode: answer.errorCode }
    : {
        respData: Buffer.from(JSON.stringify(answer.json ?? {})),
        contentType: 'application/json',
        httpCode: 200,
      }
  return Buffer.from(CommOpenApiRespCodec.encode(msg).finish())
}
