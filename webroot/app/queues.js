// The queue tree in the sidebar, with open-ticket counts kept live from stats.updated.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { ConsoleContext } from './context.js';
import { Lookup, QueueCount, WallboardStats } from './types.js';

export class QueueTree {
  /**
   * @param {!HTMLElement} root
   * @param {!ConsoleContext} ctx
   */
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    /** @type {!Map<number, !QueueCount>} open tickets by queue id */
    this.open = new Map();
  }

  render() {
    const queues = this.ctx.lookups.queues;
    const ids = new Set(queues.map((q) => q.id));
    /** @type {!Map<?number, !Array<!Lookup>>} */
    const children = new Map();
    for (const queue of queues) {
      const parent = queue.parent_id != null && ids.has(queue.parent_id) ? queue.parent_id : null;
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(queue);
    }
    /** @type {function(?number): !Array<!HTMLElement>} */
    const branch = (parent) => (children.get(parent) || [])
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((queue) => h('li', null,
        h('a', { href: `#/queue/${queue.id}`, dataset: { queue: queue.id } },
          h('span.queue-name', null, queue.name),
          h('span.count', { dataset: { count: queue.id }, 'aria-hidden': 'true' }),
          h('span.sr-only', { dataset: { countLabel: queue.id } })),
        children.has(queue.id) ? h('ul.nav-list', null, branch(queue.id)) : null));
    replace(this.root, branch(null));
    this.paint();
  }

  /**
   * Takes the numbers of a stats.updated event.
   * @param {!WallboardStats} stats
   */
  counts(stats) {
    this.open = new Map((stats.open_by_queue || []).map((entry) => [entry.queue_id, entry]));
    this.paint();
  }

  /**
   * @param {number} queueId
   * @return {number}
   */
  count(queueId) {
    const entry = this.open.get(queueId);
    return entry ? entry.total : 0;
  }

  paint() {
    this.root.querySelectorAll('[data-count]').forEach((badge) => {
      const id = Number(badge.dataset.count);
      const count = this.count(id);
      if (badge.textContent !== String(count)) {
        badge.textContent = String(count);
        badge.classList.remove('bump');
        void badge.offsetWidth;
        badge.classList.add('bump');
      }
      badge.classList.toggle('zero', count === 0);
    });
    this.root.querySelectorAll('[data-count-label]').forEach((label) => {
      label.textContent = `, ${t('queue.open_count', { n: this.count(Number(label.dataset.countLabel)) })}`;
    });
  }
}
