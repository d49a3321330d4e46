/** The share of one invocation a run may use; what is left over continues in the next timer run. */
export interface Budget {
  spent(): boolean
}

export function budget(ms: number): Budget {
  const until = Date.now() + ms
  return { spent: () => Date.now() >= until }
}
