import Taro from '@tarojs/taro'
import { TransportError, type LocalFile, type Transport } from './types'

// WeChat reports its own failures with negative errCodes (-404xxx function missing, -501xxx/-504xxx backend
// errors); anything without one is the device's connection.
function classify(err: unknown): TransportError {
  const e = err as { errCode?: number; errMsg?: string } | undefined
  const detail = e?.errMsg ?? String(err)
  return typeof e?.errCode === 'number' && e.errCode !== -1
    ? new TransportError('SERVICE_UNAVAILABLE', detail)
    : new TransportError('NETWORK_FAILED', detail)
}

export const weappTransport: Transport = {
  async callFunction(name, data) {
    try {
      const res = await Taro.cloud.callFunction({ name, data })
      return res.result
    } catch (err) {
      throw classify(err)
    }
  },
  async uploadFile(file: LocalFile, cloudPath) {
    if (typeof file !== 'string') throw new TypeError('uploadFile on weapp takes a temp file path')
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file })
      return res.fileID
    } catch (err) {
      throw classify(err)
    }
  },
  async getTempFileURL(fileIDs) {
    try {
      const res = await Taro.cloud.getTempFileURL({ fileList: fileIDs })
      return res.fileList.map((f) => ({ fileID: f.fileID, tempFileURL: f.tempFileURL, ok: f.status === 0 }))
    } catch (err) {
      throw classify(err)
    }
  },
  async requestSubscribe(tmplIds) {
    try {
      // Taro's Option type also requires the device-message fields (sn, snTicket, modelId); WeChat needs only tmplIds
      const res = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
      return res as unknown as Record<string, string>
    } catch (err) {
      throw classify(err)
    }
  },
  async startSoter(challenge, mode) {
    try {
      const res = await Taro.startSoterAuthentication({
        requestAuthModes: [mode],
        challenge,
        authContent: '请验证本人身份以使用补打卡',
      })
      return { authMode: mode, resultJSON: res.resultJSON, resultJSONSignature: res.resultJSONSignature }
    } catch (err) {
      throw classify(err)
    }
  },
  async soterModes() {
    try {
      const res = await Taro.checkIsSupportSoterAuthentication()
      const modes = (res.supportMode ?? []) as string[]
      return (['facial', 'fingerPrint'] as const).filter((m) => modes.includes(m))
    } catch {
      return []
    }
  },
}
