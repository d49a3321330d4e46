// The `checkin` function's contract: the member's view of themselves, today's check-in, the month calendar.
import type { ErrorCode, LocalDay, Role } from '../shared'
import type { AccessRequestView, ClientInfo } from '../makeup'
import type { AskedField, HealthReport } from '../health'
import type { LeaveKind } from '../leave'

export interface MemberView {
  memberId: string
  name: string
  companyId: string
  companyName: string
  dept: string
  region: string
  roles: Role[]
  joinedOn: LocalDay
  makeupEnabled: boolean
  /** the health fields the company's policy asks for (the form shows only these); absent = all of them */
  reportFields?: AskedField[]
}

export type DayState =
  | 'checked' // on-time check-in
  | 'madeUp' // approved make-up
  | 'pending' // make-up waiting for review
  | 'missed' // nothing recorded
  | 'rest' // not a working day for the company
  | 'future'
  | 'open' // today, check-in not done yet and still open
  | 'beforeJoin'
  | 'granted' // special handling granted by HR: can be made up once, by the grant's deadline
  | 'leave' // 请假, recorded by HR: not needed
  | 'trip' // 出差, recorded by HR: not needed
  | 'exempt' // 免打卡, recorded by HR: not needed

export interface MonthView {
  month: string // 'YYYY-MM'
  today: LocalDay
  days: { day: LocalDay; state: DayState }[]
  /** the month's numbers (core/checkin/summary.ts), the same wherever they are shown */
  summary: MonthSummary
}

/**
 * One member's month in numbers, counted from the month's calendar up to today: every working day from joining
 * falls in exactly one of checked / madeUp / missed / leave / trip / exempt / pending / open; a check-in on a rest
 * day counts as checked. `makeupsUsed` = days made up (approved or entered by HR) + days with an open request.
 */
export interface MonthSummary {
  month: string
  checked: number
  madeUp: number
  missed: number
  /** leave + trip + exempt */
  onLeave: number
  leave: number
  trip: number
  exempt: number
  pending: number
  /** today, still open for the daily check-in */
  open: number
  makeupsUsed: number
}

export interface MaintenanceNotice {
  start: string // ISO, +08:00
  end: string
  note: string
  active: boolean
}

/** Whether the member can use make-up at all, under the policy of their region (days aside). */
export interface MakeupAvailability {
  /** the reason shared by every day (not enabled, client too old, region verification), or null */
  code: ErrorCode | null
  /** the member's request to have it enabled (申请开通), when the policy needs one */
  access: AccessRequestView | null
}

/** Where the member stands with their region's identity checks (the 身份验证 page). */
export interface VerificationView {
  /** the member's region asks for a bound identity / an extra verification before make-ups */
  identityRequired: boolean
  extraRequired: boolean
  identityBound: boolean
  /** 'phone': WeChat's verified number matched the roster; 'hr': HR confirmed it by hand */
  boundBy: 'phone' | 'hr' | null
  /** whether the roster holds a number to match (never the number itself) */
  phoneOnRoster: boolean
  /** the last SOTER verification is valid until (ISO, +08:00), null when none is valid */
  extraVerifiedUntil: string | null
  /** how long a verification lasts in the member's region */
  extraValidDays: number
}

export type SoterMode = 'fingerPrint' | 'facial'

export interface CheckinApi {
  me: [
    ClientInfo,
    {
      member: MemberView | null
      today: LocalDay
      checkedInToday: boolean
      /** whether today needs a check-in under the company calendar (absent when not bound) */
      todayIsWorkday?: boolean
      /** today recorded by HR as leave, a business trip or exempt: no check-in needed (absent when not) */
      todayLeave?: LeaveKind
      /** when today's daily check-in closes (ISO, +08:00), if the policy sets a time */
      checkinClosesAt?: string | null
      /** a maintenance window active now or starting within 24 hours: the app shows a banner, keeps drafts */
      maintenance?: MaintenanceNotice | null
      /** absent when not bound */
      makeup?: MakeupAvailability
    },
  ]
  /** bind this WeChat user to an employee: company invite code + employee number + name */
  bind: [{ inviteCode: string; employeeNo: string; name: string }, MemberView]
  submit: [{ report: HealthReport; clientRequestId: string }, { day: LocalDay; duplicate: boolean }]
  month: [{ month: string }, MonthView]
  verification: [Record<string, never>, VerificationView]
  /** identity binding: the code of `<button open-type="getPhoneNumber">`, matched against the roster's number */
  bindPhone: [{ code: string }, VerificationView]
  /** a one-time challenge for wx.startSoterAuthentication (valid 5 minutes) */
  soterChallenge: [Record<string, never>, { challenge: string; expiresAt: string }]
  /** extra verification: the signed result of wx.startSoterAuthentication, checked by soter.verifySignature */
  verifySoter: [{ resultJSON: string; resultJSONSignature: string; authMode: SoterMode }, VerificationView]
}
