// Small SVG charts, drawn by hand: every label is a text node.

import { QueueCount } from './types.js';

const NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {!Object<string, *>} attrs
 * @param {string=} text
 * @return {!Element}
 */
function svg(tag, attrs, text) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(String(key), String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Opened and closed per hour: two thin bars per hour, 24 hours.
 * @param {!Array<number>} opened
 * @param {!Array<number>} closed
 * @param {string} label
 * @return {!Element}
 */
export function hoursChart(opened, closed, label) {
  const width = 720;
  const height = 180;
  const base = height - 20;
  const max = Math.max(1, ...opened, ...closed);
  const slot = width / 24;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMidYMin meet', role: 'img', 'aria-label': label });
  const now = new Date().getUTCHours();
  for (let hour = 0; hour < 24; hour++) {
    const x = hour * slot;
    const o = ((opened[hour] || 0) / max) * (base - 16);
    const c = ((closed[hour] || 0) / max) * (base - 16);
    chart.append(svg('rect', { class: 'bar-opened', x: x + 3, y: base - o, width: slot / 2 - 4, height: o }));
    chart.append(svg('rect', { class: 'bar-closed', x: x + slot / 2 + 1, y: base - c, width: slot / 2 - 4, height: c }));
    if (hour % 3 === 0 || hour === now) {
      chart.append(svg('text', { class: 'chart-label', x: x + slot / 2, y: height - 4, 'text-anchor': 'middle' }, String(hour)));
    }
  }
  chart.append(svg('line', { x1: 0, x2: width, y1: base, y2: base, stroke: '#5d7290' }));
  chart.append(svg('text', { class: 'chart-label', x: 2, y: 12 }, String(max)));
  return chart;
}

/**
 * Open tickets per queue: horizontal bars, largest first.
 * @param {!Array<!QueueCount>} queues
 * @param {string} label
 * @return {!Element}
 */
export function queuesChart(queues, label) {
  const rows = [...queues].sort((a, b) => b.total - a.total).slice(0, 10);
  const width = 720;
  const row = 24;
  const height = Math.max(row, rows.length * row) + 4;
  const max = Math.max(1, ...rows.map((q) => q.total));
  const labelWidth = 180;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMidYMin meet', role: 'img', 'aria-label': label });
  rows.forEach((queue, i) => {
    const y = i * row + 2;
    const w = (queue.total / max) * (width - labelWidth - 50);
    chart.append(svg('text', { class: 'chart-label', x: labelWidth - 8, y: y + 16, 'text-anchor': 'end' },
      (queue.queue || `#${queue.queue_id}`).slice(0, 26)));
    chart.append(svg('rect', { class: 'bar-queue', x: labelWidth, y: y + 3, width: Math.max(2, w), height: row - 8, rx: 3 }));
    chart.append(svg('text', { class: 'chart-value', x: labelWidth + w + 6, y: y + 16 }, String(queue.total)));
  });
  return chart;
}
