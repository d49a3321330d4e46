// Pictures picked in NutUI's Uploader (a ticket's screenshots, a make-up's evidence): each pick goes to the member's
// own upload folder (unique name) as soon as it is chosen; the form sends the fileIDs of the picks still listed.
import { useState } from 'react'
import type { MemberView } from '@core/checkin'
import { uploadFile, type LocalFile } from '../cloud'
import { memberFilePath } from '../cloud/ids'
import type { Refused } from '../components/refusal-notice'
import type { UploaderFileItem } from '../kit'

/** What NutUI's Taro Uploader hands to `upload`: a chooseMedia temp file (with the File itself on H5). */
interface PickedFile {
  tempFilePath: string
  originalFileObj?: File
}

export function useUploads(member: MemberView | null, onRefused: (r: Refused) => void) {
  const [files, setFiles] = useState<UploaderFileItem[]>([])
  const [ids, setIds] = useState<Map<unknown, string>>(new Map())

  const upload = async (picked: PickedFile): Promise<UploaderFileItem> => {
    if (!member) throw new Error('member not loaded')
    const local: LocalFile = picked.originalFileObj ?? picked.tempFilePath
    const name = picked.originalFileObj?.name ?? picked.tempFilePath
    const res = await uploadFile(local, memberFilePath(member.companyId, member.memberId, name))
    if (!res.ok) {
      onRefused(res)
      throw new Error(res.code)
    }
    setIds((m) => new Map(m).set(picked, res.data))
    return { url: picked.tempFilePath }
  }

  return {
    files,
    setFiles,
    upload: upload as unknown as (file: File) => Promise<UploaderFileItem>,
    fileIDs: files.flatMap((f) => ids.get(f.file) ?? []),
    uploading: files.some((f) => f.status === 'uploading'),
    reset: () => setFiles([]),
  }
}
