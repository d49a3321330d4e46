// Text a person typed into a form: no control characters (tab and line breaks allowed) and no broken UTF-16 (a
// lone surrogate half), which storage, CSV exports and subscribe messages would silently turn into U+FFFD or cut.
// A plain loop: the app's JS engines lack String.prototype.isWellFormed and regex lookbehind.

export function isPlainText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0x7f && c <= 0x9f) return false
    if (c >= 0xdc00 && c <= 0xdfff) return false
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = s.charCodeAt(i + 1)
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false
      i++
    }
  }
  return true
}

export const PLAIN_TEXT_MESSAGE = '包含无法识别的字符（控制字符或残缺的表情符号）'
