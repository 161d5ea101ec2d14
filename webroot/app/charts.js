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
 * The size to draw a chart at: its box in CSS pixels, so it fills the box with text at its CSS size.
 * @param {?Element|undefined} box
 * @param {number} width when the box has none yet
 * @param {number} height when the box has none yet
 * @return {{width: number, height: number}}
 */
function sizeOf(box, width, height) {
  const rect = box ? box.getBoundingClientRect() : null;
  return rect && rect.width > 40 && rect.height > 40
    ? { width: Math.round(rect.width), height: Math.round(rect.height) } : { width, height };
}

/**
 * Opened and closed per hour of the viewer's day: two thin bars per hour, 24 hours.
 * @param {!Array<number>} opened
 * @param {!Array<number>} closed
 * @param {string} label
 * @param {?Element=} box the element it is drawn into, whose size it takes
 * @param {number=} current the hour shaded as the current one (none when not given)
 * @return {!Element}
 */
export function hoursChart(opened, closed, label, box, current) {
  const { width, height } = sizeOf(box, 720, 180);
  const base = height - 20;
  const max = Math.max(1, ...opened, ...closed);
  const slot = width / 24;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMidYMin meet', role: 'img', 'aria-label': label });
  const every = slot >= 44 ? 1 : slot >= 26 ? 2 : 3;
  for (let hour = 0; hour < 24; hour++) {
    const x = hour * slot;
    const o = ((opened[hour] || 0) / max) * (base - 16);
    const c = ((closed[hour] || 0) / max) * (base - 16);
    if (hour === current) chart.append(svg('rect', { class: 'hour-now', x, y: 0, width: slot, height: base }));
    chart.append(svg('rect', { class: 'bar-opened', x: x + 3, y: base - o, width: slot / 2 - 4, height: o }));
    chart.append(svg('rect', { class: 'bar-closed', x: x + slot / 2 + 1, y: base - c, width: slot / 2 - 4, height: c }));
    if (hour % every === 0) {
      chart.append(svg('text', { class: 'chart-label', x: x + slot / 2, y: height - 4, 'text-anchor': 'middle' }, String(hour)));
    }
  }
  chart.append(svg('line', { x1: 0, x2: width, y1: base, y2: base, stroke: '#5d7290' }));
  chart.append(svg('text', { class: 'chart-label', x: 2, y: 12 }, String(max)));
  return chart;
}

/**
 * Open tickets per queue: horizontal bars, largest first, as many as fit.
 * @param {!Array<!QueueCount>} queues
 * @param {string} label
 * @param {?Element=} box the element it is drawn into, whose size it takes
 * @return {!Element}
 */
export function queuesChart(queues, label, box) {
  const size = sizeOf(box, 720, 244);
  const width = size.width;
  const fit = Math.max(1, Math.floor((size.height - 4) / 24));
  const rows = [...queues].sort((a, b) => b.total - a.total).slice(0, Math.min(fit, 20));
  const row = Math.min(48, Math.floor((size.height - 4) / Math.max(1, rows.length)));
  const height = size.height;
  const max = Math.max(1, ...rows.map((q) => q.total));
  const labelWidth = Math.round(Math.min(Math.max(180, width * 0.28), 300));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMidYMin meet', role: 'img', 'aria-label': label });
  rows.forEach((queue, i) => {
    const y = i * row + 2;
    const w = (queue.total / max) * (width - labelWidth - 50);
    const middle = y + row / 2 + 5;
    chart.append(svg('text', { class: 'chart-label', x: labelWidth - 8, y: middle, 'text-anchor': 'end' },
      (queue.queue || `#${queue.queue_id}`).slice(0, 26)));
    chart.append(svg('rect', { class: 'bar-queue', x: labelWidth, y: y + 3, width: Math.max(2, w), height: row - 8, rx: 3 }));
    chart.append(svg('text', { class: 'chart-value', x: labelWidth + w + 6, y: middle }, String(queue.total)));
  });
  return chart;
}
