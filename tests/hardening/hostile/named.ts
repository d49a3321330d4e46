// Hand-written hostile payloads with the outcome each must get: other members' and other companies' ids and files,
// path tricks in fileIDs, hostile member sheets, forged identity in the event (checked against the data answered),
// routing tricks, and the named dates, numbers and page cursors.
import type { FunctionName } from '@core/api'
import { C2, COMPANY, OTHER_COMPANY } from '@tests/integration/harness'
import type { Bases } from './bases'
import { baseOf, withValue, type Case, type Transport } from './corpus'
import { A, B, FILES, HR, HR2, IDS, NEW, OPERATOR, REV_MKT, file } from './fixture'

const NOT_YOURS = ['REQUEST_NOT_FOUND', 'FORBIDDEN']
/** the sheets of hostile/sheets.ts */
const SHEETS = [
  'noise.csv',
  'not-a-workbook.xlsx',
  'nul.csv',
  'unclosed-quote.csv',
  'blank-lines.csv',
  'wide.csv',
  'formula.csv',
  'far-row.xlsx',
]
const FILE_REFUSED = ['ATTACHMENT_FORBIDDEN', 'ATTACHMENT_INVALID', 'INVALID_INPUT']

/** fileIDs that name someone else's file, or no file, through a path trick; all must be refused. */
export const PATH_TRICKS: string[] = [
  FILES.colleague,
  FILES.otherCompany,
  file(COMPANY, 'm1', '../m2/f0a1b2c3.jpg'),
  file(COMPANY, 'm1', '%2e%2e/m2/f0a1b2c3.jpg'),
  file(COMPANY, 'm1', '..%2fm2%2ff0a1b2c3.jpg'),
  file(COMPANY, 'm1', '..\\m2\\f0a1b2c3.jpg'),
  file(COMPANY, 'm1', '../../../c2/members/m9/shot.png'),
  `cloud://local-dev.bucket/companies/${COMPANY}/members/m1x/f0a1b2c3.jpg`, // m1 as a prefix of m1x
  `cloud://local-dev.bucket//companies/${COMPANY}/members/m2/f0a1b2c3.jpg`,
  `cloud://other-env.other-bucket/companies/${COMPANY}/members/m1/f0a1b2c3.jpg`,
  `cloud://local-dev.bucket/companies/${OTHER_COMPANY}/members/m1/f0a1b2c3.jpg`,
  `cloud://local-dev.bucket/companies/${COMPANY}/admin/members.csv`,
  `${FILES.colleague}?sign=x`,
  `${FILES.mine}#/../../m2/f0a1b2c3.jpg`,
  'cloud://',
  'cloud://local-dev.bucket/',
]

interface Spec {
  fn: FunctionName
  action: string
  label: string
  as?: string
  /** replaces fields of the base input */
  set?: [string[], unknown][]
  /** the whole event instead of the base (routing tricks) */
  event?: Record<string, unknown>
  /** fields added to the event as it arrives (forged identity) */
  add?: Record<string, unknown>
  expect: string[]
  readOnly?: boolean
  check?: [string, (data: unknown) => boolean]
  transport?: Transport
  kind: string
}

/** the ids of a list of views */
const ids = (list: unknown): string[] => (Array.isArray(list) ? list.map((v: { id: string }) => v.id) : [])

/** the `items` of a page */
const items = (page: unknown): unknown[] => (page as { items?: unknown[] }).items ?? []

/** `{ a: { a: … } }`, `depth` levels */
function deep(depth: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

/** Actions taking a day: [fn, action, field, allowed outcomes for 1900-01-01, for 2099-12-31] */
const FAR_DAYS: [FunctionName, string, string, [string[], string[]]][] = [
  [
    'makeup',
    'submit',
    'day',
    [['DAY_BEFORE_JOINING', 'MAKEUP_WINDOW_PASSED', 'MAKEUP_CUTOFF_PASSED'], ['DAY_IN_FUTURE']],
  ],
  [
    'makeup',
    'special',
    'day',
    [
      ['DAY_BEFORE_JOINING', 'SPECIAL_NOT_NEEDED'],
      ['DAY_IN_FUTURE', 'SPECIAL_NOT_NEEDED'],
    ],
  ],
  [
    'review',
    'onBehalf',
    'day',
    [
      ['DAY_BEFORE_JOINING', 'INVALID_INPUT'],
      ['DAY_IN_FUTURE', 'INVALID_INPUT'],
    ],
  ],
  ['review', 'correct', 'day', [['RECORD_NOT_FOUND'], ['RECORD_NOT_FOUND']]],
  [
    'review',
    'decideSpecial',
    'deadline',
    [
      ['INVALID_INPUT', 'OK'],
      ['INVALID_INPUT', 'OK'],
    ],
  ],
  ['checkin', 'month', 'month', [['OK'], ['OK']]],
  ['admin', 'preview', 'day', [['OK'], ['OK']]],
  ['review', 'delegate', 'until', [['INVALID_INPUT'], ['OK', 'INVALID_INPUT']]],
]

/** Built after the fixture is seeded (ticket ids come from the help function). */
const specs = (): Spec[] => [
  // other members' and other companies' ids
  ...[IDS.colleaguePending, IDS.otherCompanyPending].flatMap((id): Spec[] => [
    { kind: 'other id', fn: 'makeup', action: 'detail', label: id, set: [[['id'], id]], expect: NOT_YOURS },
    { kind: 'other id', fn: 'makeup', action: 'withdraw', label: id, set: [[['id'], id]], expect: NOT_YOURS },
    { kind: 'other id', fn: 'makeup', action: 'resubmit', label: id, set: [[['id'], id]], expect: NOT_YOURS },
  ]),
  {
    kind: 'other id',
    fn: 'review',
    action: 'detail',
    label: 'other company',
    set: [[['id'], IDS.otherCompanyPending]],
    expect: ['REQUEST_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'decide',
    label: 'other company',
    set: [[['id'], IDS.otherCompanyPending]],
    expect: ['REQUEST_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'bulkApprove',
    label: 'other company only',
    set: [[['ids'], [IDS.otherCompanyPending]]],
    expect: ['OK'],
    readOnly: true,
  },
  {
    kind: 'other id',
    fn: 'notify',
    action: 'markRead',
    label: 'someone else’s notice',
    set: [[['ids'], ['ticketReplied_x.m2']]],
    expect: ['OK'],
    readOnly: true,
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'decide',
    label: 'as the employee, own request',
    as: A,
    expect: ['FORBIDDEN', 'OWN_REQUEST'],
  },
  ...(['detail', 'decide'] as const).map((action): Spec => ({
    kind: 'other id',
    fn: 'review',
    action,
    label: 'as the reviewer of another department',
    as: REV_MKT,
    expect: ['FORBIDDEN'],
  })),
  {
    kind: 'other id',
    fn: 'review',
    action: 'bulkApprove',
    label: 'as the reviewer of another department',
    as: REV_MKT,
    expect: ['OK'],
    readOnly: true,
    check: ['every item refused', (d) => (d as { results: { ok: boolean }[] }).results.every((r) => !r.ok)],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'decideSpecial',
    label: 'other company',
    set: [[['id'], 'h9_2026-11-18']],
    expect: ['SPECIAL_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'correct',
    label: 'other company member',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'onBehalf',
    label: 'other company member',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'delegate',
    label: 'to another company',
    set: [[['to'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'delegate',
    label: 'to oneself',
    set: [[['to'], 'r1']],
    expect: ['INVALID_INPUT', 'FORBIDDEN', 'MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'review',
    action: 'exportContinue',
    label: 'a made-up job',
    set: [[['jobId'], 'c2_export_1']],
    expect: ['EXPORT_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'member',
    label: 'other company',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'updateMember',
    label: 'other company',
    set: [
      [['memberId'], 'm9'],
      [['roles'], ['hr']],
    ],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'deactivate',
    label: 'other company',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'preview',
    label: 'other company',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'updateMember',
    label: 'employee makes themself HR',
    as: A,
    set: [[['roles'], ['hr']]],
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'other id',
    fn: 'privacy',
    action: 'confirmDeletion',
    label: 'other company',
    set: [[['memberId'], 'm9']],
    expect: ['MEMBER_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'help',
    action: 'detail',
    label: 'colleague’s ticket',
    as: A,
    expect: ['TICKET_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'help',
    action: 'detail',
    label: 'other company’s ticket',
    as: HR,
    set: [[['id'], IDS.otherCompanyTicket]],
    expect: ['TICKET_NOT_FOUND'],
  },
  {
    kind: 'other id',
    fn: 'help',
    action: 'reply',
    label: 'other company’s ticket',
    set: [[['id'], IDS.otherCompanyTicket]],
    expect: ['TICKET_NOT_FOUND'],
  },
  { kind: 'other id', fn: 'help', action: 'reply', label: 'as the employee', as: A, expect: ['FORBIDDEN'] },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'createCompany',
    label: 'as an HR admin',
    as: HR,
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'other id',
    fn: 'admin',
    action: 'declareMaintenance',
    label: 'all companies as an HR admin',
    set: [[['allCompanies'], true]],
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'other id',
    fn: 'checkin',
    action: 'bind',
    label: 'an employee number already bound',
    set: [
      [['employeeNo'], 'M2'],
      [['name'], '员工m2'],
    ],
    expect: ['EMPLOYEE_ALREADY_BOUND', 'BIND_FAILED', 'BIND_RATE_LIMITED'],
  },
  {
    kind: 'other id',
    fn: 'checkin',
    action: 'bind',
    label: 'another company’s member with this invite code',
    set: [
      [['employeeNo'], 'M9'],
      [['name'], '员工m9'],
    ],
    expect: ['BIND_FAILED', 'BIND_RATE_LIMITED'],
  },

  // fileIDs: other members' files and path tricks, wherever a fileID is taken
  ...PATH_TRICKS.flatMap((id, i): Spec[] => [
    {
      kind: 'fileID',
      fn: 'makeup',
      action: 'submit',
      label: id,
      set: [[['attachments'], [id]]],
      expect: FILE_REFUSED,
    },
    ...(i % 2 === 0
      ? [
          {
            kind: 'fileID',
            fn: 'help',
            action: 'open',
            label: id,
            set: [[['screenshots'], [id]]],
            expect: FILE_REFUSED,
          } as Spec,
        ]
      : [
          {
            kind: 'fileID',
            fn: 'makeup',
            action: 'special',
            label: id,
            set: [[['evidence'], [id]]],
            expect: FILE_REFUSED,
          } as Spec,
        ]),
  ]),
  {
    kind: 'fileID',
    fn: 'makeup',
    action: 'resubmit',
    label: 'colleague’s file',
    set: [[['attachments'], [FILES.colleague]]],
    expect: FILE_REFUSED,
  },
  ...[
    FILES.otherImportSheet,
    FILES.mine,
    file(COMPANY, 'm1', '../../admin/members.csv'),
    `${FILES.importSheet}/../../../c2/admin/members.csv`,
  ].map((id): Spec => ({
    kind: 'fileID',
    fn: 'admin',
    action: 'importStart',
    label: id,
    set: [[['fileID'], id]],
    expect: ['FORBIDDEN', 'IMPORT_FILE_INVALID', 'INVALID_INPUT'],
  })),

  // page cursors at the ends of time (the schema takes up to 15 digits of epoch milliseconds)
  ...(
    [
      ['review', 'queue'],
      ['review', 'specials'],
      ['review', 'audit'],
      ['notify', 'inbox'],
    ] as const
  ).flatMap(([fn, action]) =>
    ['999999999999999.zz', '0.a', '000000000000000.m1_2026-11-24'].map((cursor): Spec => ({
      kind: 'number',
      fn,
      action,
      label: `cursor ${cursor}`,
      set: [[['cursor'], cursor]],
      expect: ['OK'],
      readOnly: true,
    })),
  ),

  // member sheets made to hurt the import parser
  ...SHEETS.map((name): Spec => ({
    kind: 'file content',
    fn: 'admin',
    action: 'importStart',
    label: name,
    set: [[['fileID'], `cloud://local-dev.bucket/companies/${COMPANY}/admin/${name}`]],
    expect: ['OK', 'IMPORT_FILE_INVALID'],
  })),

  // identity comes from WeChat's context only, never from the event
  {
    kind: 'forged identity',
    fn: 'review',
    action: 'queue',
    label: 'employee with userInfo of HR',
    as: A,
    add: { userInfo: { openId: HR, appId: 'wx0' } },
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'forged identity',
    fn: 'admin',
    action: 'companies',
    label: 'HR with userInfo of the operator',
    as: HR,
    add: { userInfo: { openId: OPERATOR } },
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'forged identity',
    fn: 'checkin',
    action: 'me',
    label: 'unbound user with userInfo of A',
    as: NEW,
    add: { userInfo: { openId: A } },
    expect: ['OK'],
    check: ['the unbound user’s view', (d) => (d as { member: unknown }).member === null],
  },
  ...['openid', '_openid', 'OPENID', 'openId', 'unionid', 'SOURCE', 'TCB_SOURCE'].map((key): Spec => ({
    kind: 'forged identity',
    fn: 'review',
    action: 'queue',
    label: `employee with ${key}`,
    as: A,
    add: { [key]: key === 'SOURCE' ? 'wx_trigger' : HR },
    expect: ['INVALID_INPUT', 'FORBIDDEN'],
  })),
  {
    kind: 'forged identity',
    fn: 'makeup',
    action: 'list',
    label: 'A with userInfo of B',
    as: A,
    add: { userInfo: { openId: B } },
    expect: ['OK'],
    check: ['A’s requests only', (d) => ids(d).length > 0 && ids(d).every((id) => id.startsWith('m1_'))],
  },
  {
    kind: 'forged identity',
    fn: 'notify',
    action: 'run',
    label: 'the timer job from the app',
    as: A,
    event: { action: 'run' },
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'forged identity',
    fn: 'notify',
    action: 'dispatch',
    label: 'the dispatch job from the app',
    as: A,
    event: { action: 'dispatch' },
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'forged identity',
    fn: 'notify',
    action: 'Timer',
    label: 'a timer event from the app',
    as: A,
    event: { Type: 'Timer', TriggerName: 'minutely', Time: '2026-11-27T02:00:00Z' },
    expect: ['FORBIDDEN', 'INVALID_INPUT'],
  },
  {
    kind: 'forged identity',
    fn: 'notify',
    action: 'inbox',
    label: 'inbox dressed as a timer event',
    as: A,
    add: { Type: 'Timer' },
    expect: ['FORBIDDEN', 'INVALID_INPUT'],
  },
  {
    kind: 'forged identity',
    fn: 'admin',
    action: 'Timer',
    label: 'the webhook timer from the app',
    as: A,
    event: { Type: 'Timer', TriggerName: 'minutely', Time: '2026-11-27T02:00:00Z' },
    expect: ['FORBIDDEN'],
  },
  {
    kind: 'forged identity',
    fn: 'retention' as FunctionName,
    action: 'Timer',
    label: 'a timer event from the app',
    as: A,
    event: { Type: 'Timer', TriggerName: 'nightly' },
    expect: ['FORBIDDEN'],
  },
  // another company's HR admin sees nothing of the first company, whatever id they name
  ...(
    [
      ['review', 'audit', { memberId: 'm1' }, (d: unknown) => items(d).length === 0],
      [
        'review',
        'audit',
        { memberId: undefined, requestId: IDS.minePending },
        (d: unknown) => items(d).length === 0,
      ],
      [
        'admin',
        'members',
        { dept: undefined },
        (d: unknown) => ids(items(d)).every((id) => ['h9', 'm9'].includes(id)),
      ],
      [
        'help',
        'queue',
        {},
        (d: unknown) => ids(d).every((id) => id.startsWith('m9_') || id.startsWith('h9_')),
      ],
    ] as const
  ).map(([fn, action, over, check]): Spec => ({
    kind: 'forged identity',
    fn,
    action,
    label: `another company’s HR: ${JSON.stringify(over)}`,
    as: HR2,
    set: Object.entries(over).map(([k, v]) => [[k], v]),
    expect: ['OK', 'MEMBER_NOT_FOUND', 'REQUEST_NOT_FOUND'],
    check: ['nothing of the first company', check],
  })),
  ...(
    [
      ['review', 'detail', { id: IDS.minePending }, 'REQUEST_NOT_FOUND'],
      ['admin', 'member', { memberId: 'm1' }, 'MEMBER_NOT_FOUND'],
      ['privacy', 'confirmDeletion', { memberId: 'm2' }, 'MEMBER_NOT_FOUND'],
    ] as const
  ).map(([fn, action, over, code]): Spec => ({
    kind: 'forged identity',
    fn,
    action,
    label: `another company’s HR: ${JSON.stringify(over)}`,
    as: HR2,
    set: Object.entries(over).map(([k, v]) => [[k], v]),
    expect: [code],
  })),
  {
    kind: 'forged identity',
    fn: 'review',
    action: 'audit',
    label: 'HR naming another company’s request',
    set: [
      [['memberId'], undefined],
      [['requestId'], IDS.otherCompanyPending],
    ],
    expect: ['OK', 'REQUEST_NOT_FOUND'],
    check: ['nothing of the other company', (d) => items(d).length === 0],
  },
  {
    kind: 'forged identity',
    fn: 'review',
    action: 'queue',
    label: 'another company’s HR',
    as: 'o-hr-2',
    set: [[['dept'], undefined]],
    expect: ['OK'],
    check: [
      // h9 is that company's only requester and HR admin (no one reviews their own request): c1's pending
      // requests m1_… and m2_… match the filters and would show if the company scope leaked
      'nothing of the first company',
      (d) => ids((d as { items: unknown }).items).every((id) => id.startsWith('h9_')),
    ],
  },
  {
    kind: 'forged identity',
    fn: 'review',
    action: 'queue',
    label: 'a user of no company',
    as: NEW,
    expect: ['NOT_BOUND'],
  },
  {
    kind: 'forged identity',
    fn: 'privacy',
    action: 'deletionRequests',
    label: 'another company’s employee',
    as: C2,
    expect: ['FORBIDDEN'],
  },

  // routing: only an own, named action of the function runs
  ...(
    [
      undefined,
      '',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'queue ',
      'QUEUE',
      ['queue'],
      { $ne: null },
      7,
    ] as unknown[]
  ).map((action): Spec => ({
    kind: 'routing',
    fn: 'review',
    action: 'queue',
    label: `action ${JSON.stringify(action) ?? 'undefined'}`,
    event: { action },
    expect: ['INVALID_INPUT'],
  })),
  // an event that is no object at all (the raw transport passes it as is)
  ...([null, [], 'queue', 42] as unknown[]).map((event): Spec => ({
    kind: 'routing',
    fn: 'review',
    action: 'queue',
    label: `event ${JSON.stringify(event)}`,
    event: event as Record<string, unknown>,
    expect: ['INVALID_INPUT'],
    transport: 'raw',
  })),
  {
    kind: 'routing',
    fn: 'review',
    action: 'queue',
    label: '10 000 extra keys',
    add: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
    expect: ['INVALID_INPUT'],
  },
  {
    kind: 'routing',
    fn: 'review',
    action: 'queue',
    label: 'a field nested 1 000 deep',
    set: [[['dept'], deep(1_000)]],
    expect: ['INVALID_INPUT'],
  },
  {
    kind: 'routing',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a policy calendar nested 1 000 deep',
    set: [[['policy', 'calendar'], deep(1_000)]],
    expect: ['POLICY_INVALID'],
  },

  // named dates: years outside 1900–2099 are malformed input; inside, the handler judges the day
  ...FAR_DAYS.flatMap(([fn, action, field, outcomes]) =>
    (['0001-01-01', '9999-12-31', '1900-01-01', '2099-12-31', '2026-02-30'] as const).map((day, i): Spec => ({
      kind: 'far date',
      fn,
      action,
      label: `${field} ${day}`,
      set: [[[field], field !== 'month' ? day : i === 4 ? '2026-13' : day.slice(0, 7)]],
      expect: i < 2 || i === 4 ? ['INVALID_INPUT'] : outcomes[i - 2],
    })),
  ),
  {
    kind: 'far date',
    fn: 'review',
    action: 'queue',
    label: 'inverted range',
    set: [
      [['dayFrom'], '2099-12-31'],
      [['dayTo'], '1900-01-01'],
    ],
    expect: ['OK', 'INVALID_INPUT'],
  },
  {
    kind: 'far date',
    fn: 'review',
    action: 'export',
    label: 'from year 1 to 9999',
    set: [
      [['from'], '0001-01-01'],
      [['to'], '9999-12-31'],
    ],
    expect: ['INVALID_INPUT'],
  },
  {
    kind: 'far date',
    fn: 'review',
    action: 'export',
    label: 'from 1900 to 2099',
    set: [
      [['from'], '1900-01-01'],
      [['to'], '2099-12-31'],
    ],
    expect: ['OK', 'INVALID_INPUT'],
  },
  {
    kind: 'far date',
    fn: 'review',
    action: 'export',
    label: 'inverted range',
    set: [
      [['from'], '2026-11-27'],
      [['to'], '2026-11-01'],
    ],
    expect: ['OK', 'INVALID_INPUT'],
  },
  {
    kind: 'far date',
    fn: 'admin',
    action: 'declareMaintenance',
    label: 'ending before it starts',
    set: [[['end'], '2026-11-30T00:00:00+08:00']],
    expect: ['MAINTENANCE_INVALID'],
  },
  {
    kind: 'far date',
    fn: 'admin',
    action: 'declareMaintenance',
    label: 'a year long',
    set: [[['end'], '2027-12-01T00:00:00+08:00']],
    expect: ['MAINTENANCE_INVALID'],
  },
  ...[-0, 1e308, -1, 34.99, 42.01].map((t): Spec => ({
    kind: 'number',
    fn: 'checkin',
    action: 'submit',
    label: `temperature ${Object.is(t, -0) ? '-0' : t}`,
    set: [[['report', 'temperature'], t]],
    expect: ['TEMPERATURE_OUT_OF_RANGE'],
    transport: 'raw',
  })),
  ...[Number.NaN, Infinity].flatMap((t) =>
    (['json', 'raw'] as const).map((transport): Spec => ({
      kind: 'number',
      fn: 'checkin',
      action: 'submit',
      label: `temperature ${t} (${transport})`,
      set: [[['report', 'temperature'], t]],
      expect: ['INVALID_INPUT'],
      transport,
    })),
  ),
  {
    kind: 'number',
    fn: 'makeup',
    action: 'submit',
    label: 'temperature -0',
    set: [[['report', 'temperature'], -0]],
    expect: ['TEMPERATURE_OUT_OF_RANGE'],
    transport: 'raw',
  },
  {
    kind: 'number',
    fn: 'review',
    action: 'correct',
    label: 'temperature 1e308',
    set: [[['report', 'temperature'], 1e308]],
    expect: ['TEMPERATURE_OUT_OF_RANGE'],
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a window of -1 days',
    set: [[['policy', 'window'], { days: -1, unit: 'working' }]],
    expect: ['POLICY_WINDOW_INVALID'],
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a window of NaN days',
    set: [[['policy', 'window'], { days: Number.NaN, unit: 'working' }]],
    expect: ['POLICY_WINDOW_INVALID', 'POLICY_INVALID'],
    transport: 'raw',
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a cut-off on the 31st',
    set: [[['policy', 'cutoffDay'], 31]],
    expect: ['POLICY_CUTOFF_INVALID'],
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'savePolicy',
    label: 'another base version',
    set: [[['baseVersion'], 7]],
    expect: ['POLICY_VERSION_CONFLICT'],
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'savePolicy',
    label: 'an unsafe base version',
    set: [[['baseVersion'], 2 ** 53 + 2]],
    expect: ['INVALID_INPUT'],
  },
  {
    kind: 'number',
    fn: 'admin',
    action: 'members',
    label: 'offset past the end',
    set: [[['offset'], 100_000]],
    expect: ['OK'],
  },
  {
    kind: 'number',
    fn: 'privacy',
    action: 'consent',
    label: 'a future consent version',
    set: [[['version'], 1000]],
    expect: ['CONSENT_VERSION_OUTDATED', 'INVALID_INPUT'],
  },
  {
    kind: 'operator',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a $-region',
    set: [[['policy', 'regions'], { $where: { identityBinding: true } }]],
    expect: ['POLICY_INVALID'],
  },
  {
    // the record parser drops the key: the draft equals the saved policy, nothing to save
    kind: 'operator',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a __proto__ region',
    set: [[['policy', 'regions'], JSON.parse('{"__proto__": {"identityBinding": true}}')]],
    expect: ['OK', 'POLICY_INVALID'],
    readOnly: true,
  },
  {
    kind: 'operator',
    fn: 'admin',
    action: 'savePolicy',
    label: 'a dotted region',
    set: [[['policy', 'regions'], { 'a.b': { identityBinding: true } }]],
    expect: ['POLICY_INVALID'],
  },
  {
    kind: 'operator',
    fn: 'admin',
    action: 'saveDepartment',
    label: 'a $-department',
    set: [[['name'], '$where']],
    expect: ['INVALID_INPUT'],
  },
  {
    kind: 'operator',
    fn: 'admin',
    action: 'saveDepartment',
    label: 'a dotted department',
    set: [[['name'], '.a']],
    expect: ['INVALID_INPUT'],
  },
]

export function named(b: Bases): Case[] {
  return specs().map((s) => {
    const base = 'event' in s ? null : baseOf(b, s.fn, s.action)
    let input = base ? base.input : {}
    for (const [path, value] of s.set ?? []) input = withValue(input, path, value)
    const event =
      'event' in s ? (s.event as Record<string, unknown>) : { action: s.action, ...input, ...s.add }
    return {
      fn: s.fn,
      action: s.action,
      as: s.as ?? base?.as ?? A,
      event,
      transport: s.transport ?? 'json',
      kind: s.kind,
      label: `${s.fn}.${s.action}: ${s.label}`,
      mustRefuse: !s.expect.includes('OK'),
      expect: s.expect,
      readOnly: s.readOnly,
      check: s.check,
    }
  })
}
