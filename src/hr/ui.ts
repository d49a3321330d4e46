/** Taro H5 styles a button as disabled whenever the attribute exists (even `disabled="false"`): set it only when true. */
export const on = (disabled: boolean): true | undefined => (disabled ? true : undefined)
