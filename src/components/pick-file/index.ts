// Picks one document: on the phone from a WeChat chat (where test reports and sheets arrive), in the browser from
// the file system (Taro's H5 build does not support chooseMessageFile). Null when the user cancels.
import Taro from '@tarojs/taro'
import type { LocalFile } from '@/cloud'

export interface PickedFile {
  file: LocalFile
  name: string
  size: number
}

/** `extensions` without the dot, e.g. ['pdf'] or ['csv', 'xlsx']. */
export function pickFile(extensions: string[]): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser(extensions)
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions }).then(
    (r) => {
      const f = r.tempFiles[0]
      return f ? { file: f.path, name: f.name, size: f.size } : null
    },
    () => null,
  )
}

function pickInBrowser(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    const done = (picked: PickedFile | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const f = input.files?.[0]
      done(f ? { file: f, name: f.name, size: f.size } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}
