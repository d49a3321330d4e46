// The contract between the mini program and the cloud functions: function names, actions, payloads, results.
// Inputs are validated by the zod schemas in core/schemas.ts; this file holds the shapes both sides compile against.

/** Every function answers with this envelope; a refusal carries a catalogued code (core/errors.ts). */
export type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string; next?: string }

/** A company-local calendar date, 'YYYY-MM-DD' in Asia/Shanghai. */
export type LocalDay = string

export type HealthStatus = 'well' | 'unwell'
export type HealthCodeColour = 'green' | 'yellow' | 'red'
export type Role = 'employee' | 'reviewer' | 'hr' | 'operator'

/** What an employee reports for one day (daily check-in or make-up). */
export interface HealthReport {
  status: HealthStatus
  /** body temperature in °C, one decimal */
  temperature: number
  /** region code or name where the employee is that day (itinerary / current region) */
  region: string
  healthCode: HealthCodeColour
  note?: string
}

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
}

export type DayState =
  | 'checked' // on-time check-in
  | 'madeUp' // approved make-up
  | 'pending' // make-up waiting for review
  | 'missed' // nothing recorded
  | 'rest' // not a working day for the company
  | 'future'
  | 'beforeJoin'

export interface MonthView {
  month: string // 'YYYY-MM'
  today: LocalDay
  days: { day: LocalDay; state: DayState }[]
}

export type MakeupStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn'

export interface MakeupRequestView {
  id: string
  day: LocalDay
  status: MakeupStatus
  report: HealthReport
  reason: string
  attachments: string[] // cloud:// file ids
  submittedAt: string // ISO instant
  decidedAt?: string
  decidedBy?: string
  decisionNote?: string
}

export interface AllowedSlot {
  day: LocalDay
  /** last instant (ISO, +08:00) at which this day can still be submitted */
  deadline: string
}

export interface BlockedDay {
  day: LocalDay
  code: string // a catalogue code explaining why it cannot be made up
}

export interface SlotsView {
  today: LocalDay
  slots: AllowedSlot[]
  blocked: BlockedDay[]
  quota: { cycle: string; cap: number; used: number; remaining: number }[]
}

/** function name → action → [input (without `action`), output] */
export interface Api {
  checkin: {
    me: [Record<string, never>, { member: MemberView | null; today: LocalDay; checkedInToday: boolean }]
    submit: [{ report: HealthReport; clientRequestId: string }, { day: LocalDay; duplicate: boolean }]
    month: [{ month: string }, MonthView]
  }
  makeup: {
    slots: [Record<string, never>, SlotsView]
    submit: [
      { day: LocalDay; report: HealthReport; reason: string; attachments: string[]; clientRequestId: string },
      MakeupRequestView
    ]
    list: [{ status?: MakeupStatus }, MakeupRequestView[]]
    withdraw: [{ id: string }, MakeupRequestView]
  }
}

export type FunctionName = keyof Api
export type ActionOf<F extends FunctionName> = keyof Api[F] & string
export type InputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [infer I, unknown] ? I : never
export type OutputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [unknown, infer O] ? O : never
