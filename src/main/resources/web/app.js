// The collection page: state in the URL, one listing request at a time, results from the JSON API.
import {
  ApiError, PAGE_SIZE, collectionFacetsUrl, collectionListUrl, getJson, latestOnly, listingUrl,
} from './api.js';
import {
  ORIGINS, activeFilters, effectiveSort, fromQuery, toQuery, toggled, withoutFilters,
} from './state.js';
import {
  card, el, filterChips, messagePanel, originOptions, plural, replaceKeepingFocus, skeletonCards, sum, typeTabs,
} from './render.js';
import { refreshAction } from './refresh.js';
import { artifactView } from './artifact-view.js';
import { facetPanel } from './facet-values.js';

const SEARCH_DEBOUNCE_MS = 200;
const NOT_READY_RETRY_MS = 3000;
const UNREACHABLE_RETRY_MS = 2000; // a restarting service is back within seconds
const VIEW_KEY = 'artifact-cache.view';
const $ = (id) => document.getElementById(id);
const ui = {
  q: $('q'), collection: $('collection'), refresh: $('refresh'), freshness: $('freshness'),
  types: $('types'), tags: $('facet-tags'), tools: $('facet-tools'), origins: $('origins'),
  stale: $('stale'), staleCount: $('stale-count'), filters: $('filters'), filtersToggle: $('filters-toggle'),
  results: $('results'), total: $('total'), sort: $('sort'), chips: $('chips'), progress: $('progress'),
  message: $('message'), cards: $('cards'), loadMore: $('load-more'), end: $('end'), more: $('more'),
  showing: $('showing'), views: document.querySelectorAll('input[name=view]'),
};

let state = fromQuery(location.search);
let page = null; // the latest first page: page_info, facets, freshness
let shownKeys = new Set();
let collections = [];
let wholeFacets = null; // the facets of the whole collection, unfiltered: which types and origins it has
let loading = false;
const runLatest = latestOnly();
let typingEntry = false; // the current history entry was made by typing, so more typing replaces it
let searchTimer = 0;
let retryTimer = 0;

// ---- State changes: every control ends here, so the URL, the controls and the results agree.

function navigate(next, { typing = false } = {}) {
  state = next;
  const url = location.pathname + toQuery(state);
  if (typing && typingEntry) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  typingEntry = typing;
  showState();
  loadFirstPage();
}

window.addEventListener('popstate', () => {
  clearTimeout(searchTimer);
  const previous = state;
  state = fromQuery(location.search);
  typingEntry = false;
  showArtifact();
  if (sameListing(previous, state)) { // only the artifact view opened or closed
    markShown();
    return;
  }
  showState();
  loadFirstPage();
});

// ---- The artifact view: `?artifact=` opens it, back and forward open and close it.

const sameListing = (a, b) => toQuery({ ...a, artifact: '' }) === toQuery({ ...b, artifact: '' });

const view = artifactView({
  tokenDialog: $('token-dialog'),
  onClose: () => { if (state.artifact) setArtifact(''); },
  onChanged: () => { loadCollections(); loadFirstPage(); },
  onShowCollection: (id) => navigate({ ...state, artifact: '', collection: id }),
});

function setArtifact(key) {
  state = { ...state, artifact: key };
  history.pushState(null, '', location.pathname + toQuery(state));
  typingEntry = false;
  markShown();
  showArtifact();
}

function showArtifact() {
  if (state.artifact) view.show(state.artifact);
  else view.hide();
}

// ---- Loading

async function loadFirstPage() {
  await load(null);
}

async function loadNextPage() {
  if (loading || !page?.page_info.has_next_page) return;
  await load(page.page_info.end_cursor);
}

async function load(after) {
  loading = true;
  try {
    await loadPage(after);
  } finally {
    loading = false;
  }
  // The observer tells only changes: an end still in view (a tall window, a scroll made while
  // loading) would otherwise never load the next page.
  requestAnimationFrame(() => {
    if (ui.more.getBoundingClientRect().top <= innerHeight + 400 && page && !ui.cards.hidden) loadNextPage();
  });
}

async function loadPage(after) {
  showBusy(after ? 'more' : 'page');
  let body;
  try {
    body = await runLatest(listingUrl(state, after));
  } catch (error) {
    showError(error);
    markShown();
    return;
  }
  if (body === undefined) return; // a newer request owns the page now
  if (after) {
    appendCards(body.items);
    page = { ...page, page_info: body.page_info };
  } else {
    page = body;
    shownKeys = new Set();
    ui.cards.replaceChildren();
    appendCards(body.items);
    showFacets();
  }
  showTotals();
  markShown();
  if (!after && wholeFacets?.collection !== state.collection) loadCollectionFacets();
}

/** The unfiltered facets of the collection shown, fetched once per collection. */
async function loadCollectionFacets() {
  const collection = state.collection;
  try {
    const body = await getJson(collectionFacetsUrl(collection));
    wholeFacets = { collection, ...body.facets };
  } catch {
    wholeFacets = null; // the tabs and origins then follow the results alone
  }
  if (page && collection === state.collection) showFacets();
}

/** Records which state the results show, so anyone (tests included) can tell they are current. */
function markShown() {
  ui.results.dataset.shows = toQuery(state);
}

async function loadCollections() {
  try {
    collections = (await getJson(collectionListUrl())).items;
  } catch {
    collections = []; // the listing request reports the problem; the switcher keeps "All collections"
  }
  showCollections();
}

// ---- Showing

/** Puts the state into the controls that do not depend on the response. */
function showState() {
  if (ui.q.value !== state.q) ui.q.value = state.q;
  ui.sort.value = effectiveSort(state);
  ui.sort.querySelector('[value="relevance"]').disabled = !state.q.trim();
  ui.stale.checked = state.stale;
  ui.collection.value = state.collection;
  const filters = activeFilters(state);
  ui.chips.hidden = filters.length === 0;
  replaceKeepingFocus(ui.chips, filters.length ? filterChips(filters, (f) => navigate(f.without), clearFilters) : [], ui.q);
  ui.filtersToggle.textContent = filters.length ? `Filters (${filters.length})` : 'Filters';
  if (page) showFacets();
}

function showBusy(kind) {
  ui.cards.setAttribute('aria-busy', 'true');
  ui.message.hidden = true;
  if (kind === 'page' && shownKeys.size === 0) {
    ui.cards.replaceChildren(...skeletonCards(6));
    ui.total.textContent = 'Loading artifacts…';
  }
  ui.progress.hidden = false;
  // aria-disabled, not disabled: a disabled button loses the keyboard focus to the top of the page.
  ui.loadMore.setAttribute('aria-disabled', 'true');
  if (kind === 'more') ui.loadMore.textContent = 'Loading…';
}

function appendCards(items) {
  const context = {
    showCollection: !state.collection, selectedTags: state.tags, ttlSeconds: page?.freshness?.ttl_seconds ?? 1800,
    onTag: (tag) => navigate({ ...state, tags: toggled(state.tags, tag) }),
    onOpen: setArtifact,
  };
  const fresh = items.filter((item) => !shownKeys.has(`${item.collection}/${item.id}`));
  fresh.forEach((item) => shownKeys.add(`${item.collection}/${item.id}`));
  ui.cards.append(...fresh.map((item) => card(item, context)));
}

function showFacets() {
  const facets = page.facets ?? { type: {}, tags: {}, tools: {}, origin: {} };
  replaceKeepingFocus(ui.types, typeTabs(facets.type, state.type, (type) => navigate({ ...state, type }),
    Object.keys(wholeFacets?.type ?? facets.type)));
  facetPanels.forEach((panel) => panel.show(state, facets[panel.name]));
  // Origins the whole collection has none of are no choice at all.
  const origins = ORIGINS.filter((o) => o === state.origin || (wholeFacets?.origin ?? facets.origin)[o]);
  replaceKeepingFocus(ui.origins, originOptions(facets.origin, state.origin, origins,
    (origin) => navigate({ ...state, origin })));
  ui.staleCount.textContent = page.freshness ? page.freshness.stale_count.toLocaleString('en') : '';
}

/** The tags and tools facets, each with its value search and "Show more". */
const facetPanels = [['tags', 'Tags', 'tagMode'], ['tools', 'Tools', 'toolMode']].map(([name, heading, modeKey]) => ({
  name,
  ...facetPanel(ui[name], {
    name, heading, modeKey,
    onToggle: (value) => navigate({ ...state, [name]: toggled(state[name], value) }),
    onMode: (mode) => navigate({ ...state, [modeKey]: mode }),
  }),
}));

function showTotals() {
  const info = page.page_info;
  ui.cards.setAttribute('aria-busy', 'false');
  ui.progress.hidden = true;
  ui.total.replaceChildren(plural(info.total_count, 'result'),
    ...(page.took_ms === undefined ? [] : [' ', el('span', { className: 'took' }, `in ${formatMs(page.took_ms)} ms`)]));
  ui.showing.textContent = info.total_count
    ? `Showing ${shownKeys.size.toLocaleString('en')} of ${info.total_count.toLocaleString('en')}` : '';
  ui.loadMore.hidden = !info.has_next_page;
  ui.loadMore.removeAttribute('aria-disabled');
  const left = info.total_count - shownKeys.size;
  ui.loadMore.textContent = `Load ${Math.min(PAGE_SIZE, left)} more (${left.toLocaleString('en')} left)`;
  ui.end.hidden = info.has_next_page || shownKeys.size <= PAGE_SIZE;
  ui.end.textContent = `All ${plural(info.total_count, 'artifact')} shown.`;
  showFreshness();
  if (info.total_count === 0) showEmpty();
}

const formatMs = (ms) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en'));

function showFreshness() {
  const fresh = page?.freshness;
  const scope = state.collection ? collections.find((c) => c.id === state.collection) : null;
  const count = scope ? scope.artifact_count : sum(collections.filter((c) => c.collection_type !== 'user').map((c) => c.artifact_count));
  if (!fresh) return;
  ui.freshness.textContent = `${state.collection || 'All collections'} · ${plural(count, 'artifact')} · `
    + `${fresh.stale_count.toLocaleString('en')} stale · watching the files for changes; re-checked every ${Math.round(fresh.ttl_seconds / 60)} min`;
}

function showCollections() {
  const total = sum(collections.filter((c) => c.collection_type !== 'user').map((c) => c.artifact_count));
  const options = [new Option(`All collections (${total.toLocaleString('en')})`, '')];
  for (const c of collections) {
    const yours = c.collection_type === 'user' ? ' · yours' : ''; // a user collection, kept in the cache's database
    options.push(new Option(`${c.name}${yours} (${c.artifact_count.toLocaleString('en')})`, c.id));
  }
  if (state.collection && !collections.some((c) => c.id === state.collection)) {
    options.push(new Option(state.collection, state.collection));
  }
  ui.collection.replaceChildren(...options);
  ui.collection.value = state.collection;
  showFreshness();
}

function showMessage(kind, title, text, actions) {
  ui.message.dataset.kind = kind;
  ui.message.replaceChildren(...messagePanel(title, text, actions).filter(Boolean));
  ui.message.hidden = false;
}

function showEmpty() {
  const scope = state.collection ? `the collection “${state.collection}”` : 'any collection';
  if (activeFilters(state).length) {
    showMessage('empty', 'No artifacts match',
      `Nothing in ${scope} matches these filters. Try fewer or shorter words, or remove a filter.`,
      [['Clear all filters', clearFilters]]);
  } else {
    showMessage('empty', 'No artifacts yet',
      `The cache holds no artifacts for ${scope}. Add some with the SkillMeat CLI, then press Refresh to read the files again.`,
      [['Refresh', () => ui.refresh.click()]]);
  }
}

function showError(error) {
  if (error.name === 'AbortError') return;
  page = null;
  shownKeys = new Set();
  ui.cards.replaceChildren();
  ui.cards.setAttribute('aria-busy', 'false');
  ui.progress.hidden = true;
  ui.loadMore.hidden = true;
  ui.end.hidden = true;
  ui.total.textContent = '';
  const detail = error instanceof ApiError ? error.message : String(error);
  if (error.code === 'not_ready') {
    showMessage('loading', 'Still reading the collections', `${detail} This page retries by itself.`);
    setTimeout(loadFirstPage, NOT_READY_RETRY_MS);
  } else if (error.code === 'collection_not_found') {
    showMessage('error', 'Unknown collection', detail,
      [['Show all collections', () => navigate({ ...state, collection: '' })]]);
  } else if (error.status === 400) {
    showMessage('error', 'The server did not accept this search', detail, [['Clear all filters', clearFilters]]);
  } else if (error.status === 0) {
    // A restart takes seconds: try again by itself, and pick up the collections it may have changed.
    showMessage('error', 'Cannot reach the service', `${detail} This page retries by itself.`, [['Try again', loadFirstPage]]);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { loadCollections(); loadFirstPage(); }, UNREACHABLE_RETRY_MS);
  } else {
    showMessage('error', 'Could not load the artifacts', detail, [['Try again', loadFirstPage]]);
  }
}

function clearFilters() {
  navigate(withoutFilters(state));
}

// ---- Controls

ui.q.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => navigate({ ...state, q: ui.q.value }, { typing: true }), SEARCH_DEBOUNCE_MS);
});
ui.q.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    clearTimeout(searchTimer);
    if (ui.q.value !== state.q) navigate({ ...state, q: ui.q.value }, { typing: true });
  }
});
ui.sort.addEventListener('change', () => navigate({ ...state, sort: ui.sort.value }));
ui.stale.addEventListener('change', () => navigate({ ...state, stale: ui.stale.checked }));
ui.collection.addEventListener('change', () => navigate({ ...state, collection: ui.collection.value }));
ui.loadMore.addEventListener('click', loadNextPage);
// Infinite scroll: the next page loads as the end of the results comes into view.
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting) && page && !ui.cards.hidden) loadNextPage();
}, { rootMargin: '0px 0px 400px 0px' }).observe(ui.more);

/** The grid or the dense list, as chosen last time in this browser. */
function showView(view) {
  ui.cards.classList.toggle('list', view === 'list');
  ui.views.forEach((input) => { input.checked = input.value === view; });
}
ui.views.forEach((input) => input.addEventListener('change', () => {
  localStorage.setItem(VIEW_KEY, input.value);
  showView(input.value);
}));
showView(localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'grid');
ui.filtersToggle.addEventListener('click', () => {
  const open = ui.filtersToggle.getAttribute('aria-expanded') !== 'true';
  ui.filtersToggle.setAttribute('aria-expanded', String(open));
  ui.filters.classList.toggle('open', open);
});
document.addEventListener('keydown', (event) => {
  const typingSomewhere = event.target.closest('input, select, textarea, dialog');
  if (event.key === '/' && !typingSomewhere) {
    event.preventDefault();
    ui.q.focus();
    ui.q.select();
  }
});

refreshAction({
  button: ui.refresh,
  outcome: $('refresh-outcome'),
  dialog: $('token-dialog'),
  collection: () => state.collection,
  onRefreshed: () => {
    loadCollections();
    loadFirstPage();
  },
});

/** The home the service reads, and its warning when that home is missing or holds no collections. */
async function showHome() {
  // Read the body whatever the status: health answers 503 while the first population runs.
  const health = await fetch('/observe/health', { headers: { Accept: 'application/json' } })
    .then((response) => response.json()).catch(() => null);
  const home = health?.checks?.find((check) => check.name === 'home')?.data;
  if (!home) return;
  $('home-path').textContent = `Reading ${home.path}`;
  const warning = $('home-warning');
  warning.textContent = home.warning ? `Nothing to show: ${home.warning}.` : '';
  warning.hidden = !home.warning;
}

history.replaceState(null, '', location.pathname + toQuery(state)); // drop parameters the page ignored
showState();
loadCollections();
loadFirstPage();
showHome();
showArtifact();
