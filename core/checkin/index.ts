export * from './contract'
export * from './month'
export * from './schemas'
