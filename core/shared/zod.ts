// zod/mini keeps the weapp bundle small (≈22 KB against ≈85 KB for the full API). WeChat forbids `new Function`,
// which zod probes for its JIT: initZod() switches that off and must run before the first parse.
import { z } from 'zod/mini'

let initialised = false

export function initZod(): void {
  if (initialised) return
  z.config({ jitless: true })
  initialised = true
}

initZod()

export { z }
