// Whitespace of every kind (JavaScript's \s already covers the ideographic space U+3000 and
// no-break spaces) plus the zero-width characters that ride along when a number is pasted
// from a web page or a spreadsheet.
const INVISIBLE = /[\s\u200B-\u200D\u2060]+/g

/**
 * The form of an order number used for lookups (`Order.orderNumberKey`): customers type it
 * as they read it, in either case, with spaces, or with a Chinese input method that produces
 * full-width letters and digits. NFKC folds full-width forms (ＳＯ－２０２６) to ASCII.
 */
export function normalizeOrderNumber(input: string): string {
	return input.normalize('NFKC').replace(INVISIBLE, '').toUpperCase()
}
