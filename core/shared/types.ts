// The types every domain shares: the answer envelope, the company-local day, roles.

/** Every function answers with this envelope; a refusal carries a catalogued code (core/shared/errors.ts). */
export type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string; next?: string }

/** A company-local calendar date, 'YYYY-MM-DD' in Asia/Shanghai. */
export type LocalDay = string

export type Role = 'employee' | 'reviewer' | 'hr' | 'operator'
