import { WireError, type ActionHandler } from '../wire'
import { normaliseCloudPath, type FileStore } from '../storage/files'
import { DEFAULT_MAX_AGE, downloadUrl, uploadGrant, cosFileIdFor } from '../storage/urls'

/** CloudBase caps getTempFileURL at 50 files per call. */
const MAX_TEMP_URLS = 50

/** `storage.*` admin actions, answered in the shapes `@cloudbase/node-sdk` unpacks. */
export function storageActions(
  files: FileStore,
  opts: { baseUrl: () => string; now: () => Date },
): Record<string, ActionHandler> {
  const pathOrId = (v: unknown) => files.pathOf(String(v)) ?? safePath(v)
  return {
    'storage.getUploadMetadata': (body) => {
      const cloudPath = safePath(body.path)
      if (!cloudPath) throw new WireError('INVALID_PARAM', `invalid cloudPath: ${JSON.stringify(body.path)}`)
      const { url, authorization, token, cosFileId } = uploadGrant(
        files,
        opts.baseUrl(),
        cloudPath,
        Date.now(),
      )
      return { data: { url, token, authorization, fileId: files.fileIdFor(cloudPath), cosFileId } }
    },
    'storage.batchGetDownloadUrl': (body) => {
      const list = body.file_list
      if (!Array.isArray(list)) throw new WireError('INVALID_PARAM', 'file_list must be an array')
      if (list.length > MAX_TEMP_URLS)
        throw new WireError('INVALID_PARAM', `at most ${MAX_TEMP_URLS} files per call`)
      const nowMs = opts.now().getTime()
      return {
        data: {
          download_list: list.map((item: { fileid?: string; max_age?: number }) => {
            const fileID = String(item?.fileid ?? '')
            const cloudPath = files.pathOf(fileID)
            const maxAge = Number(item?.max_age) > 0 ? Number(item.max_age) : DEFAULT_MAX_AGE
            if (!cloudPath || !files.has(cloudPath))
              return {
                fileID,
                tempFileURL: '',
                code: 'STORAGE_FILE_NONEXIST',
                message: 'storage file not exists',
                maxAge,
              }
            return {
              fileID,
              tempFileURL: downloadUrl(files, opts.baseUrl(), cloudPath, nowMs, maxAge),
              code: 'SUCCESS',
              maxAge,
            }
          }),
        },
      }
    },
    'storage.batchDeleteFile': (body) => {
      if (!Array.isArray(body.fileid_list))
        throw new WireError('INVALID_PARAM', 'fileid_list must be an array')
      return {
        data: {
          delete_list: body.fileid_list.map((fileID: string) => {
            const cloudPath = files.pathOf(fileID)
            return {
              fileID,
              code: cloudPath && files.remove(cloudPath) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
            }
          }),
        },
      }
    },
    'storage.batchCopyFile': (body) => {
      if (!Array.isArray(body.file_list)) throw new WireError('INVALID_PARAM', 'file_list must be an array')
      return {
        data: {
          copy_list: body.file_list.map(
            (item: {
              src_path?: string
              dst_path?: string
              overwrite?: boolean
              remove_original?: boolean
            }) => {
              const from = pathOrId(item.src_path)
              const to = pathOrId(item.dst_path)
              if (!from || !to)
                return { fileId: String(item.dst_path), code: 'INVALID_PARAM', message: 'invalid path' }
              if (!files.has(from))
                return {
                  fileId: String(item.dst_path),
                  code: 'STORAGE_FILE_NONEXIST',
                  message: 'source does not exist',
                }
              if (files.has(to) && item.overwrite === false)
                return {
                  fileId: files.fileIdFor(to),
                  code: 'STORAGE_REQUEST_FAIL',
                  message: 'destination exists',
                }
              files.copy(from, to)
              if (item.remove_original) files.remove(from)
              return { fileId: files.fileIdFor(to), code: 'SUCCESS' }
            },
          ),
        },
      }
    },
    // only client-side (end-user) SDKs ask for this; the emulator grants what is asked
    'storage.getFileAuthority': (body) => {
      if (!Array.isArray(body.fileList)) throw new WireError('INVALID_PARAM', 'fileList must be an array')
      return {
        data: body.fileList.map((f: { path: string; type: string }) => ({
          path: f.path,
          cosFileId: cosFileIdFor(files, f.path),
          read: f.type !== 'WRITE',
          write: f.type !== 'READ',
        })),
      }
    },
  }
}

function safePath(v: unknown): string | null {
  try {
    return normaliseCloudPath(String(v ?? ''))
  } catch {
    return null
  }
}
