// The privacy collections and the member fields this feature adds, read and written in one place.
import type { ConsentView, HealthConsent, PrivacySettings } from '@core/privacy'
import type { CompanyDoc, MemberDoc } from '@core/makeup'
import { insert, type Db } from '../sdk'

/** Consent grants, withdrawals and deletion requests, append-only (the member document holds the current state). */
export const PRIVACY_LOG = 'privacy_log'

export interface PrivacyLogDoc {
  _id?: string
  companyId: string
  memberId: string
  action: 'grant' | 'withdraw' | 'requestDeletion' | 'confirmDeletion'
  version: number
  at: Date
  /** who acted when it was not the member (HR confirming a deletion) */
  by?: string
  reason?: string
}

export type PrivacyMember = MemberDoc & {
  healthConsent?: HealthConsent | null
  deletionRequestedAt?: Date | null
}

export type PrivacyCompany = CompanyDoc & { privacy?: PrivacySettings }

export function consentView(consent: HealthConsent | null | undefined, current: boolean): ConsentView | null {
  if (!consent) return null
  return {
    version: consent.version,
    at: new Date(consent.at).toISOString(),
    withdrawnAt: consent.withdrawnAt ? new Date(consent.withdrawnAt).toISOString() : null,
    current,
  }
}

export async function logPrivacy(db: Db, entry: PrivacyLogDoc): Promise<void> {
  await insert<PrivacyLogDoc>(db, PRIVACY_LOG, entry)
}
