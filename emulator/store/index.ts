// The emulator's database: see README.md in this folder.
import { DocumentStore, type StoreOptions } from './engine'

export type { FindOptions, ModifyOptions, QueryLogEntry, QueryPlan, StoreOptions } from './engine'
export { DocumentStore } from './engine'

/** What the control API and the console use (the database actions use the rest of DocumentStore). */
export interface AdminStore {
  close(): void
  /** drop everything (declared collections and indexes stay), optionally load data */
  reset(data?: Record<string, unknown[]>): void
  /** all collections, documents as relaxed EJSON objects (dates as {$date}) */
  exportData(): Record<string, unknown[]>
  /** EJSON documents; upsert by _id; creates collections */
  importData(data: Record<string, unknown[]>): void
  listCollections(): { name: string; count: number; indexes: string[] }[]
  /** EJSON documents in insertion order */
  listDocuments(collection: string, opts?: { offset?: number; limit?: number }): unknown[]
  /** console edit (EJSON in), upsert by _id */
  putDocument(collection: string, doc: Record<string, unknown>): void
  deleteDocument(collection: string, id: string): boolean
}

/** The store the emulator passes around: the admin surface above plus the engine the database actions call. */
export type Store = DocumentStore

export function openStore(opts: StoreOptions): DocumentStore {
  return new DocumentStore(opts)
}
