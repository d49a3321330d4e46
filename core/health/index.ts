export * from './report'
export * from './schemas'
