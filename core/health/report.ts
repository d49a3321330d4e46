// What an employee reports for one day (daily check-in or make-up): the health report and its bounds.
export type HealthStatus = 'well' | 'unwell'
export type HealthCodeColour = 'green' | 'yellow' | 'red'

/**
 * A day's health report. Only `status` is always there: the other fields are asked and kept only when the company's
 * policy requires them (`policy.requiredFields`, minimisation — PRIVACY.md), and a purge removes them all.
 */
export interface HealthReport {
  status: HealthStatus
  /** body temperature in °C, one decimal */
  temperature?: number
  /** region code or name where the employee is that day (itinerary / current region) */
  region?: string
  healthCode?: HealthCodeColour
  note?: string
}

/** Health fields a policy can ask for besides the status (always asked) and the optional note. */
export type AskedField = 'temperature' | 'region' | 'healthCode'
