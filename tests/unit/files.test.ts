import { sniffFileType } from '@core/shared'

describe('sniffFileType: the real type from the first bytes', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0], 'jpg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'png'],
    [[...Buffer.from('%PDF-1.7\n')], 'pdf'],
    [[...Buffer.from('GIF89a')], null],
    [[...Buffer.from('MZ')], null],
    [[0xff, 0xd8], null],
    [[], null],
  ])('%j → %s', (bytes, type) => {
    expect(sniffFileType(new Uint8Array(bytes as number[]))).toBe(type)
  })
})
