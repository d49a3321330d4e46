import type { FileStore } from './files'

export const UPLOAD_PREFIX = '/storage/upload/'
export const DOWNLOAD_PREFIX = '/storage/download/'
/** CloudBase's default validity of a temp URL when the caller gives no maxAge (seconds) */
export const DEFAULT_MAX_AGE = 86400
const UPLOAD_VALIDITY_S = 10 * 60

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/')

export interface UploadGrant {
  url: string
  /** COS-style `q-sign-time=<start>;<end>…&q-signature=<hmac>`; the SDK sends it as `authorization` */
  authorization: string
  /** sent back as `x-cos-security-token` */
  token: string
  /** sent back as `x-cos-meta-fileid` */
  cosFileId: string
}

/**
 * What getUploadMetadata hands out: a PUT target and the headers the SDK must send with the bytes, signed for one
 * cloud path and valid for 10 minutes, as COS does.
 */
export function uploadGrant(files: FileStore, base: string, cloudPath: string, nowMs: number): UploadGrant {
  const start = Math.floor(nowMs / 1000)
  const end = start + UPLOAD_VALIDITY_S
  const signature = files.sign('put', cloudPath, String(end))
  return {
    url: `${base}${UPLOAD_PREFIX}${encodePath(cloudPath)}`,
    authorization: `q-sign-algorithm=sha1&q-ak=local&q-sign-time=${start};${end}&q-key-time=${start};${end}&q-header-list=&q-url-param-list=&q-signature=${signature}`,
    token: files.sign('token', cloudPath),
    cosFileId: cosFileIdFor(files, cloudPath),
  }
}

export const cosFileIdFor = (files: FileStore, cloudPath: string) => `local-${files.sign('cos', cloudPath)}`

/** Why an upload's headers are refused (the COS error code), or null when they carry a valid grant. */
export function checkUploadHeaders(
  files: FileStore,
  cloudPath: string,
  headers: Record<string, string | string[] | undefined>,
  nowMs: number,
): { code: string; message: string } | null {
  const auth = String(headers.authorization ?? '')
  const end = /q-sign-time=\d+;(\d+)/.exec(auth)?.[1] ?? ''
  const signature = /q-signature=(\w+)/.exec(auth)?.[1] ?? ''
  if (!end || !files.verify(signature, 'put', cloudPath, end))
    return {
      code: 'SignatureDoesNotMatch',
      message: 'The calculated signature does not match the authorization',
    }
  if (nowMs / 1000 > Number(end)) return { code: 'AccessDenied', message: 'Request has expired' }
  if (headers['x-cos-security-token'] !== files.sign('token', cloudPath))
    return { code: 'InvalidAccessKeyId', message: 'The x-cos-security-token is missing or wrong' }
  if (headers['x-cos-meta-fileid'] !== cosFileIdFor(files, cloudPath))
    return { code: 'InvalidArgument', message: 'x-cos-meta-fileid does not match the upload' }
  return null
}

/**
 * A temp download URL. Like CloudBase's, the path is left unencoded (the SDK runs `encodeURI` on it before use);
 * `t` is the expiry in emulator-clock seconds.
 */
export function downloadUrl(
  files: FileStore,
  base: string,
  cloudPath: string,
  nowMs: number,
  maxAge: number,
): string {
  const t = String(Math.floor(nowMs / 1000) + maxAge)
  return `${base}${DOWNLOAD_PREFIX}${cloudPath}?t=${t}&sign=${files.sign('get', cloudPath, t)}`
}

/** Decodes the cloud path after a route prefix; null when it is not valid percent-encoding. */
export function pathAfter(prefix: string, pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(prefix.length))
  } catch {
    return null
  }
}
