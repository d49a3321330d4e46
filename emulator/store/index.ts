// Placeholder while the engine lands: keeps `emulator/index.ts` compiling.
export interface StoreOptions {
  dataDir: string | null
  collectionsFile?: string
  now: () => Date
  maxDocumentBytes?: number
}
export interface Store {
  close(): void
  reset(data?: Record<string, unknown[]>): void
  exportData(): Record<string, unknown[]>
  importData(data: Record<string, unknown[]>): void
  listCollections(): { name: string; count: number; indexes: string[] }[]
  listDocuments(collection: string, opts?: { offset?: number; limit?: number }): unknown[]
  putDocument(collection: string, doc: Record<string, unknown>): void
  deleteDocument(collection: string, id: string): boolean
}
export function openStore(_opts: StoreOptions): Store {
  const notYet = () => {
    throw new Error('database store not implemented yet')
  }
  return {
    close: () => {},
    reset: notYet,
    exportData: () => ({}),
    importData: notYet,
    listCollections: () => [],
    listDocuments: () => [],
    putDocument: notYet,
    deleteDocument: notYet,
  }
}
