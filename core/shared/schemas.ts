// Schema pieces every domain's input schemas use. Strict objects reject unknown keys and every leaf is a primitive of
// a fixed type, so `$`-operator objects (NoSQL injection) can never reach a query.
import { isPlainText, PLAIN_TEXT_MESSAGE } from './text'
import { z } from './zod'

export const plain = () => z.refine<string>(isPlainText, PLAIN_TEXT_MESSAGE)
export const text = (max: number) => z.string().check(z.maxLength(max), plain())
export const nonEmpty = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), plain())
export const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))
export const clientRequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))
export const fileID = z.string().check(z.startsWith('cloud://'), z.maxLength(300))
/** a page cursor: '<epoch ms>.<document id>' */
export const cursor = z.string().check(z.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/))
export const instant = z.iso.datetime({ offset: true })
export const empty = z.strictObject({})
