// WeChat's identity checks as the emulator plays them, both halves:
// - the client half (what WeChat does on the phone): the phone-number button hands the page a one-time code for
//   the user's WeChat-bound number; `wx.startSoterAuthentication` signs the page's challenge with a key the
//   device's secure element keeps (SHA256withRSA/PSS, as WeChat documents for SOTER);
// - the server half (cloud openapi): `phonenumber.getPhoneNumber` turns a code into the number once, within
//   5 minutes, else errcode 40029 "invalid code"; `soter.verifySignature` checks the signature with that
//   user's device key and answers `is_ok`.
// Codes and keys live in memory: a restarted emulator is a phone that must authorise again.
import crypto from 'node:crypto'

/** A button code lives 5 minutes and can be exchanged once (WeChat's getPhoneNumber doc). */
export const PHONE_CODE_TTL_MS = 5 * 60 * 1000
export const INVALID_CODE = { errcode: 40029, errmsg: 'invalid code' }

export type SoterMode = 'fingerPrint' | 'facial'

interface PhoneCode {
  phone: string
  expiresAt: number
  used: boolean
}

export class VerificationService {
  private codes = new Map<string, PhoneCode>()
  private deviceKeys = new Map<string, crypto.KeyObject>()
  private counters = new Map<string, number>()

  constructor(
    private readonly now: () => number,
    private readonly appid = 'wx-local',
  ) {}

  /** Client half of `<button open-type="getPhoneNumber">`: the user agreed to share `phone`. */
  issuePhoneCode(phone: string): string {
    const code = crypto.randomBytes(32).toString('hex')
    this.codes.set(code, { phone, expiresAt: this.now() + PHONE_CODE_TTL_MS, used: false })
    return code
  }

  /** Server half: `cloud.openapi.phonenumber.getPhoneNumber({ code })`. */
  getPhoneNumber(params: Record<string, unknown>): unknown {
    const entry = typeof params.code === 'string' ? this.codes.get(params.code) : undefined
    if (!entry || entry.used || this.now() > entry.expiresAt) return INVALID_CODE
    entry.used = true
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.phone,
        purePhoneNumber: entry.phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.now() / 1000), appid: this.appid },
      },
    }
  }

  /** Client half of `wx.startSoterAuthentication` after the user's face or finger matched. */
  startSoterAuthentication(openid: string, challenge: string, authMode: SoterMode) {
    let key = this.deviceKeys.get(openid)
    if (!key) {
      key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      this.deviceKeys.set(openid, key)
    }
    const counter = (this.counters.get(openid) ?? 0) + 1
    this.counters.set(openid, counter)
    const resultJSON = JSON.stringify({
      raw: challenge,
      fid: authMode === 'facial' ? 'face-1' : 'finger-1',
      counter,
      tee_n: 'emulator',
      tee_v: '1',
      fp_n: 'emulator',
      fp_v: '1',
      cpu_id: 'emulator',
      uid: '0',
    })
    const resultJSONSignature = crypto
      .sign('sha256', Buffer.from(resultJSON), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING })
      .toString('base64')
    return { errCode: 0, errMsg: 'startSoterAuthentication:ok', authMode, resultJSON, resultJSONSignature }
  }

  /** Server half: `cloud.openapi.soter.verifySignature({ openid, jsonString, jsonSignature })`. */
  verifySignature(params: Record<string, unknown>): unknown {
    const openid = params.openid
    const json = params.json_string ?? params.jsonString
    const signature = params.json_signature ?? params.jsonSignature
    if (typeof openid !== 'string' || typeof json !== 'string' || typeof signature !== 'string')
      return { errcode: 47001, errmsg: 'data format error' }
    const key = this.deviceKeys.get(openid)
    const isOk =
      !!key &&
      crypto.verify(
        'sha256',
        Buffer.from(json),
        { key: crypto.createPublicKey(key), padding: crypto.constants.RSA_PKCS1_PSS_PADDING },
        Buffer.from(signature, 'base64'),
      )
    return { errcode: 0, errmsg: 'ok', is_ok: isOk }
  }
}
