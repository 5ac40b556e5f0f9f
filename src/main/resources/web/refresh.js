// The Refresh action: POST refresh-metadata for the collection in view (or all), then report the
// outcome. A server with a write token answers 401; the page then asks for the token once and
// keeps it in sessionStorage, so it lives as long as the tab and never reaches disk storage.
import { postJson, refreshUrl } from './api.js';
import { el, plural } from './render.js';

const TOKEN_KEY = 'artifact-cache.write-token';
const ERRORS_LISTED = 5;

const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
const authorization = () => (storedToken() ? { Authorization: `Bearer ${storedToken()}` } : {});

/**
 * Wires the Refresh button. `collection()` names the collection in view ('' for all);
 * `onRefreshed()` runs after a refresh that reached the server, to reload what is shown.
 */
export function refreshAction({ button, outcome, dialog, collection, onRefreshed }) {
  const report = (kind, text, errors = []) => {
    outcome.dataset.outcome = kind;
    const dismiss = el('button', { type: 'button', className: 'link', onclick: () => { outcome.hidden = true; } }, 'Dismiss');
    outcome.replaceChildren(...[el('p', {}, text), errorList(errors), dismiss].filter(Boolean));
    outcome.hidden = false;
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const scope = collection();
    report('busy', `Refreshing ${scope ? `“${scope}”` : 'all collections'} from the files…`);
    try {
      const result = await refreshWithToken(scope ? { collection: scope } : {}, dialog);
      if (result) {
        report(result.failed ? 'warn' : 'ok', summary(scope, result), result.errors ?? []);
        onRefreshed();
      } else {
        report('info', 'Refresh cancelled: the server needs its write token to refresh.');
      }
    } catch (error) {
      report('error', error.status === 429
        ? `Refreshed too often; the server accepts the next refresh in ${error.retryAfterSeconds ?? 'a few'} seconds.`
        : `Refresh failed: ${error.message}`);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}

/** POSTs the refresh, asking for the token on each 401 until it is accepted or the user cancels (null). */
function refreshWithToken(body, dialog) {
  return withWriteToken((headers) => postJson(refreshUrl(), body, headers), dialog, 'Refresh');
}

/**
 * Runs a write `send(headers)` with the write token, asking for it on each 401 until it is
 * accepted or the user cancels (then null). Every write of the page goes through here.
 */
export async function withWriteToken(send, dialog, action) {
  for (;;) {
    try {
      return await send(authorization());
    } catch (error) {
      if (error.status !== 401) throw error;
      const rejected = storedToken() !== null;
      sessionStorage.removeItem(TOKEN_KEY);
      const token = await askForToken(dialog, rejected, action);
      if (!token) return null;
      sessionStorage.setItem(TOKEN_KEY, token);
    }
  }
}

/** Opens the token dialog, its button named after the `action`; resolves to the token entered, or null when cancelled. */
function askForToken(dialog, rejected, action) {
  const input = dialog.querySelector('input');
  dialog.querySelector('#token-reason').textContent = rejected
    ? 'The server did not accept that token. Enter the write token it was started with (ARTIFACT_CACHE_TOKEN).'
    : 'This server only accepts changes from callers with its write token (ARTIFACT_CACHE_TOKEN). It is kept for this browser tab only.';
  dialog.querySelector('button[value="save"]').textContent = action;
  input.value = '';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => {
    resolve(dialog.returnValue === 'save' && input.value.trim() ? input.value.trim() : null);
  }, { once: true }));
}

function summary(scope, result) {
  const parts = [['created', result.created], ['updated', result.updated], ['unchanged', result.unchanged],
    ['deleted', result.deleted], ['failed', result.failed]].filter(([, n]) => n > 0).map(([label, n]) => `${n} ${label}`);
  const took = result.took_ms >= 1000 ? `${(result.took_ms / 1000).toFixed(1)} s` : `${Math.round(result.took_ms)} ms`;
  return `Refreshed ${scope ? `“${scope}”` : 'all collections'}: ${plural(result.scanned, 'artifact')} checked`
    + `${parts.length ? ` (${parts.join(', ')})` : ''} in ${took}.`;
}

function errorList(errors) {
  if (!errors.length) return null;
  const shown = errors.slice(0, ERRORS_LISTED).map((e) => el('li', {}, el('code', {}, e.artifact_id ?? e.collection ?? 'manifest'), ` ${e.detail}`));
  if (errors.length > ERRORS_LISTED) shown.push(el('li', {}, `and ${errors.length - ERRORS_LISTED} more`));
  return el('ul', { className: 'errors' }, shown);
}
