import { describe, expect, test } from 'vitest'
import { detectLanguage, languageCookie } from './language.server.ts'

const req = (headers: Record<string, string>) => new Request('http://x/', { headers })

describe('detectLanguage', () => {
	test('Chinese when the browser says nothing', async () => {
		expect(await detectLanguage(req({}))).toBe('zh-CN')
	})
	test('follows Accept-Language, matching regional variants by their language', async () => {
		expect(await detectLanguage(req({ 'accept-language': 'en-GB,en;q=0.9' }))).toBe('en')
		expect(await detectLanguage(req({ 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' }))).toBe('zh-CN')
		expect(await detectLanguage(req({ 'accept-language': 'fr-FR,en;q=0.5' }))).toBe('en')
		expect(await detectLanguage(req({ 'accept-language': 'fr-FR' }))).toBe('zh-CN')
	})
	test('the switcher cookie beats the browser, and the user setting beats both', async () => {
		const cookie = await languageCookie.serialize('en')
		const request = req({ cookie, 'accept-language': 'zh-CN' })
		expect(await detectLanguage(request)).toBe('en')
		expect(await detectLanguage(request, 'zh-CN')).toBe('zh-CN')
	})
})
