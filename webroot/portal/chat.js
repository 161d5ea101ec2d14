// Hosts the chat widget (/chat-widget.js), opened; where the server has none, says so instead.
import { $ } from '../app/dom.js';
import { init as initI18n, language, languageSwitch } from '../app/i18n.js';

async function widgetAvailable() {
  try {
    const response = await fetch('/chat-widget.js', { method: 'HEAD' });
    return response.ok;
  } catch {
    return false;
  }
}

async function main() {
  await initI18n();
  // the widget speaks the page's language; a change of language reloads the page, widget and all
  languageSwitch($('#lang'), () => location.reload());
  if (!(await widgetAvailable())) {
    $('#widget-missing').hidden = false;
    return;
  }
  const script = document.createElement('script');
  script.src = '/chat-widget.js';
  script.dataset.lang = language();
  script.addEventListener('error', () => { $('#widget-missing').hidden = false; });
  // The customer came here to chat: open the widget, which says at once whether someone is online.
  script.addEventListener('load', () => {
    const widget = /** @type {?{open: function()}|undefined} */ (/** @type {?} */ (window)['GotrsChat']);
    if (widget) widget.open();
  });
  document.body.append(script);
}

main().catch((error) => console.warn(error));
