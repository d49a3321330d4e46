export * from './contract'
export * from './month'
export * from './schemas'
export * from './summary'
