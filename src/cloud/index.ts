// The app's only way to the backend. Pages call these; each answer is a Result whose refusals come from the
// catalogue (core/shared/errors.ts), including transport failures, so a page renders every outcome the same way.
import type { ActionOf, FunctionName, InputOf, OutputOf } from '@core/api'
import { refusal, type Result } from '@core/shared'
import { TransportError, type LocalFile, type SoterMode, type TempUrl, type Transport } from './types'

export type { LocalFile, SoterMode, TempUrl } from './types'

// Chosen at build time: webpack drops the dead branch, so the emulator gateway and its dev identities never reach
// the weapp bundle (tests/mp/dev-code.test.ts), and wx.cloud never reaches the H5 one.
const transport: Transport =
  process.env.TARO_ENV === 'h5' ? require('./gateway').gatewayTransport : require('./weapp').weappTransport

/** The call may or may not have reached the function: retry with the same client request id. */
export const isTransportFailure = (code: string): boolean =>
  code === 'NETWORK_FAILED' || code === 'SERVICE_UNAVAILABLE'

function failure(err: unknown): Result<never> {
  if (err instanceof TransportError) return refusal(err.code)
  console.error('[cloud]', err)
  return refusal('INTERNAL')
}

function isResult(x: unknown): x is Result<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean'
}

export async function call<F extends FunctionName, A extends ActionOf<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
): Promise<Result<OutputOf<F, A>>> {
  try {
    const answer = await transport.callFunction(fn, { ...(input as object), action })
    if (isResult(answer)) return answer as Result<OutputOf<F, A>>
    console.error(`[cloud] ${fn}.${action} answered without a Result envelope`, answer)
    return refusal('INTERNAL')
  } catch (err) {
    return failure(err)
  }
}

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() }
  } catch (err) {
    return failure(err)
  }
}

/** Uploads a picked file to cloud storage at cloudPath (unique per file: the same path overwrites). */
export const uploadFile = (file: LocalFile, cloudPath: string): Promise<Result<string>> =>
  attempt(() => transport.uploadFile(file, cloudPath))

/** Short-lived download links for private files; never store them. */
export const getTempFileURL = (fileIDs: string[]): Promise<Result<TempUrl[]>> =>
  attempt(() => transport.getTempFileURL(fileIDs))

/** Must run inside a tap handler on weapp. Resolves with each template id's decision. */
export const requestSubscribe = (tmplIds: string[]): Promise<Result<Record<string, string>>> =>
  attempt(() => transport.requestSubscribe(tmplIds))

/** Face or fingerprint on the device over the server's challenge; on H5 the local emulator plays the device. */
export const startSoter = (challenge: string, mode: SoterMode) =>
  attempt(() => transport.startSoter(challenge, mode))

export const soterModes = () => transport.soterModes()

/** The browser has no phone-number button: on H5 the emulator issues the code WeChat would (null on weapp). */
export const phoneCodeStandIn = transport.phoneCodeStandIn
  ? (phone: string) => attempt(() => transport.phoneCodeStandIn!(phone))
  : null
