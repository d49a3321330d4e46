// Files the app hands to the user from a temp URL: in WeChat downloaded (the storage domain is in the downloadFile
// domain list, DEPLOY.md) and opened in the document viewer, which can forward or save them; in the browser, a new
// tab. Never the clipboard: links to health data must not leave the app, and 剪切板 is not a declared privacy type.
import Taro from '@tarojs/taro'

export type DocumentType = 'pdf' | 'xlsx'

/** Downloads `url` to a local temp file (weapp); null when the link has expired or the download failed. */
export async function downloadToPhone(url: string): Promise<string | null> {
  try {
    const file = await Taro.downloadFile({ url })
    return file.statusCode === 200 ? file.tempFilePath : null
  } catch {
    return null
  }
}

/** Opens the document at `url` for reading; false when it could not (the page tells the user). */
export async function openDocumentAt(url: string, fileType: DocumentType): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return true
  }
  const filePath = await downloadToPhone(url)
  if (!filePath) return false
  try {
    await Taro.openDocument({ filePath, fileType, showMenu: true })
    return true
  } catch {
    return false
  }
}
