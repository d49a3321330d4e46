// privacy: the member's own health-data consent, what is kept and who looked at it, export, deletion request;
// HR admins list and confirm deletion requests and set the company's retention and legal basis.
import { makeMain } from '@server/router'
import { consent } from './handlers/consent'
import { exportMine } from './handlers/export'
import { confirmDeletion, deletionRequests } from './handlers/hr-deletion'
import { requestDeletion } from './handlers/deletion'
import { settings } from './handlers/settings'
import { status } from './handlers/status'

export const main = makeMain('privacy', {
  consent,
  status,
  exportMine,
  requestDeletion,
  deletionRequests,
  confirmDeletion,
  settings,
})
