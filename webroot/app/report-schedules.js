// The Reports page's "Send by e-mail": the report on screen sent weekly or monthly to a list of addresses, as CSV or
// XLSX, and the agent's schedules with a button to stop each.
import { ApiError } from './api.js';
import { h, replace, toast, when } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { ReportSchedule } from './types.js';

export class ReportSchedulesPanel {
  /**
   * @param {!ConsoleContext} ctx
   * @param {{report: string, group_by: string, queue_id: string}} choice the report on screen
   */
  constructor(ctx, choice) {
    this.ctx = ctx;
    this.choice = choice;
    this.list = h('ul.report-schedules', { id: 'report-schedules' });
    this.error = h('p.field-error', { id: 'schedule-error', role: 'alert' });
  }

  /** @return {!HTMLElement} the form and the list, which fills itself */
  element() {
    const select = (id, values) => h('select', { id }, values.map((value) => h('option', { value },
      t(`reports.schedule.${value}`))));
    const name = /** @type {!HTMLInputElement} */ (h('input', { id: 'schedule-name', required: true, maxlength: 200,
      value: `${t(`reports.kind.${this.choice.report}`)} · ${t(`reports.group.${this.choice.group_by}`)}` }));
    const frequency = /** @type {!HTMLSelectElement} */ (select('schedule-frequency', ['weekly', 'monthly']));
    const format = /** @type {!HTMLSelectElement} */ (select('schedule-format', ['csv', 'xlsx']));
    const recipients = /** @type {!HTMLInputElement} */ (h('input', { id: 'schedule-recipients', type: 'text',
      required: true, placeholder: t('reports.schedule.recipients_hint'), 'aria-describedby': 'schedule-error' }));
    const field = (control, key) => h('label.report-field', null, h('span', null, t(key)), control);
    const form = h('form.report-form', { id: 'schedule-form' },
      field(name, 'reports.schedule.name'), field(frequency, 'reports.schedule.frequency'),
      field(format, 'reports.schedule.format'), field(recipients, 'reports.schedule.recipients'),
      h('button', { type: 'submit', id: 'schedule-add' }, t('reports.schedule.add')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.error.textContent = '';
      const body = {
        name: name.value.trim(), report: this.choice.report, group_by: this.choice.group_by,
        queue_id: this.choice.queue_id ? Number(this.choice.queue_id) : null,
        frequency: frequency.value, format: format.value,
        recipients: recipients.value.split(/[,;\s]+/).filter((address) => address),
        time_zone: new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      };
      try {
        const made = /** @type {!ReportSchedule} */ (await this.ctx.session.post('/api/v1/reports/schedules', body));
        toast(t('reports.schedule.saved', { name: made.name, time: when(made.next_run_at) }), 'success');
        recipients.value = '';
        this.load();
      } catch (error) {
        const fields = error instanceof ApiError ? error.fields() : {};
        this.error.textContent = Object.keys(fields).length
          ? Object.entries(fields).map(([field, message]) => `${t(`reports.schedule.${field}`)}: ${message}`).join('; ')
          : error.message;
      }
    });
    this.load();
    return h('fieldset.report-export.report-schedule', null, h('legend', null, t('reports.schedule.title')),
      form, this.error, this.list);
  }

  async load() {
    try {
      const answer = /** @type {{items: !Array<!ReportSchedule>}} */ (
        await this.ctx.session.get('/api/v1/reports/schedules'));
      replace(this.list, ...(answer.items.length === 0 ? [h('li.muted', null, t('reports.schedule.none'))]
        : answer.items.map((schedule) => this.item(schedule))));
    } catch (error) {
      replace(this.list, h('li.error', { role: 'alert' }, error.message));
    }
  }

  /** @param {!ReportSchedule} schedule @return {!HTMLElement} */
  item(schedule) {
    const stop = h('button.link', { type: 'button', 'aria-label': t('reports.schedule.stop_named', { name: schedule.name }) },
      t('reports.schedule.stop'));
    stop.addEventListener('click', async () => {
      try {
        await this.ctx.session.del(`/api/v1/reports/schedules/${schedule.id}`);
        toast(t('reports.schedule.stopped', { name: schedule.name }), 'success');
        this.load();
      } catch (error) {
        toast(error.message, 'error');
      }
    });
    return h('li', { 'data-id': String(schedule.id) },
      h('strong', null, schedule.name), ' ',
      h('span.muted', null, t('reports.schedule.line', {
        frequency: t(`reports.schedule.${schedule.frequency}`), format: schedule.format.toUpperCase(),
        recipients: schedule.recipients.join(', '), time: when(schedule.next_run_at) })),
      schedule.last_outcome ? h('span.muted', null, ` · ${schedule.last_outcome}`) : '', ' ', stop);
  }
}
