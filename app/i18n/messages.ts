/**
 * The shape of a translation: the same keys as the English original, every leaf a string.
 * Chinese files `satisfy` it, so a missing or extra key fails the typecheck.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
