// Keyboard shortcuts of the console; none fire while the focus is in a text field.
import { $ } from './dom.js';
import { ConsoleContext } from './context.js';

/**
 * @param {?EventTarget} target
 * @return {boolean}
 */
function typing(target) {
  return target instanceof Element && Boolean(target.closest('input, textarea, select, [contenteditable="true"]'));
}

/** @param {!ConsoleContext} ctx */
export function installShortcuts(ctx) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const view = ctx.view;
    const dialog = $('#help-dialog');
    if (dialog.open) return;
    const actions = {
      '/': () => $('#search-input').focus(),
      '?': () => dialog.showModal(),
      j: () => view && view.move && view.move(1),
      k: () => view && view.move && view.move(-1),
      o: () => view && view.openSelected && view.openSelected(),
      u: () => { location.hash = sessionStorage.getItem('gotrs.list.back') || '#/'; },
      r: () => view && view.compose && view.compose('reply'),
      n: () => view && view.compose && view.compose('note'),
      p: () => view && view.compose && view.compose('phone'),
      c: () => { if (!$('#nav-chats-item').hidden) location.hash = '#/chats'; },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
