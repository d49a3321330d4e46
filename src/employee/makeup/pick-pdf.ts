import Taro from '@tarojs/taro'
import type { LocalFile } from '../../cloud'

export interface PickedPdf {
  name: string
  size: number
  file: LocalFile
}

/**
 * One PDF, or null when the user cancels. WeChat picks it from a chat (chooseMessageFile: test reports arrive
 * there); Taro's H5 build does not support that API, so the browser's own file chooser stands in.
 */
export function pickPdf(): Promise<PickedPdf | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser()
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] }).then(
    (r) => {
      const f = r.tempFiles[0]
      return f ? { name: f.name, size: f.size, file: f.path } : null
    },
    () => null,
  )
}

function pickInBrowser(): Promise<PickedPdf | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'application/pdf,.pdf'
    input.style.display = 'none'
    const done = (picked: PickedPdf | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const f = input.files?.[0]
      done(f ? { name: f.name, size: f.size, file: f } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}
