// The admin API's wire shapes, as wx-server-sdk (via @cloudbase/node-sdk) expects them.
// Every answer is HTTP 200 with JSON; a failure is { code, message, requestId } where `code` is a
// CloudBase error name that the SDK maps to its numeric errCode.
export type WireErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'SYS_ERR'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR' // sic: the SDK's own spelling (-502002)
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  | 'FUNCTION_NOT_FOUND'
  | 'OPERATION_FAIL'

export class WireError extends Error {
  constructor(
    public readonly code: WireErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** Who is calling: set by the function runtime so counters and logs can be attributed to an invocation. */
export interface AdminContext {
  requestId: string
  /** invocation id when the call comes from a function run by the emulator's runtime */
  invocationId?: string
}

export type ActionHandler = (body: Record<string, any>, ctx: AdminContext) => Promise<unknown> | unknown
