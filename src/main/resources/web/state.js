// The page's view state: what is searched, filtered and sorted. Its one serialisation is the
// page URL's query string, so a deep link, a reload and back/forward all restore the same view.

export const TYPES = ['skill', 'command', 'agent', 'mcp', 'hook', 'workflow', 'composite'];
export const ORIGINS = ['local', 'github', 'marketplace'];
const MODES = ['any', 'all'];
const SORTS = ['relevance', 'name', '-name', '-updated', 'updated']; // the sort select's options

const EMPTY = Object.freeze({
  collection: '', q: '', type: '', tags: [], tagMode: 'any', tools: [], toolMode: 'any',
  origin: '', stale: false, sort: '',
});

const oneOf = (value, allowed) => (allowed.includes(value) ? value : '');
const list = (value) => (value ? [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))] : []);

/** The state a query string describes; unknown values fall back to the defaults instead of failing. */
export function fromQuery(search) {
  const p = new URLSearchParams(search);
  return {
    collection: p.get('collection') ?? '',
    q: p.get('q') ?? '',
    type: oneOf(p.get('type'), TYPES),
    tags: list(p.get('tags')),
    tagMode: oneOf(p.get('tag_mode'), MODES) || 'any',
    tools: list(p.get('tools')),
    toolMode: oneOf(p.get('tool_mode'), MODES) || 'any',
    origin: oneOf(p.get('origin'), ORIGINS),
    stale: p.get('stale') === 'true',
    sort: oneOf(p.get('sort'), SORTS),
    artifact: p.get('artifact') ?? '', // `<collection>/<id>` opened in the artifact view
  };
}

/** The page's query string for a state: only what differs from the default, so links stay short. */
export function toQuery(state) {
  const p = new URLSearchParams();
  const put = (key, value, unset = '') => { if (value !== unset) p.set(key, value); };
  put('collection', state.collection);
  put('q', state.q);
  put('type', state.type);
  put('tags', state.tags.join(','));
  put('tag_mode', state.tagMode, 'any');
  put('tools', state.tools.join(','));
  put('tool_mode', state.toolMode, 'any');
  put('origin', state.origin);
  put('stale', state.stale ? 'true' : '');
  put('sort', state.sort);
  put('artifact', state.artifact ?? '');
  const text = p.toString();
  return text ? `?${text}` : '';
}

/** The listing API's parameters for a state (api.md, "Listing, search, filters"). */
export function listingParams(state) {
  const p = new URLSearchParams({ facets: 'true' });
  const query = state.q.trim();
  const put = (entries) => Object.entries(entries).forEach(([key, value]) => p.set(key, value));
  if (query) put({ q: query, highlight: 'true' });
  if (state.type) put({ artifact_type: state.type });
  if (state.tags.length) put({ tags: state.tags.join(','), tag_mode: state.tagMode });
  if (state.tools.length) put({ tools: state.tools.join(','), tool_mode: state.toolMode });
  if (state.origin) put({ origin: state.origin });
  if (state.stale) put({ stale: 'true' });
  p.set('sort', effectiveSort(state));
  return p;
}

/** The order shown: the chosen one, else the API's default (best match while searching, else name). */
export function effectiveSort(state) {
  return state.sort || (state.q.trim() ? 'relevance' : 'name');
}

/** One entry per active filter, for the chips: what it is and the state without it. */
export function activeFilters(state) {
  const filters = [];
  const add = (kind, label, change) => filters.push({ kind, label, without: { ...state, ...change } });
  if (state.q.trim()) add('q', `“${state.q.trim()}”`, { q: '' });
  if (state.type) add('type', state.type, { type: '' });
  for (const tag of state.tags) add('tag', `#${tag}`, { tags: state.tags.filter((t) => t !== tag) });
  for (const tool of state.tools) add('tool', tool, { tools: state.tools.filter((t) => t !== tool) });
  if (state.origin) add('origin', state.origin, { origin: '' });
  if (state.stale) add('stale', 'stale only', { stale: false });
  return filters;
}

/** The same view with every filter and the search cleared (the collection and sort stay). */
export function withoutFilters(state) {
  return { ...EMPTY, collection: state.collection, sort: state.sort === 'relevance' ? '' : state.sort };
}

/** Adds the value to the list when absent, removes it when present. */
export function toggled(values, value) {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
