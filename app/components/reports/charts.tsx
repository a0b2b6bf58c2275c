import { useId, type ReactNode } from 'react'

/**
 * Small charts drawn as SVG on the server: they read without JavaScript, print, and scale with
 * the page (a viewBox and width 100 %). Each is an image with a title and a description for
 * screen readers (role="img", aria-labelledby); the numbers themselves are in the table the
 * page puts next to every chart, which is what assistive technology should read.
 *
 * Hand-written because they are five shapes of a few dozen elements each; a chart library would
 * bring client JavaScript (or a canvas) that the printable, script-free page does not want.
 */

const WIDTH = 640
const FONT = 12

/** A "nice" upper bound for an axis (1, 2 or 5 times a power of ten) and its tick step. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
	if (!(max > 0)) return { top: 1, step: 1 }
	const rough = max / ticks
	const power = 10 ** Math.floor(Math.log10(rough))
	const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power
	return { top: Math.ceil(max / step) * step, step }
}

const ticksOf = ({ top, step }: { top: number; step: number }) =>
	Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6)

/** About how wide a character draws at the charts' font size: CJK and full-width ones are square. */
const charWidth = (char: string) =>
	/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
		? FONT
		: FONT * 0.6

/** Cuts a label to fit `width` units; the full text is in the bar's tooltip and in the table. */
function short(label: string, width = 140): string {
	let used = 0
	const chars = [...label]
	for (const [i, char] of chars.entries()) {
		used += charWidth(char)
		if (used > width) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`
	}
	return label
}

interface ChartFrameProps {
	title: string
	description: string
	height: number
	children: ReactNode
	className?: string
}

function ChartFrame({ title, description, height, children, className }: ChartFrameProps) {
	const id = useId()
	return (
		<svg
			className={`chart${className ? ` ${className}` : ''}`}
			role="img"
			aria-labelledby={`${id}-title ${id}-desc`}
			viewBox={`0 0 ${WIDTH} ${height}`}
			width="100%"
			preserveAspectRatio="xMinYMin meet"
			fontSize={FONT}
		>
			<title id={`${id}-title`}>{title}</title>
			<desc id={`${id}-desc`}>{description}</desc>
			{children}
		</svg>
	)
}

export interface Bar {
	label: string
	value: number
}

/** Horizontal bars: a label, a bar and the value; for categories, regions, dealers, models, batches. */
export function BarChart({
	title,
	description,
	bars,
	format = String,
	emptyText,
}: {
	title: string
	description: string
	bars: Bar[]
	format?: (value: number) => string
	emptyText: string
}) {
	const row = 24
	const left = 150
	const right = 60
	const height = Math.max(1, bars.length) * row + 8
	const { top } = niceScale(Math.max(0, ...bars.map((b) => b.value)))
	const scale = (value: number) => ((WIDTH - left - right) * value) / top
	return (
		<ChartFrame title={title} description={description} height={height}>
			{bars.length === 0 ? (
				<text x={WIDTH / 2} y={height / 2 + 4} textAnchor="middle" className="chart-empty">
					{emptyText}
				</text>
			) : null}
			{bars.map((bar, i) => (
				<g key={`${bar.label}-${i}`} transform={`translate(0 ${i * row + 4})`}>
					<title>{`${bar.label}: ${format(bar.value)}`}</title>
					<text x={left - 8} y={row / 2 + 4} textAnchor="end" className="chart-label">
						{short(bar.label, left - 12)}
					</text>
					<rect
						x={left}
						y={4}
						width={Math.max(bar.value > 0 ? 1 : 0, scale(bar.value))}
						height={row - 8}
						className="chart-bar"
					/>
					<text x={left + scale(bar.value) + 6} y={row / 2 + 4} className="chart-value">
						{format(bar.value)}
					</text>
				</g>
			))}
		</ChartFrame>
	)
}

interface Plot {
	left: number
	right: number
	top: number
	bottom: number
	height: number
}

function YAxis({
	plot,
	ticks,
	scale,
	format,
	side = 'left',
}: {
	plot: Plot
	ticks: number[]
	scale: (value: number) => number
	format: (value: number) => string
	side?: 'left' | 'right'
}) {
	return (
		<g className="chart-axis" aria-hidden="true">
			{ticks.map((tick) => (
				<g key={tick}>
					{side === 'left' ? (
						<line x1={plot.left} x2={WIDTH - plot.right} y1={scale(tick)} y2={scale(tick)} className="chart-grid" />
					) : null}
					<text
						x={side === 'left' ? plot.left - 6 : WIDTH - plot.right + 6}
						y={scale(tick) + 4}
						textAnchor={side === 'left' ? 'end' : 'start'}
					>
						{format(tick)}
					</text>
				</g>
			))}
		</g>
	)
}

/** Which x labels to print so that they do not overlap: every one, or every n-th. */
function labelEvery(count: number, width: number, labelWidth = 64) {
	return Math.max(1, Math.ceil((count * labelWidth) / width))
}

/** Vertical bars over a few categories in order: a histogram of scores. */
export function ColumnChart({ title, description, columns }: { title: string; description: string; columns: Bar[] }) {
	const plot: Plot = { left: 40, right: 10, top: 16, bottom: 24, height: 180 }
	const scaleInfo = niceScale(Math.max(0, ...columns.map((c) => c.value)))
	const inner = WIDTH - plot.left - plot.right
	const slot = inner / Math.max(1, columns.length)
	const y = (value: number) => plot.top + (plot.height - plot.top - plot.bottom) * (1 - value / scaleInfo.top)
	return (
		<ChartFrame title={title} description={description} height={plot.height}>
			<YAxis plot={plot} ticks={ticksOf(scaleInfo)} scale={y} format={String} />
			{columns.map((column, i) => (
				<g key={column.label}>
					<title>{`${column.label}: ${column.value}`}</title>
					<rect
						x={plot.left + i * slot + slot * 0.15}
						y={y(column.value)}
						width={slot * 0.7}
						height={y(0) - y(column.value)}
						className="chart-bar"
					/>
					<text x={plot.left + i * slot + slot / 2} y={plot.height - 8} textAnchor="middle" className="chart-label">
						{column.label}
					</text>
					{column.value > 0 ? (
						<text
							x={plot.left + i * slot + slot / 2}
							y={y(column.value) - 4}
							textAnchor="middle"
							className="chart-value"
						>
							{column.value}
						</text>
					) : null}
				</g>
			))}
		</ChartFrame>
	)
}

export interface Series {
	name: string
	/** one per x label; null where there is nothing to plot (no answers that week) */
	values: Array<number | null>
}

/** Lines over time; gaps where a value is null. A legend names the series when there are several. */
export function LineChart({
	title,
	description,
	labels,
	series,
	range,
	format = String,
}: {
	title: string
	description: string
	labels: string[]
	series: Series[]
	/** a fixed y range (1–5 for scores); else 0 to a nice maximum */
	range?: [number, number]
	format?: (value: number) => string
}) {
	const legendRows = series.length > 1 ? Math.ceil(series.length / 3) : 0
	const plot: Plot = { left: 44, right: 40, top: 12 + legendRows * 18, bottom: 28, height: 220 + legendRows * 18 }
	const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null))
	const [low, scaleInfo] = range
		? [range[0], { top: range[1], step: niceScale(range[1] - range[0], 5).step }]
		: [0, niceScale(Math.max(0, ...values))]
	const ticks = range
		? Array.from({ length: Math.floor((scaleInfo.top - low) / scaleInfo.step) + 1 }, (_, i) => low + i * scaleInfo.step)
		: ticksOf(scaleInfo)
	const inner = WIDTH - plot.left - plot.right
	const x = (i: number) => plot.left + (labels.length <= 1 ? inner / 2 : (inner * i) / (labels.length - 1))
	const y = (value: number) =>
		plot.top + (plot.height - plot.top - plot.bottom) * (1 - (value - low) / (scaleInfo.top - low || 1))
	const every = labelEvery(labels.length, inner)
	return (
		<ChartFrame title={title} description={description} height={plot.height}>
			{series.length > 1
				? series.map((s, i) => (
						<g
							key={s.name}
							transform={`translate(${plot.left + (i % 3) * 190} ${4 + Math.floor(i / 3) * 18})`}
							aria-hidden="true"
						>
							<line x1={0} x2={18} y1={6} y2={6} className={`chart-line chart-series-${i}`} />
							<text x={24} y={10} className="chart-label">
								{short(s.name, 160)}
							</text>
						</g>
					))
				: null}
			<YAxis plot={plot} ticks={ticks} scale={y} format={format} />
			<g className="chart-axis" aria-hidden="true">
				{labels.map((label, i) =>
					i % every === 0 ? (
						<text key={label} x={x(i)} y={plot.height - 10} textAnchor="middle">
							{label}
						</text>
					) : null,
				)}
			</g>
			{series.map((s, index) => {
				// split the line where a value is missing rather than drawing through the gap
				const segments: Array<Array<[number, number]>> = [[]]
				s.values.forEach((value, i) => {
					if (value === null) segments.push([])
					else segments.at(-1)!.push([x(i), y(value)])
				})
				return (
					<g key={s.name} className={`chart-series-${index}`}>
						{segments
							.filter((points) => points.length > 1)
							.map((points, i) => (
								<polyline
									key={i}
									points={points.map((p) => p.join(',')).join(' ')}
									className={`chart-line chart-series-${index}`}
								/>
							))}
						{s.values.map((value, i) =>
							value === null ? null : (
								<circle key={i} cx={x(i)} cy={y(value)} r={3} className={`chart-point chart-series-${index}`}>
									<title>{`${s.name}, ${labels[i]}: ${format(value)}`}</title>
								</circle>
							),
						)}
					</g>
				)
			})}
		</ChartFrame>
	)
}

/** Bars of counts, most first, with the cumulative share as a line on a 0–100 % axis on the right. */
export function ParetoChart({
	title,
	description,
	bars,
	cumulative,
	emptyText,
}: {
	title: string
	description: string
	bars: Bar[]
	/** 0–1, one per bar */
	cumulative: number[]
	emptyText: string
}) {
	const plot: Plot = { left: 40, right: 44, top: 14, bottom: 40, height: 240 }
	const scaleInfo = niceScale(Math.max(0, ...bars.map((b) => b.value)))
	const inner = WIDTH - plot.left - plot.right
	const slot = inner / Math.max(1, bars.length)
	const span = plot.height - plot.top - plot.bottom
	const y = (value: number) => plot.top + span * (1 - value / scaleInfo.top)
	const yShare = (share: number) => plot.top + span * (1 - share)
	const center = (i: number) => plot.left + i * slot + slot / 2
	return (
		<ChartFrame title={title} description={description} height={plot.height}>
			{bars.length === 0 ? (
				<text x={WIDTH / 2} y={plot.height / 2} textAnchor="middle" className="chart-empty">
					{emptyText}
				</text>
			) : null}
			<YAxis plot={plot} ticks={ticksOf(scaleInfo)} scale={y} format={String} />
			<YAxis plot={plot} ticks={[0, 0.25, 0.5, 0.75, 1]} scale={yShare} format={(v) => `${v * 100}%`} side="right" />
			{bars.map((bar, i) => (
				<g key={bar.label}>
					<title>{`${bar.label}: ${bar.value}, ${Math.round((cumulative[i] ?? 0) * 1000) / 10}%`}</title>
					<rect
						x={center(i) - slot * 0.35}
						y={y(bar.value)}
						width={slot * 0.7}
						height={y(0) - y(bar.value)}
						className="chart-bar"
					/>
					<text x={center(i)} y={plot.height - plot.bottom + 16} textAnchor="middle" className="chart-label">
						{short(bar.label, slot - 8)}
					</text>
				</g>
			))}
			{bars.length > 0 ? (
				<g className="chart-series-1">
					<polyline
						points={cumulative.map((c, i) => `${center(i)},${yShare(c)}`).join(' ')}
						className="chart-line chart-series-1"
					/>
					{cumulative.map((c, i) => (
						<circle key={i} cx={center(i)} cy={yShare(c)} r={3} className="chart-point chart-series-1" />
					))}
				</g>
			) : null}
		</ChartFrame>
	)
}
