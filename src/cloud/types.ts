// What a platform must provide to reach the backend; src/cloud/index.ts turns these into typed Results.

/** A transport failure, already classified by the catalogue code the user will see. */
export class TransportError extends Error {
  constructor(
    public readonly code: 'NETWORK_FAILED' | 'SERVICE_UNAVAILABLE',
    detail: string,
  ) {
    super(`${code}: ${detail}`)
  }
}

export interface TempUrl {
  fileID: string
  tempFileURL: string
  ok: boolean
}

/** A file picked on the device: a local path (weapp temp path or H5 blob: URL) or, on H5, a File/Blob. */
export type LocalFile = string | Blob

export interface Transport {
  /** resolves with the function's return value; rejects with TransportError */
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>
  uploadFile(file: LocalFile, cloudPath: string): Promise<string>
  getTempFileURL(fileIDs: string[]): Promise<TempUrl[]>
  requestSubscribe(tmplIds: string[]): Promise<Record<string, string>>
  /** face or fingerprint on the device, signing the server's challenge (wx.startSoterAuthentication) */
  startSoter(challenge: string, mode: SoterMode): Promise<SoterResult>
  /** the modes this device supports, best first (facial before fingerPrint) */
  soterModes(): Promise<SoterMode[]>
  /** H5 only (local emulator): stands in for WeChat's phone-number button, which the browser lacks */
  phoneCodeStandIn?(phoneNumber: string): Promise<string>
}

export type SoterMode = 'facial' | 'fingerPrint'

export interface SoterResult {
  authMode: SoterMode
  resultJSON: string
  resultJSONSignature: string
}
