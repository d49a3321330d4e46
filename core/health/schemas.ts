import { nonEmpty, text, z } from '../shared'

export const TEMPERATURE_MIN = 35
export const TEMPERATURE_MAX = 42

export const healthCodeSchema = z.enum(['green', 'yellow', 'red'])

export const healthReportSchema = z.strictObject({
  status: z.enum(['well', 'unwell']),
  // range is checked separately to give the specific TEMPERATURE_OUT_OF_RANGE code
  // each of these only when the policy requires it (a required one missing is FIELD_REQUIRED, judged with the policy)
  temperature: z.optional(z.number().check(z.refine(Number.isFinite))),
  region: z.optional(nonEmpty(40)),
  healthCode: z.optional(healthCodeSchema),
  note: z.optional(text(200)),
})

export function temperatureInRange(t: number): boolean {
  return t >= TEMPERATURE_MIN && t <= TEMPERATURE_MAX
}
