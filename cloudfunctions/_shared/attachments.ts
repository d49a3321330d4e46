// Checks uploaded files for what they are, not what they are called: the real type (magic bytes) must be an
// allowed type and match the name, the size within the policy's limit. Names and ownership were checked by core.
import { DomainError } from '../../core/errors'
import { sniffFileType } from '../../core/files'
import type { FileType } from '../../core/policy'
import { downloadFile } from './sdk'

const EXT: Record<string, FileType> = { jpg: 'jpg', jpeg: 'jpg', png: 'png', pdf: 'pdf' }

export async function verifyFiles(
  fileIDs: string[],
  limits: { maxBytes: number; types: FileType[] },
): Promise<void> {
  const contents = await Promise.all(fileIDs.map((f) => downloadFile(f)))
  contents.forEach((bytes, i) => {
    const claimed = EXT[fileIDs[i].slice(fileIDs[i].lastIndexOf('.') + 1)]
    if (!bytes) throw new DomainError('ATTACHMENT_INVALID', `missing ${fileIDs[i]}`)
    if (bytes.length > limits.maxBytes) throw new DomainError('ATTACHMENT_INVALID', `too large ${fileIDs[i]}`)
    const real = sniffFileType(bytes)
    if (!real || real !== claimed || !limits.types.includes(real))
      throw new DomainError('ATTACHMENT_INVALID', `type ${real} for ${fileIDs[i]}`)
  })
}
