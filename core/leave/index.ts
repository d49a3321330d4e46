export * from './contract'
export * from './leave'
export * from './schemas'
