// Picks a member sheet (CSV/XLSX): from a WeChat chat on the phone, from the file system in the browser.
import Taro from '@tarojs/taro'
import type { LocalFile } from '../cloud'

export interface Picked {
  file: LocalFile
  name: string
}

export function pickSheet(): Promise<Picked | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser()
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).then(
    (r) => ({ file: r.tempFiles[0].path, name: r.tempFiles[0].name }),
    () => null,
  )
}

function pickInBrowser(): Promise<Picked | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.xlsx'
    input.onchange = () => {
      const f = input.files?.[0]
      resolve(f ? { file: f, name: f.name } : null)
    }
    input.click()
  })
}
