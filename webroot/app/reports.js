// #/reports: the team lead's reports (members of the OTRS group stats): a chart, the table under it, and the
// downloads as CSV or XLSX with the columns ticked. The choices live in the hash, so a report can be linked.
import { query } from './api.js';
import { h, replace, toast, duration } from './dom.js';
import { t } from './i18n.js';
import { BarChart, Series } from './plot.js';
import { ConsoleContext } from './context.js';
import { Report } from './types.js';
import { ReportSchedulesPanel } from './report-schedules.js';

const REPORTS = ['volume', 'first_response', 'resolution', 'sla', 'csat', 'agents', 'time', 'chat'];
const GROUPS = ['day', 'week', 'month', 'queue', 'agent', 'channel'];
/** The columns that name a row rather than measure it. */
const KEYS = ['period', 'queue_id', 'queue', 'agent_id', 'agent', 'channel'];

/** @param {!Date} day @return {string} the local date as 2026-01-31 */
function isoDate(day) {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** @param {string} column @return {boolean} */
function isSeconds(column) {
  return column.endsWith('_seconds');
}

export class ReportsView {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   * @param {!URLSearchParams} params the hash's choices
   */
  constructor(root, ctx, params) {
    this.root = root;
    this.ctx = ctx;
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 27);
    this.choice = {
      report: REPORTS.includes(params.get('report') || '') ? params.get('report') : 'volume',
      group_by: GROUPS.includes(params.get('group_by') || '') ? params.get('group_by') : 'week',
      from: params.get('from') || isoDate(from),
      to: params.get('to') || isoDate(today),
      queue_id: params.get('queue_id') || '',
    };
    /** @type {?BarChart} */
    this.chart = null;
    /** where the chart, the table and the export go */
    this.result = h('section.report-result', { id: 'report-result', 'aria-live': 'polite' });
  }

  /**
   * Whether the signed-in agent may see reports: they are for members of the group stats.
   * @param {!ConsoleContext} ctx
   * @return {!Promise<boolean>}
   */
  static async allowed(ctx) {
    try {
      await ctx.session.get('/api/v1/reports/volume?group_by=channel');
      return true;
    } catch {
      return false;
    }
  }

  open() {
    const select = (id, values, current, label) => h('select', { id, name: id },
      values.map((value) => h('option', { value, selected: value === current }, label(value))));
    const report = select('report-kind', REPORTS, this.choice.report, (value) => t(`reports.kind.${value}`));
    const group = select('report-group', GROUPS, this.choice.group_by, (value) => t(`reports.group.${value}`));
    const queue = h('select', { id: 'report-queue' }, h('option', { value: '' }, t('reports.all_queues')),
      this.ctx.lookups.queues.map((q) => h('option', { value: String(q.id), selected: String(q.id) === this.choice.queue_id }, q.name)));
    const from = h('input', { type: 'date', id: 'report-from', value: this.choice.from, required: true });
    const to = h('input', { type: 'date', id: 'report-to', value: this.choice.to, required: true });
    const field = (control, key) => h('label.report-field', null, h('span', null, t(key)), control);
    const form = h('form.report-form', { id: 'report-form' },
      field(report, 'reports.report'), field(group, 'reports.group_by'), field(from, 'reports.from'),
      field(to, 'reports.to'), field(queue, 'reports.queue'),
      h('button.primary', { type: 'submit' }, t('reports.show')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const choice = {
        report: /** @type {!HTMLSelectElement} */ (report).value, group_by: /** @type {!HTMLSelectElement} */ (group).value,
        from: /** @type {!HTMLInputElement} */ (from).value, to: /** @type {!HTMLInputElement} */ (to).value,
        queue_id: /** @type {!HTMLSelectElement} */ (queue).value,
      };
      location.hash = `#/reports${query(choice)}`;
    });
    replace(this.root, h('div.view-header', null, h('h1', { id: 'view-title' }, t('reports.title'))), form, this.result,
      new ReportSchedulesPanel(this.ctx, { report: String(this.choice.report), group_by: String(this.choice.group_by),
        queue_id: String(this.choice.queue_id) }).element());
    this.load();
  }

  close() {
    if (this.chart) this.chart.destroy();
    this.chart = null;
  }

  /** @return {string} the report's path with the current choices */
  path() {
    const { report, ...params } = this.choice;
    return `/api/v1/reports/${report}${query(params)}`;
  }

  async load() {
    replace(this.result, h('p.muted', null, t('list.loading')));
    /** @type {!Report} */
    let answer;
    try {
      answer = /** @type {!Report} */ (await this.ctx.session.get(this.path()));
    } catch (error) {
      replace(this.result, h('p.error', { role: 'alert' }, error.message));
      return;
    }
    const canvas = /** @type {!HTMLCanvasElement} */ (h('canvas', { id: 'report-chart', role: 'img',
      'aria-label': t(`reports.kind.${answer.report}`) }));
    replace(this.result,
      h('p.muted', null, t('reports.range', { from: answer.from, to: answer.to, zone: answer.time_zone })),
      h('div.report-chart', null, canvas),
      this.table(answer),
      this.exports(answer));
    const measured = answer.columns.filter((column) => !KEYS.includes(column) && !column.endsWith('_percent'));
    const labels = answer.items.map((item) => this.label(item));
    /** @type {!Array<!Series>} */
    const series = measured.map((column) => ({
      label: `${t(`reports.column.${column}`)}${isSeconds(column) ? ` (${t('reports.minutes')})` : ''}`,
      values: answer.items.map((item) => {
        const value = /** @type {?number} */ (item[column]);
        return value === null || value === undefined ? null : isSeconds(column) ? Math.round(value / 6) / 10 : value;
      }),
    }));
    try {
      this.chart = await BarChart.draw(canvas, labels, series);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  /** @param {!Object<string, *>} item @return {string} what names the row on the chart */
  label(item) {
    const name = item['period'] ?? item['queue'] ?? item['agent'] ?? item['channel'];
    return name === null || name === undefined ? t('reports.none') : String(name);
  }

  /** @param {!Report} answer @return {!HTMLElement} */
  table(answer) {
    const shown = answer.columns.filter((column) => column !== 'queue_id' && column !== 'agent_id');
    return h('div.report-table-wrap', null, h('table.tickets.report-table', { id: 'report-table' },
      h('thead', null, h('tr', null, shown.map((column) => h('th', { scope: 'col' }, t(`reports.column.${column}`))))),
      h('tbody', null, answer.items.map((item) => h('tr', null, shown.map((column) => {
        const value = item[column];
        if (KEYS.includes(column)) return h('th', { scope: 'row' }, value === null ? t('reports.none') : String(value));
        const text = value === null || value === undefined ? '–'
          : isSeconds(column) ? duration(/** @type {number} */ (value)) : String(value);
        return h('td.num', null, text);
      }))))));
  }

  /** @param {!Report} answer @return {!HTMLElement} the column choice and the download buttons */
  exports(answer) {
    const boxes = answer.columns.map((column) => /** @type {!HTMLInputElement} */ (
      h('input', { type: 'checkbox', value: column, checked: true, id: `report-col-${column}` })));
    const download = async (format) => {
      const columns = boxes.filter((box) => box.checked).map((box) => box.value).join(',');
      if (!columns) {
        toast(t('reports.no_columns'), 'warn');
        return;
      }
      const filename = `${answer.report}-${answer.group_by}-${answer.from}-${answer.to}.${format}`;
      try {
        await this.ctx.session.download(`${this.path()}&columns=${encodeURIComponent(columns)}&format=${format}`, filename);
      } catch (error) {
        toast(error.message, 'error');
      }
    };
    return h('fieldset.report-export', null, h('legend', null, t('reports.export')),
      h('div.report-columns', null, boxes.map((box, i) => h('label.pref-check', null, box,
        t(`reports.column.${answer.columns[i]}`)))),
      h('div.report-buttons', null,
        h('button', { type: 'button', id: 'report-csv', onclick: () => download('csv') }, t('reports.download_csv')),
        h('button', { type: 'button', id: 'report-xlsx', onclick: () => download('xlsx') }, t('reports.download_xlsx'))));
  }
}
