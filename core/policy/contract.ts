// What the allowed-slots rules answer: the days a member can make up, those they cannot and why, the quota.
import type { LocalDay } from '../shared'

export interface AllowedSlot {
  day: LocalDay
  /** last instant (ISO, +08:00) at which this day can still be submitted */
  deadline: string
  /** true when the day is open thanks to a special-handling grant */
  granted?: boolean
  /** false when the day overlaps a maintenance window and is not charged to the quota */
  charged?: boolean
}

export interface BlockedDay {
  day: LocalDay
  code: string // a catalogue code explaining why it cannot be made up
}

export interface SlotsView {
  today: LocalDay
  slots: AllowedSlot[]
  blocked: BlockedDay[]
  /** cap and remaining are -1 when the policy sets no cap */
  quota: { cycle: string; cap: number; used: number; remaining: number }[]
}
