/** A fileID under the member's own upload folder, as the app produces it. */
export const fileOf = (companyId: string, memberId: string, name = 'b3nch0001.jpg') =>
  `cloud://local-dev.bucket/companies/${companyId}/members/${memberId}/${name}`
