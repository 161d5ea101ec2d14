// The scheduler's jobs: when each last ran, how long it took and how it went, when it runs next; run one now.
import { duration, h, replace, toast, when } from '../app/dom.js';
import { language, t } from '../app/i18n.js';
import { Session } from '../app/api.js';

/**
 * One job as GET /api/v1/scheduler/jobs lists it.
 * @typedef {{name: string, interval_seconds: ?number, last_started_at: ?string, last_finished_at: ?string,
 *   duration_millis: ?number, last_outcome: ?string, last_detail: ?string, next_run: ?string, runs: number,
 *   failures: number}}
 */
let SchedulerJob;

/**
 * A label from i18n, or the raw name when there is none.
 * @param {string} key
 * @param {string} fallback
 * @return {string}
 */
function label(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

/**
 * @param {!HTMLElement} root
 * @param {!Session} session
 */
export async function jobsPage(root, session) {
  const body = h('tbody', { id: 'admin-rows' });
  replace(root, h('h1', { id: 'view-title' }, t('admin.jobs')), h('p.muted.lead', null, t('jobs.lead')),
    h('div.table-wrap', null, h('table.data.admin-table', { 'aria-labelledby': 'view-title' },
      h('thead', null, h('tr', null, ['job', 'interval', 'last_run', 'duration', 'outcome', 'next_run', 'runs', 'failures']
        .map((c) => h('th', { scope: 'col' }, t(`jobs.${c}`))), h('th', { scope: 'col' }, h('span.sr-only', null, t('admin.actions'))))),
      body)));
  await fill(body, session);
}

/**
 * @param {!HTMLElement} body
 * @param {!Session} session
 */
async function fill(body, session) {
  const table = body.closest('table');
  table?.setAttribute('aria-busy', 'true');
  try {
    const answer = await session.get('/api/v1/scheduler/jobs');
    replace(body, /** @type {!Array<!SchedulerJob>} */ (answer.items).map((job) => row(job, body, session)));
  } catch (failure) {
    toast(t('error.generic', { detail: failure.message }), 'error');
  }
  table?.setAttribute('aria-busy', 'false');
}

/**
 * @param {!SchedulerJob} job
 * @param {!HTMLElement} body
 * @param {!Session} session
 * @return {!HTMLElement}
 */
function row(job, body, session) {
  const name = label(`job.${job.name}`, job.name);
  /** @param {string} column @param {*} content */
  const cell = (column, content) => h('td', { 'data-label': t(`jobs.${column}`), class: `col-${column}` }, content);
  const outcome = job.last_outcome ? `${t(`jobs.outcome.${job.last_outcome}`)}${job.last_detail ? `: ${job.last_detail}` : ''}` : '';
  const run = h('button', { type: 'button', 'data-action': 'run', 'aria-label': `${t('jobs.run')}: ${name}`,
    disabled: job.interval_seconds === null }, t('jobs.run'));
  run.addEventListener('click', async () => {
    run.setAttribute('disabled', '');
    try {
      const result = await session.post(`/api/v1/scheduler/jobs/${encodeURIComponent(job.name)}/run`, {});
      toast(t(result.outcome === 'success' ? 'jobs.ran' : 'jobs.ran_failed', { name, detail: result.detail || '' }),
        result.outcome === 'success' ? 'info' : 'error');
    } catch (failure) {
      toast(t('error.generic', { detail: failure.message }), 'error');
    }
    fill(body, session);
  });
  return h('tr', { 'data-job': job.name },
    cell('job', h('span', { title: job.name }, name)),
    cell('interval', job.interval_seconds === null ? t('jobs.off') : duration(job.interval_seconds)),
    cell('last_run', job.last_started_at ? when(job.last_started_at, language()) : t('jobs.never')),
    cell('duration', job.duration_millis === null ? '' : `${job.duration_millis} ms`),
    cell('outcome', h('span', { class: job.last_outcome === 'failure' ? 'bad' : '' }, outcome)),
    cell('next_run', job.next_run ? when(job.next_run, language()) : '–'),
    cell('runs', String(job.runs)),
    cell('failures', h('span', { class: job.failures ? 'bad' : '' }, String(job.failures))),
    h('td.actions', null, run));
}
