import fc from 'fast-check'
import { clip, FIELD_TYPES, formatField, formatTime, STATUS_PHRASES } from '@core/notices'
import { checkField, FIELD_RULES } from '@emulator/subscribe/fields'

const len = (s: string) => [...s].length
const AT = new Date('2026-11-28T07:01:00Z') // 15:01 in Shanghai

describe('thing: at most 20 characters, cut with an ellipsis', () => {
  it.each([
    ['当天忘记打卡', '当天忘记打卡'],
    ['一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrs…'],
    ['混合mixed文本text超过二十个字符的长度', '混合mixed文本text超过二十个字…'],
    ['  多行\n\n文本  ', '多行 文本'],
    ['', '无'],
  ])('%j → %j', (input, out) => {
    const v = formatField('thing', input)
    expect(v).toBe(out)
    expect(checkField('thing', v)).toBeNull()
  })

  it('counts an emoji (two UTF-16 units) as one character', () => {
    const v = formatField('thing', '😀'.repeat(25))
    expect(len(v)).toBe(20)
    expect(v.endsWith('…')).toBe(true)
  })
})

describe('phrase: status words mapped to ≤ 5 Chinese characters', () => {
  it.each(Object.entries(STATUS_PHRASES))('%s → %s', (word, phrase) => {
    expect(formatField('phrase', word)).toBe(phrase)
    expect(checkField('phrase', phrase)).toBeNull()
  })

  it.each([
    ['审核通过啦!', '审核通过啦'],
    ['已经审核通过了', '已经审核通'],
    ['OK', '通知'],
    ['通过 ok', '通过'],
    ['toString', '通知'], // found by the property test: not a status word, though every object has it
  ])('free text %j keeps its Chinese characters: %j', (input, out) => {
    expect(formatField('phrase', input)).toBe(out)
    expect(checkField('phrase', out)).toBeNull()
  })
})

describe('name: ≤ 10 Chinese characters or ≤ 20 letters', () => {
  it.each([
    ['李明', '李明'],
    ['欧阳娜娜欧阳娜娜欧阳', '欧阳娜娜欧阳娜娜欧阳'],
    ['欧阳娜娜欧阳娜娜欧阳娜', '欧阳娜娜欧阳娜娜欧…'],
    ['Li Ming', 'Li Ming'],
    ["Mary-Jane O'Neil Smithson", "Mary-Jane O'Neil Smi"],
    ['Wang 3rd', 'Wang rd'],
    ['12345', '员工'],
    ['李Ming', '李Ming'],
    // found by the property test (À as A + combining grave): clipped to 10, its only Chinese character was cut off
    ['! ! ! A\u0300 !㐀', 'A'],
  ])('%j → %j', (input, out) => {
    const v = formatField('name', input)
    expect(v).toBe(out)
    expect(checkField('name', v)).toBeNull()
  })
})

describe('number, letter, character_string: ≤ 32', () => {
  it.each([
    [3, '3'],
    [-12, '-12'],
    [2.5, '2.5'],
    [1 / 3, '0.33'],
    ['共 12 条', '12'],
    ['none', '0'],
    [1e40, '10000000000000000303786028427003'],
  ])('number %j → %j', (input, out) => {
    const v = formatField('number', input)
    expect(v).toBe(out)
    expect(checkField('number', v)).toBeNull()
  })

  it('letter keeps letters only, at most 32', () => {
    expect(formatField('letter', 'ab1c-D')).toBe('abcD')
    expect(formatField('letter', 'x'.repeat(40))).toHaveLength(32)
    expect(formatField('letter', '中文')).toBe('NA')
  })

  it('character_string keeps printable ASCII, at most 32', () => {
    expect(formatField('character_string', 'REQ-2026 11/28 补')).toBe('REQ-202611/28')
    expect(formatField('character_string', 'a'.repeat(40))).toHaveLength(32)
    expect(formatField('character_string', '补卡')).toBe('-')
  })
})

describe('symbol, phone_number, car_number, amount', () => {
  it.each([
    ['symbol', '%%%%%%%', '%%%%%'],
    ['symbol', 'a+b', '+'],
    ['phone_number', '+86 138-0000-0000 ext', '+86 138-0000-0000'],
    ['car_number', '京A·12345X', '京A12345X'],
    ['car_number', '京A123456789', '京A123456'],
    ['amount', 12.5, '12.50'],
    ['amount', '¥30', '30'],
  ] as const)('%s %j → %j', (type, input, out) => {
    const v = formatField(type, input)
    expect(v).toBe(out)
    expect(checkField(type, v)).toBeNull()
  })
})

describe('time and date: 24-hour, Asia/Shanghai', () => {
  it('formats an instant in Shanghai whatever the server zone', () => {
    expect(formatField('time', AT)).toBe('2026年11月28日 15:01')
    expect(formatField('date', AT)).toBe('2026年11月28日')
    expect(formatField('date', new Date('2026-11-28T16:30:00Z'))).toBe('2026年11月29日')
    expect(formatField('time', new Date('2026-11-28T16:30:00Z'))).toBe('2026年11月29日 00:30')
  })

  it('formats local days, clock times, ISO instants and ranges', () => {
    expect(formatField('date', '2026-03-05')).toBe('2026年3月5日')
    expect(formatField('time', '09:30')).toBe('09:30')
    expect(formatField('time', '2026-03-05')).toBe('2026年3月5日 00:00')
    expect(formatField('time', '2026-11-28T07:01:00.000Z')).toBe('2026年11月28日 15:01')
    expect(formatField('date', ['2026-11-01', '2026-11-05'])).toBe('2026年11月1日~2026年11月5日')
    for (const v of ['2026年3月5日', '2026年11月28日 15:01', '09:30', '2026年3月5日 00:00'])
      expect(checkField(v.includes(':') ? 'time' : 'date', v)).toBeNull()
  })

  it('refuses what is not a time instead of sending something WeChat rejects', () => {
    expect(() => formatField('time', 'soon')).toThrow(/not a time/)
    expect(() => formatField('date', undefined)).toThrow(/needs a value/)
  })
})

it('refuses an unknown field type', () => {
  expect(() => formatField('colour', 'red')).toThrow(/unknown/)
  expect(() => formatField('constructor', 'red')).toThrow(/unknown/)
})

it('covers every type the emulator validates', () => {
  expect([...FIELD_TYPES].sort()).toEqual(Object.keys(FIELD_RULES).sort())
})

it('clip never exceeds the limit', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (s, n) => {
      expect(len(clip(s, n))).toBeLessThanOrEqual(n)
    }),
  )
})

describe('property: every formatted value passes WeChat’s rule for its type', () => {
  const textish = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(...'补卡审核通过驳回张三李四王五赵六abcXYZ 019-+.%'), maxLength: 40 }),
    fc.constantFrom(...Object.keys(STATUS_PHRASES)),
    fc.double({ noNaN: true }),
    fc.integer(),
  )
  const types = FIELD_TYPES.filter((t) => t !== 'time' && t !== 'date')

  it.each(types)('%s', (type) => {
    fc.assert(
      fc.property(textish, (v) => {
        expect(checkField(type, formatField(type, v))).toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  it.each(['time', 'date'])('%s', (type) => {
    fc.assert(
      fc.property(instant, instant, fc.boolean(), (a, b, range) => {
        const v = formatField(type, range ? [a, b] : a)
        expect(checkField(type, v)).toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  it('formatTime is a valid time for any instant', () => {
    fc.assert(fc.property(instant, (a) => expect(checkField('time', formatTime(a))).toBeNull()))
  })
})
