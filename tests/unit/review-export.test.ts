import { csvField, csvHead, csvLine, makeupRow } from '@core/review'
import type { MakeupDoc } from '@core/makeup'

describe('CSV fields', () => {
  it.each([
    ['plain', '张伟', '张伟'],
    ['a comma', '北京,朝阳', '"北京,朝阳"'],
    ['a quote', '他说"好"', '"他说""好"""'],
    ['a line break', '第一行\n第二行', '"第一行\n第二行"'],
    ['a formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['a leading plus', '+86 123', "'+86 123"],
    ['a negative number', '-1.5', '-1.5'],
    ['nothing', undefined, ''],
    ['a number', 36.6, '36.6'],
  ])('%s', (_l, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('ends lines with CRLF and starts a file with a BOM and the header', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n')
    expect(csvHead('audit').startsWith('\uFEFF时间,对象,')).toBe(true)
  })
})

it('writes a make-up row with names, Chinese status and Shanghai times', () => {
  const doc = {
    _id: 'm1_r1',
    companyId: 'c1',
    memberId: 'm1',
    day: '2026-11-24',
    status: 'rejected',
    report: { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' },
    reason: '忘记打卡',
    reasonKind: 'forgot',
    attachments: ['cloud://x/a.png'],
    cycle: '2026-11',
    charged: true,
    granted: false,
    policyVersion: 1,
    submittedAt: new Date('2026-11-25T01:00:00Z'),
    updatedAt: new Date('2026-11-25T02:00:00Z'),
    decidedAt: new Date('2026-11-25T02:00:00Z'),
    decidedBy: 'h1',
    decisionNote: '证明材料不清晰',
  } as MakeupDoc
  const who = (id: string) =>
    ({
      m1: { employeeNo: 'E1', name: '张伟', dept: '研发部' },
      h1: { employeeNo: 'H1', name: '陈思', dept: 'HR' },
    })[id]
  expect(csvLine(makeupRow(doc, who))).toBe(
    'E1,张伟,研发部,2026-11-24,已驳回,忘记打卡,忘记打卡,36.5,北京,绿码,1,2026-11-25 09:00:00,2026-11-25 10:00:00,陈思,证明材料不清晰\r\n',
  )
})
