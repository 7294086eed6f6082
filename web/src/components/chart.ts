import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * Draws an ECharts chart as SVG in the element the returned ref is put on: drawn afresh when
 * `option` changes (memoize it on what it shows), resized with the element, disposed with it.
 * No option (nothing to show) draws nothing. The caller registers the chart types it uses.
 */
export function useChart(option: echarts.EChartsCoreOption | null) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current || !option) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return element;
}
