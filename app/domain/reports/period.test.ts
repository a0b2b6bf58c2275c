import { describe, expect, test } from 'vitest'
import {
	bucketOf,
	intervalOf,
	localDate,
	parsePeriodQuery,
	periodProblem,
	periodQueryString,
	presetPeriod,
	resolvePeriod,
	startOfLocalDay,
} from './period.ts'

// Monday 23 November 2026, 07:30 in Shanghai (still Sunday the 22nd in UTC)
const NOW = new Date('2026-11-22T23:30:00Z')

describe('report periods', () => {
	test('the local date and local midnight are Shanghai’s, not UTC’s', () => {
		expect(localDate(NOW)).toBe('2026-11-23')
		expect(startOfLocalDay('2026-11-23').toISOString()).toBe('2026-11-22T16:00:00.000Z')
		// a zone with daylight saving: midnight before and after the spring switch
		expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z')
		expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z')
	})

	test.each([
		['this-month', '2026-11-01', '2026-11-23'],
		['last-month', '2026-10-01', '2026-10-31'],
		['last-3-months', '2026-09-01', '2026-11-23'],
		['last-12-months', '2025-12-01', '2026-11-23'],
		['this-year', '2026-01-01', '2026-11-23'],
		['last-year', '2025-01-01', '2025-12-31'],
	] as const)('%s', (preset, from, to) => {
		expect(presetPeriod(preset, '2026-11-23')).toEqual({ from, to })
	})

	test('presets across the turn of the year', () => {
		expect(presetPeriod('last-month', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
		expect(presetPeriod('last-3-months', '2027-01-15')).toEqual({ from: '2026-11-01', to: '2027-01-15' })
		expect(presetPeriod('last-month', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
	})

	test('typed dates are checked', () => {
		expect(periodProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('invalidDate')
		expect(periodProblem({ from: 'yesterday', to: '2026-03-01' })).toBe('invalidDate')
		expect(periodProblem({ from: '2026-03-02', to: '2026-03-01' })).toBe('fromAfterTo')
		expect(periodProblem({ from: '2016-01-01', to: '2026-12-31' })).toBe('tooLong')
		expect(periodProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull()
	})

	test('the trend groups by day up to a month, by week up to half a year, else by month', () => {
		expect(intervalOf({ from: '2026-01-01', to: '2026-01-31' })).toBe('day')
		expect(intervalOf({ from: '2026-01-01', to: '2026-02-01' })).toBe('week')
		expect(intervalOf({ from: '2026-01-01', to: '2026-07-09' })).toBe('week')
		expect(intervalOf({ from: '2026-01-01', to: '2026-07-10' })).toBe('month')
		expect(bucketOf('2026-11-29', 'week')).toBe('2026-11-23') // a Sunday belongs to the week from Monday
		expect(bucketOf('2026-11-23', 'week')).toBe('2026-11-23')
		expect(bucketOf('2026-11-29', 'month')).toBe('2026-11-01')
	})

	test('a resolved period: instants in Shanghai and every bucket', () => {
		const p = resolvePeriod({ from: '2026-12-30', to: '2027-01-02' })
		expect(p.start.toISOString()).toBe('2026-12-29T16:00:00.000Z')
		expect(p.end.toISOString()).toBe('2027-01-02T16:00:00.000Z')
		expect(p.buckets).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'])
		expect(resolvePeriod({ from: '2026-01-15', to: '2026-12-31' }).buckets).toHaveLength(12)
		expect(() => resolvePeriod({ from: '2026-02-01', to: '2026-01-01' })).toThrow(RangeError)
	})

	test('from a query string: a preset wins, then typed dates, else the last three months', () => {
		const parse = (query: string) => parsePeriodQuery(new URLSearchParams(query), NOW)
		expect(parse('period=last-month').period).toMatchObject({
			from: '2026-10-01',
			to: '2026-10-31',
			preset: 'last-month',
		})
		expect(parse('period=last-month&from=2026-01-01&to=2026-01-31').period.preset).toBe('last-month')
		expect(parse('period=custom&from=2026-01-01&to=2026-01-31')).toMatchObject({
			period: { from: '2026-01-01', to: '2026-01-31', preset: null, interval: 'day' },
			problem: null,
		})
		expect(parse('').period).toMatchObject({ from: '2026-09-01', to: '2026-11-23', preset: 'last-3-months' })
		expect(parse('period=forever').period.preset).toBe('last-3-months')
		expect(parse('from=2026-05-01&to=2026-04-01')).toMatchObject({
			period: { preset: 'last-3-months' },
			problem: 'fromAfterTo',
		})
		expect(parse('from=2026-05-01')).toMatchObject({ problem: 'invalidDate' })
	})

	test('links ask for a preset by name, typed dates as dates', () => {
		expect(periodQueryString({ from: '2026-10-01', to: '2026-10-31', preset: 'last-month' })).toBe('period=last-month')
		expect(periodQueryString({ from: '2026-01-01', to: '2026-01-31', preset: null })).toBe(
			'from=2026-01-01&to=2026-01-31',
		)
	})
})
