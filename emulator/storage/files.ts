import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface StoredFile {
  /** the cloud path, e.g. `avatars/o1.png` */
  path: string
  size: number
  contentType: string
  uploadedAt: string
}

/**
 * Cloud storage on local disk: bytes under `<root>/files/<cloudPath>`, metadata in `<root>/index.json`.
 * With no data folder the root is a temp folder removed on close.
 */
export interface FileStore {
  readonly envId: string
  fileIdFor(cloudPath: string): string
  /** cloud path of a `cloud://<env>.<bucket>/<path>` id, or null when the id is malformed */
  pathOf(fileId: string): string | null
  put(cloudPath: string, bytes: Buffer, contentType?: string): StoredFile
  get(cloudPath: string): { meta: StoredFile; bytes: Buffer } | null
  has(cloudPath: string): boolean
  remove(cloudPath: string): boolean
  copy(from: string, to: string): boolean
  list(): StoredFile[]
  clear(): void
  /** an HMAC over `parts`, used for upload tokens and temp-URL signatures */
  sign(...parts: string[]): string
  verify(signature: string, ...parts: string[]): boolean
  close(): void
}

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.mp4': 'video/mp4',
}

export function contentTypeFor(cloudPath: string): string {
  return TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
}

/** Rejects paths that would leave the storage root, as COS keys never resolve `..`. */
export function normaliseCloudPath(cloudPath: string): string {
  const clean = String(cloudPath ?? '').replace(/^\/+/, '')
  if (!clean || clean.endsWith('/') || clean.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    throw new Error(`invalid cloudPath: ${JSON.stringify(cloudPath)}`)
  }
  return clean
}

export function openFileStore(opts: { dataDir: string | null; envId: string }): FileStore {
  const temporary = opts.dataDir === null
  const root = temporary
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'))
    : path.join(opts.dataDir!, 'storage')
  const filesDir = path.join(root, 'files')
  const indexFile = path.join(root, 'index.json')
  fs.mkdirSync(filesDir, { recursive: true })
  const index = new Map<string, StoredFile>()
  if (fs.existsSync(indexFile)) {
    for (const f of JSON.parse(fs.readFileSync(indexFile, 'utf8')) as StoredFile[]) index.set(f.path, f)
  }
  // the signing secret survives restarts so temp URLs handed out before stay valid
  const secretFile = path.join(root, 'secret')
  const secret = fs.existsSync(secretFile) ? fs.readFileSync(secretFile) : randomBytes(32)
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, secret)
  const bucket = `${opts.envId}-local`

  const save = () => {
    const tmp = `${indexFile}.tmp`
    fs.writeFileSync(tmp, JSON.stringify([...index.values()]))
    fs.renameSync(tmp, indexFile)
  }
  const fileOf = (cloudPath: string) => path.join(filesDir, normaliseCloudPath(cloudPath))
  const sign = (...parts: string[]) =>
    createHmac('sha256', secret).update(parts.join('\n')).digest('hex').slice(0, 32)

  return {
    envId: opts.envId,
    fileIdFor: (cloudPath) => `cloud://${opts.envId}.${bucket}/${normaliseCloudPath(cloudPath)}`,
    pathOf: (fileId) => {
      const m = /^cloud:\/\/[^./]+\.[^/]+\/(.+)$/.exec(String(fileId ?? ''))
      if (!m) return null
      try {
        return normaliseCloudPath(m[1])
      } catch {
        return null
      }
    },
    put: (cloudPath, bytes, contentType) => {
      const p = normaliseCloudPath(cloudPath)
      const file = fileOf(p)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, bytes)
      const meta: StoredFile = {
        path: p,
        size: bytes.length,
        // a generic type says nothing: the extension is a better guess (browsers need it to show images)
        contentType:
          contentType && contentType !== 'application/octet-stream' ? contentType : contentTypeFor(p),
        uploadedAt: new Date().toISOString(),
      }
      index.set(p, meta)
      save()
      return meta
    },
    get: (cloudPath) => {
      const meta = index.get(cloudPath)
      if (!meta) return null
      try {
        return { meta, bytes: fs.readFileSync(fileOf(cloudPath)) }
      } catch {
        return null
      }
    },
    has: (cloudPath) => index.has(cloudPath),
    remove: (cloudPath) => {
      if (!index.delete(cloudPath)) return false
      fs.rmSync(fileOf(cloudPath), { force: true })
      save()
      return true
    },
    copy(from, to) {
      const src = this.get(from)
      if (!src) return false
      this.put(to, src.bytes, src.meta.contentType)
      return true
    },
    list: () => [...index.values()].sort((a, b) => a.path.localeCompare(b.path)),
    clear: () => {
      index.clear()
      fs.rmSync(filesDir, { recursive: true, force: true })
      fs.mkdirSync(filesDir, { recursive: true })
      save()
    },
    sign,
    verify: (signature, ...parts) => {
      const expected = Buffer.from(sign(...parts))
      const given = Buffer.from(String(signature ?? ''))
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
    close: () => {
      if (temporary) fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
