// Builds the page's DOM from API data. Every string from the API goes in as text; the only markup
// taken from the API is the <mark> of its highlights, and even that is rebuilt here as elements.

/** An element with attributes, properties (`on…` handlers, `className`) and children (text or nodes). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const unescapeHtml = (text) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name) => ENTITIES[name]);

/** A highlight fragment ("…escaped text with <mark>hits</mark>…") as text nodes and <mark> elements. */
export function marked(fragment) {
  const nodes = [];
  let inMark = false;
  for (const part of fragment.split(/(<\/?mark>)/)) {
    if (part === '<mark>' || part === '</mark>') inMark = part === '<mark>';
    else if (part) nodes.push(inMark ? el('mark', {}, unescapeHtml(part)) : unescapeHtml(part));
  }
  return nodes;
}

const TYPE_LABELS = {
  skill: 'Skills', command: 'Commands', agent: 'Agents', mcp: 'MCP servers',
  hook: 'Hooks', workflow: 'Workflows', composite: 'Composites',
};
export const typeLabel = (type) => TYPE_LABELS[type] ?? type;
const ORIGIN_LABELS = { local: 'Local', github: 'GitHub', marketplace: 'Marketplace' };
export const originLabel = (origin) => ORIGIN_LABELS[origin] ?? origin;
export const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);
export const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS = [['day', 86400], ['hour', 3600], ['minute', 60]];

/**
 * "synced 5 minutes ago". The browser's clock may disagree with the server's, so when the server
 * says the document is stale its age is at least the TTL, whatever this clock says.
 */
export function syncedLabel(syncedAt, stale, ttlSeconds, nowMs = Date.now()) {
  const measured = Math.max(0, (nowMs - Date.parse(syncedAt)) / 1000);
  const atLeastTtl = stale && measured < ttlSeconds;
  const seconds = atLeastTtl ? ttlSeconds : measured;
  if (seconds < 45) return 'synced just now';
  const [unit, size] = UNITS.find(([, s]) => seconds >= s) ?? UNITS[2];
  const text = relative.format(-Math.max(1, Math.floor(seconds / size)), unit);
  return `synced ${atLeastTtl ? 'over ' : ''}${text}`;
}

/** A short, safe label for a source link, or null when it is not an http(s) address to link to. */
function sourceLink(source) {
  let url;
  try { url = new URL(source); } catch { return null; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  const label = url.hostname === 'github.com' && repo ? `${owner}/${repo}` : url.hostname;
  return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', className: 'source' }, label);
}

/** The highlighted fragments when the API sent some, else the plain text. */
function highlighted(fragments, text) {
  return fragments?.length ? fragments.flatMap((f, i) => (i ? [' … ', ...marked(f)] : marked(f))) : [text];
}

/** The artifact's own version: on /artifacts `version` is SkillMeat's version spec, the file's is in `metadata`. */
const version = (item) => (item.metadata ? item.metadata.version : item.version);

/**
 * The whole text with the words the API's fragments marked, marked wherever they occur: a
 * fragment is a window around the first hits, and a card has room for more than that window.
 * The card's line clamp then ends the text with "…" where it runs out of room.
 */
export function wholeMarked(fragments, text) {
  const words = [...new Set((fragments ?? []).flatMap((f) => [...f.matchAll(/<mark>(.*?)<\/mark>/g)]
    .map((m) => unescapeHtml(m[1]).toLowerCase())))].filter(Boolean);
  if (!words.length) return highlighted(fragments, text);
  const escaped = words.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'gi');
  return text.split(pattern).filter(Boolean)
    .map((part) => (words.includes(part.toLowerCase()) ? el('mark', {}, part) : part));
}

/** A quiet note for warnings (the artifact was read; something in it was odd): the text on hover. */
function syncWarnings(warnings) {
  if (!warnings?.length) return null;
  const text = warnings.join('\n');
  return el('p', { className: 'sync-warning', title: text, tabindex: '0', 'aria-label': `Warning: ${text}` },
    warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`);
}

/**
 * One result card. `context`: showCollection, selectedTags, ttlSeconds, onTag(tag).
 */
export function card(item, context) {
  const headingId = `card-${item.collection}-${item.id}`.replace(/[^\w-]/g, '_');
  const tags = item.tags.map((tag) => el('li', {}, el('button', {
    type: 'button', className: 'tag', 'aria-pressed': String(context.selectedTags.includes(tag)),
    'aria-label': `Filter by tag ${tag}`, onclick: () => context.onTag(tag),
  }, `#${tag}`)));
  const key = `${item.collection}/${item.id}`;
  const open = (event) => { event.preventDefault(); context.onOpen?.(key); };
  return el('li', {
    className: `card${item.stale ? ' is-stale' : ''}`, 'data-key': key, tabindex: '0',
    onkeydown: (event) => { if (event.key === 'Enter' && event.target === event.currentTarget) open(event); },
  },
    el('article', { 'aria-labelledby': headingId },
      el('header', { className: 'card-head' },
        el('h3', { id: headingId, className: 'card-name' },
          el('a', { className: 'card-open', href: `?artifact=${encodeURIComponent(key)}`, onclick: open },
            highlighted(item.highlights?.name, item.name))),
        el('span', { className: `badge type-${item.type}` }, item.type),
        item.stale && el('span', { className: 'badge stale', title: 'Not checked against its files within the TTL' }, 'Stale')),
      item.title && item.title !== item.name && el('p', { className: 'card-title' }, item.title),
      el('p', { className: `description${item.description ? '' : ' muted'}` },
        item.description ? wholeMarked(item.highlights?.description, item.description) : 'No description'),
      tags.length > 0 && el('ul', { className: 'tag-list', 'aria-label': 'Tags' }, tags),
      item.tools.length > 0 && el('p', { className: 'tools' },
        el('span', { className: 'visually-hidden' }, 'Tools: '), item.tools.map((tool) => el('code', {}, tool))),
      item.sync_error && el('p', { className: 'sync-error', role: 'note' },
        el('strong', {}, 'Sync problem: '), item.sync_error),
      syncWarnings(item.sync_warnings),
      el('footer', { className: 'card-foot' },
        context.showCollection && el('span', { className: 'where', title: 'Collections' },
          (item.collections ?? [{ id: item.collection }]).map((c) => c.id).join(', ')),
        version(item) && el('span', { className: 'version', title: 'Version' }, `v${version(item).replace(/^v/, '')}`),
        item.origin && el('span', { title: 'Origin' }, originLabel(item.origin)),
        item.source && sourceLink(item.source),
        el('time', { className: 'synced', datetime: item.synced_at, title: `Last checked ${item.synced_at}` },
          syncedLabel(item.synced_at, item.stale, context.ttlSeconds)))));
}

/** A count badge for option lists. */
const count = (n) => el('span', { className: 'count' }, n.toLocaleString('en'));

/**
 * The type tabs: "All" and every type the collection has (or selected), with counts for the
 * current results; a type at 0 stays, greyed, so the tabs do not jump while typing. Arrow keys
 * move between tabs and select, as the ARIA tabs pattern expects.
 */
export function typeTabs(typeCounts, selected, onSelect, collectionTypes = Object.keys(typeCounts)) {
  const types = Object.keys(TYPE_LABELS).filter((t) => typeCounts[t] || collectionTypes.includes(t) || t === selected);
  const entries = [['', 'All', sum(Object.values(typeCounts))], ...types.map((t) => [t, typeLabel(t), typeCounts[t] ?? 0])];
  return entries.map(([type, label, n], index) => el('button', {
    type: 'button', role: 'tab', className: `tab${n === 0 ? ' is-zero' : ''}`, 'aria-selected': String(type === selected),
    'aria-controls': 'results', tabindex: type === selected ? '0' : '-1', 'data-type': type, 'data-focus-key': `type:${type}`,
    onclick: () => onSelect(type),
    onkeydown: (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const next = entries[(index + step + entries.length) % entries.length][0];
      onSelect(next);
      document.querySelector(`[data-focus-key="type:${next}"]`)?.focus();
    },
  }, label, count(n)));
}

/** The head of a multi-select facet (tags or tools): its heading and the any/all switch. */
export const facetHead = (name, heading, mode, onMode) => el('div', { className: 'facet-head' },
  el('h2', { id: `${name}-heading` }, heading), modeToggle(name, heading, mode, onMode));

/** A facet's values, `[value, count]` pairs, as checkboxes with their counts; a count of 0 greyed. */
export const facetOptions = (name, entries, selected, onToggle) => el('ul', {
  className: 'options', id: `${name}-values`, 'aria-labelledby': `${name}-heading`,
}, entries.map(([value, n]) => el('li', {}, el('label', { className: `option${n ? '' : ' is-zero'}` },
  el('input', { type: 'checkbox', value, checked: selected.includes(value), 'data-focus-key': `${name}:${value}`,
    onchange: () => onToggle(value) }),
  el('span', { className: 'option-label' }, value), count(n)))));

/** The any/all switch of a facet, as a two-option radio group. */
function modeToggle(name, heading, mode, onMode) {
  const option = (value, label, hint) => el('label', { title: hint },
    el('input', { type: 'radio', name: `${name}-mode`, value, checked: mode === value,
      'data-focus-key': `${name}-mode:${value}`, onchange: () => onMode(value) }),
    el('span', {}, label));
  return el('div', { className: 'segmented', role: 'radiogroup', 'aria-label': `Match ${heading.toLowerCase()}` },
    option('any', 'Any', `Artifacts with any selected ${heading.toLowerCase()}`),
    option('all', 'All', `Artifacts with all selected ${heading.toLowerCase()}`));
}

/** The origin filter: one choice among "any" and `origins` (those the collection has), with counts. */
export function originOptions(originCounts, selected, origins, onSelect) {
  return [['', 'Any origin', sum(Object.values(originCounts))], ...origins.map((o) => [o, originLabel(o), originCounts[o] ?? 0])]
    .map(([value, label, n]) => el('label', { className: 'option' },
      el('input', { type: 'radio', name: 'origin', value, checked: value === selected,
        'data-focus-key': `origin:${value}`, onchange: () => onSelect(value) }),
      el('span', { className: 'option-label' }, label), count(n)));
}

/** The active-filter chips, each removing its filter, and "Clear all". */
export function filterChips(filters, onRemove, onClearAll) {
  return [
    ...filters.map((filter) => el('button', {
      type: 'button', className: 'chip', 'data-kind': filter.kind, 'data-focus-key': `chip:${filter.kind}:${filter.label}`,
      'aria-label': `Remove filter ${filter.label}`,
      onclick: () => onRemove(filter),
    }, filter.label, el('span', { className: 'chip-x', 'aria-hidden': 'true' }, '×'))),
    el('button', { type: 'button', className: 'link', id: 'clear-all', 'data-focus-key': 'clear-all', onclick: onClearAll }, 'Clear all'),
  ];
}

/** The content of a message panel (empty results, errors); `actions` are [label, handler] pairs. */
export function messagePanel(title, text, actions = []) {
  return [
    el('h2', {}, title),
    el('p', {}, text),
    actions.length > 0 && el('div', { className: 'message-actions' },
      actions.map(([label, handler], i) => el('button', {
        type: 'button', className: `button${i === 0 ? ' primary' : ''}`, onclick: handler,
      }, label))),
  ];
}

/** Placeholder cards while the first page loads. */
export const skeletonCards = (n) => Array.from({ length: n }, () => el('li', { className: 'card skeleton', 'aria-hidden': 'true' },
  el('span', {}), el('span', {}), el('span', {})));

/**
 * Re-renders `container` with `nodes`, keeping keyboard focus on the control with the same focus
 * key (else the first control there, else `fallback`), so re-rendering after each response or
 * removing a chip never throws a keyboard user out to the top of the page.
 */
export function replaceKeepingFocus(container, nodes, fallback = null) {
  const hadFocus = container.contains(document.activeElement);
  const key = hadFocus ? document.activeElement.dataset.focusKey : null;
  container.replaceChildren(...nodes.filter(Boolean));
  if (!hadFocus) return;
  const same = key ? container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`) : null;
  (same ?? container.querySelector('[data-focus-key]') ?? fallback)?.focus();
}
