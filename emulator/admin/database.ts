import type { ActionHandler } from '../wire'
import type { Store } from '../store'

export interface QueryLogEntry {
  action: string
  collection?: string
  query?: unknown
  transactionId?: string
  index?: string | null
  scanned?: number
  returned?: number
  warning?: string
}

export function databaseActions(
  _store: Store,
  _opts: { log?: (e: QueryLogEntry) => void } = {},
): Record<string, ActionHandler> {
  return {}
}
