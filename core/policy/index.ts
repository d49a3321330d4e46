export * from './contract'
export * from './policy'
export * from './slots'
export * from './groups'
