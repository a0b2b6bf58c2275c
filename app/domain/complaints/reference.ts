import type { Prisma } from '#app/generated/prisma/client.ts'

/**
 * Complaint references as people see them: `CMP-2026-000123`, numbered per calendar year.
 * Numbers are gap-free and never reused (see nextComplaintReference).
 */
export interface ComplaintReference {
	year: number
	sequence: number
}

const PREFIX = 'CMP'
const DIGITS = 6

function assertYear(year: number) {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a four-digit year: ${year}`)
}

export function formatComplaintReference({ year, sequence }: ComplaintReference): string {
	assertYear(year)
	if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`not a complaint sequence number: ${sequence}`)
	// Past 999,999 in a year the number simply grows a digit; parse accepts that too.
	return `${PREFIX}-${year}-${String(sequence).padStart(DIGITS, '0')}`
}

// Lenient about what people type (case, spaces, a missing leading zero); strict about shape.
const PATTERN = /^CMP-(\d{4})-(\d{1,9})$/

/** Reads a reference typed or pasted by a person; null when it cannot be one. */
export function parseComplaintReference(input: string): ComplaintReference | null {
	const match = PATTERN.exec(input.normalize('NFKC').replace(/\s+/g, '').toUpperCase())
	if (!match) return null
	const year = Number(match[1])
	const sequence = Number(match[2])
	if (year < 1000 || sequence < 1) return null
	return { year, sequence }
}

/** The year a complaint is numbered in: the calendar year where the company keeps its books. */
export function complaintReferenceYear(at: Date, timeZone = 'Asia/Shanghai'): number {
	return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at))
}

/**
 * Takes the next reference of `year` inside the caller's transaction. One atomic upsert both
 * creates the year's counter and increments it; the row stays locked until the transaction
 * ends, so concurrent callers queue behind it. A transaction that rolls back gives its number
 * back (gap-free) and a committed number is never handed out again.
 */
export async function nextComplaintReference(tx: Prisma.TransactionClient, year: number): Promise<string> {
	assertYear(year)
	const rows = await tx.$queryRaw<Array<{ lastUsed: number }>>`
		INSERT INTO "ComplaintSequence" ("year", "lastUsed") VALUES (${year}, 1)
		ON CONFLICT ("year") DO UPDATE SET "lastUsed" = "ComplaintSequence"."lastUsed" + 1
		RETURNING "lastUsed"`
	const sequence = rows[0]?.lastUsed
	if (sequence === undefined) throw new Error('ComplaintSequence upsert returned no row')
	return formatComplaintReference({ year, sequence: Number(sequence) })
}
