import type { FileStore } from './files'

export const UPLOAD_PREFIX = '/storage/upload/'
export const DOWNLOAD_PREFIX = '/storage/download/'
/** CloudBase's default validity of a temp URL when the caller gives no maxAge (seconds) */
export const DEFAULT_MAX_AGE = 86400
const UPLOAD_VALIDITY_MS = 10 * 60 * 1000

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/')

/** A signed, expiring PUT target for one cloud path (what COS hands out through getUploadMetadata). */
export function uploadUrl(files: FileStore, base: string, cloudPath: string, nowMs: number): string {
  const expires = String(nowMs + UPLOAD_VALIDITY_MS)
  const token = files.sign('put', cloudPath, expires)
  return `${base}${UPLOAD_PREFIX}${encodePath(cloudPath)}?expires=${expires}&token=${token}`
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
