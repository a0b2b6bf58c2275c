import { describe, expect, test } from 'vitest'
import { KNOWLEDGE_ARTICLES } from '../../../prisma/seed/knowledge-articles.ts'
import { rankArticles, scoreArticle, toArticleView } from './search.ts'

const articles = KNOWLEDGE_ARTICLES.map((a) => ({ ...a, id: a.slug }))
const top = (text: string, category?: (typeof articles)[number]['category']) =>
	rankArticles(articles, { text, category }).map((a) => a.slug)

describe('knowledge-base answers for what a customer typed', () => {
	test('Chinese text without spaces finds articles by their keywords', () => {
		expect(top('新泵装上去两天，机械密封就开始漏水')[0]).toBe('seal-leakage-causes')
		expect(top('到货的时候外包装已经破损')[0]).toBe('transport-damage')
		expect(top('铭牌上的批号看不清')[0]).toBe('find-batch-number')
		expect(top('控制柜一直报警跳闸')[0]).toBe('control-cabinet-alarms')
	})

	test('English text, in any case and with full-width characters, finds the same articles', () => {
		expect(top('The mechanical SEAL is leaking after two days')[0]).toBe('seal-leakage-causes')
		expect(top('Ｗｅ want a refund for the check valve')).toEqual(
			expect.arrayContaining(['returns-and-exchanges', 'valve-not-closing']),
		)
	})

	test('two-character pieces of Chinese text match titles without an exact keyword', () => {
		const seal = articles.find((a) => a.slug === 'seal-leakage-causes')!
		expect(scoreArticle({ ...seal, keywords: [] }, { text: '密封有问题' })).toBeGreaterThan(0)
	})

	test('the chosen category lifts a matching article but never brings up one that does not match', () => {
		expect(top('', 'SALES_POLICY')).toEqual([])
		expect(top('今天天气很好', 'SALES_POLICY')).toEqual([])
		expect(top('噪音很大，想退货', 'SALES_POLICY')[0]).toBe('returns-and-exchanges')
	})

	test('one common word is not enough to suggest an article', () => {
		expect(top('The pump is fine but the invoice is wrong')).not.toContain('control-cabinet-alarms')
		expect(top('pump')).toEqual([])
	})

	test('at most three answers, best first, each in the page’s language with a short summary', () => {
		expect(top('运输 破损 密封 漏水 批号 报警 退货 安装').length).toBe(3)
		const view = toArticleView(articles[0]!, 'en')
		expect(view.title).toBe(articles[0]!.titleEn)
		expect(view.summary).toBe(articles[0]!.bodyEn.split('\n\n')[0])
	})
})
