/**
 * The report's charts rendered to inline SVG on the server with Apache ECharts' SSR renderer (no
 * DOM, no browser, no script in the page). Their data comes from chart-data.ts.
 */
import * as echarts from 'echarts';
import type { BarDatum } from './chart-data.js';

export interface ChartSpec {
  title: string;
  /** Unit of the values, shown on the value axis. */
  unit: string;
  data: BarDatum[];
  /** Horizontal bars (categories on the y axis), for long category names. */
  horizontal?: boolean;
  width?: number;
  height?: number;
}

/**
 * Local system fonts only: the page must not load anything from anywhere. Single quotes, because
 * ECharts writes the family into a double-quoted `style` attribute.
 */
export const CHART_FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/**
 * Renders a bar chart to an SVG string with ECharts' server-side renderer. The XML namespace
 * declarations are dropped: an `<svg>` inline in HTML needs none, and the page then holds no URL
 * of any kind.
 */
export function renderBarChartSvg(spec: ChartSpec): string {
  const width = spec.width ?? 760;
  const height = spec.height ?? (spec.horizontal ? Math.max(320, 60 + spec.data.length * 26) : 360);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const categoryAxis = {
      type: 'category' as const,
      data: spec.data.map((d) => d.label),
      inverse: spec.horizontal ?? false,
      axisLabel: { interval: 0, fontSize: 12, ...(spec.horizontal ? {} : { rotate: spec.data.length > 9 ? 30 : 0 }) },
    };
    const valueAxis = { type: 'value' as const, name: spec.unit, nameTextStyle: { fontSize: 12 } };
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT },
      title: { text: spec.title, left: 'center', top: 8, textStyle: { fontSize: 15, fontWeight: 'bold' } },
      grid: { left: spec.horizontal ? 150 : 64, right: 48, top: 56, bottom: spec.horizontal ? 32 : 56 },
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: [
        {
          type: 'bar',
          data: spec.data.map((d) => d.value),
          itemStyle: { color: '#b22c2c' },
          barMaxWidth: 28,
          label: { show: true, position: spec.horizontal ? 'right' : 'top', fontSize: 11 },
        },
      ],
    });
    return chart
      .renderToSVGString()
      .replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  } finally {
    chart.dispose();
  }
}
