// The tags and tools facets. The listing answers only a facet's top values; the facet-value route
// (api.md, "Facet values") answers the rest: a search inside the facet and "Show more", which pages
// through every value. Both take the listing's filters, so a count is what picking the value gives.
import { facetValuesUrl, latestOnly } from './api.js';
import { el, facetHead, facetOptions, replaceKeepingFocus } from './render.js';

const FIRST = 8; // values shown before "Show more"
const PAGE = 50; // values per request to the route
const SEARCH_DEBOUNCE_MS = 200;

/**
 * The facet `name` (tags or tools) in `section`: its head, a search box that stays while the rest
 * re-renders (the caret must not jump while typing) and the values. `show(state, counts)` after
 * every state change or listing; `onToggle(value)` and `onMode(mode)` change the page's state.
 */
export function facetPanel(section, { name, heading, modeKey, onToggle, onMode }) {
  const label = heading.toLowerCase();
  const head = el('div');
  const values = el('div', { className: 'facet-values' });
  const box = el('input', {
    type: 'search', className: 'facet-search', autocomplete: 'off', spellcheck: 'false', 'data-facet': name,
    placeholder: `Search ${label}…`, 'aria-label': `Search ${label}`,
  });
  section.append(head, box, values);
  const run = latestOnly();
  let state = null;
  let counts = {};
  let paging = false; // "Show more" was pressed: the values come from the route, page by page
  let found = null; // the route's answer: { url (of its first page), entries, total, hasMore, error }
  let timer = 0;

  const firstPageUrl = () => facetValuesUrl(state, name, box.value.trim(), 0, PAGE);
  const fromRoute = () => paging || box.value.trim() !== '';

  /** Asks the route for the values from `offset` on; the first page replaces those shown, later ones add. */
  async function load(offset) {
    const url = firstPageUrl();
    values.setAttribute('aria-busy', 'true');
    let body;
    try {
      body = await run(offset ? facetValuesUrl(state, name, box.value.trim(), offset, PAGE) : url);
    } catch (error) {
      if (error.name !== 'AbortError') found = { url, entries: [], total: 0, hasMore: false, error: error.message };
      render();
      return;
    }
    if (body === undefined) return; // a newer request owns the panel
    const entries = body.values.map((v) => [v.value, v.count]);
    found = { url, entries: offset ? [...found.entries, ...entries] : entries, total: body.total_values, hasMore: body.has_more };
    render();
  }

  function update() {
    if (!state) return; // typed before the first listing: its show() will search
    if (!fromRoute()) {
      found = null;
      render();
    } else if (found?.url !== firstPageUrl()) {
      load(0);
    }
  }

  function render() {
    const selected = state[name];
    const searched = box.value.trim();
    let entries;
    if (!fromRoute()) {
      const listed = [...selected.filter((v) => !(v in counts)), ...Object.keys(counts)];
      entries = listed.filter((v, i) => i < FIRST || selected.includes(v)).map((v) => [v, counts[v] ?? 0]);
    } else if (found) {
      // While paging, the selected values stay in sight wherever their page is.
      const missing = searched ? [] : selected.filter((v) => !found.entries.some(([value]) => value === v));
      entries = [...missing.map((v) => [v, counts[v] ?? 0]), ...found.entries];
    } else {
      return; // the first answer is on its way
    }
    const more = fromRoute() ? found.hasMore : Object.keys(counts).length > FIRST;
    const empty = searched ? `No ${label} contain “${searched}”` : `No ${label} in these results`;
    values.setAttribute('aria-busy', 'false');
    replaceKeepingFocus(head, [facetHead(name, heading, state[modeKey], onMode)]);
    replaceKeepingFocus(values, [
      entries.length ? facetOptions(name, entries, selected, onToggle) : el('p', { className: 'muted small' }, found?.error ?? empty),
      fromRoute() && found.total > 0 && el('p', { className: 'muted small', 'aria-live': 'polite' },
        `${found.entries.length.toLocaleString('en')} of ${found.total.toLocaleString('en')} ${label}`),
      el('div', { className: 'facet-more' },
        more && el('button', { type: 'button', className: 'link', 'data-focus-key': `${name}:more`, onclick: showMore },
          fromRoute() ? `Show ${Math.min(PAGE, found.total - found.entries.length)} more` : 'Show more'),
        paging && !searched && el('button', { type: 'button', className: 'link', 'data-focus-key': `${name}:fewer`, onclick: showFewer },
          'Show fewer')),
    ], box);
  }

  function showMore() {
    if (fromRoute()) {
      load(found.url === firstPageUrl() ? found.entries.length : 0); // the filters may have changed meanwhile
    } else {
      paging = true;
      update();
    }
  }

  function showFewer() {
    paging = false;
    update();
  }

  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, SEARCH_DEBOUNCE_MS);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      clearTimeout(timer);
      update();
    } else if (event.key === 'Escape' && box.value) {
      event.preventDefault();
      box.value = '';
      update();
    }
  });

  return {
    show(nextState, nextCounts) {
      state = nextState;
      counts = nextCounts ?? {};
      update();
    },
  };
}
