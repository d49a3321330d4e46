// What an uploaded file really is, from its first bytes (the name's extension is the client's claim).

export type FileType = 'jpg' | 'png' | 'pdf'

const SIGNATURES: { type: FileType; bytes: number[] }[] = [
  { type: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
]

export function sniffFileType(head: Uint8Array): FileType | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b))
  return hit ? hit.type : null
}
