// Policy versions: the company document holds the policy in force; every version ever saved is kept in
// `policy_versions`, so a request is judged by the version in force when it was submitted (MakeupDoc.policyVersion).
import { ADMIN_COLLECTIONS, policyVersionId, type PolicyVersionDoc } from '@core/admin'
import type { Policy } from '@core/policy'
import type { CompanyDoc } from '@core/makeup'
import { getById, type DocStore } from '../sdk'

/** The policy of `version` for this company: the current one when it matches, else the archived one. */
export async function policyOfVersion(
  store: DocStore,
  company: CompanyDoc,
  version: number,
): Promise<Policy> {
  if (company.policy.version === version) return company.policy
  const doc = await getById<PolicyVersionDoc>(
    store,
    ADMIN_COLLECTIONS.policyVersions,
    policyVersionId(company._id, version),
  )
  // versions saved before archiving existed fall back to the current policy
  return doc && doc.companyId === company._id ? doc.policy : company.policy
}
