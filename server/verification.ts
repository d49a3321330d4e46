// WeChat's identity checks, server side: the phone-number code exchanged through the cloud openapi, the roster's
// numbers kept only as per-company salted hashes, and SOTER signatures verified by WeChat (soter.verifySignature).
// Each openapi is declared in the calling function's config.json (permissions.openapi).
import crypto from 'node:crypto'
import * as cloud from 'wx-server-sdk'

interface OpenApi {
  openapi: {
    phonenumber: { getPhoneNumber(p: { code: string }): Promise<{ errCode?: number; phoneInfo?: PhoneInfo }> }
    soter: {
      verifySignature(p: { openid: string; jsonString: string; jsonSignature: string }): Promise<{
        errCode?: number
        isOk?: boolean
      }>
    }
  }
}
interface PhoneInfo {
  purePhoneNumber?: string
  countryCode?: string
}

const api = () => (cloud as unknown as OpenApi).openapi

/** A fresh salt for a company's phone hashes. */
export const newPhoneSalt = () => crypto.randomBytes(32).toString('hex')

/** HMAC-SHA256 of the bare mainland number under the company's salt: comparable, not reversible by a table. */
export const phoneHash = (salt: string, phone: string) =>
  crypto.createHmac('sha256', salt).update(phone).digest('hex')

/** The user's WeChat-verified number for a button code, or null when WeChat refuses the code (40029: invalid,
 * expired or already used). Other failures throw. */
export async function exchangePhoneCode(code: string): Promise<string | null> {
  try {
    const res = await api().phonenumber.getPhoneNumber({ code })
    const info = res.phoneInfo
    return info?.purePhoneNumber && (info.countryCode ?? '86') === '86' ? info.purePhoneNumber : null
  } catch (e) {
    if ((e as { errCode?: number }).errCode === 40029) return null
    throw e
  }
}

/** Whether WeChat vouches that `openid`'s device key signed `json`. */
export async function soterSignatureValid(openid: string, json: string, signature: string): Promise<boolean> {
  const res = await api().soter.verifySignature({ openid, jsonString: json, jsonSignature: signature })
  return res.isOk === true
}

/** A challenge for wx.startSoterAuthentication: random, single use. */
export const newChallenge = () => crypto.randomBytes(24).toString('base64url')
