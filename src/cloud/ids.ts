// Client-generated ids: request ids make submits idempotent; file names keep uploads from overwriting each other.
export function randomId(): string {
  const rand = Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${rand}`
}

/** cloud path under the member's own folder, as the functions require */
export function memberFilePath(companyId: string, memberId: string, fileName: string): string {
  const ext = (/\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1] ?? 'jpg').toLowerCase()
  return `companies/${companyId}/members/${memberId}/${randomId()}.${ext}`
}
