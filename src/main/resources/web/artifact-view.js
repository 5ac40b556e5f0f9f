// The artifact view: one artifact in full in a dialog (`?artifact=<collection>/<id>`), its Edit
// form (written to the artifact's files by PUT /api/v1/artifacts/{id}, guarded by If-Match) and
// "Add to collection" (user collections, database only). Writes ask for the token when one is set.
import { ApiError, collectionListUrl, collectionsUrl, getWithEtag, sendJson } from './api.js';
import { el } from './render.js';
import { withWriteToken } from './refresh.js';

const LIMITS = { title: 200, description: 4000, author: 200, license: 200 };
const MAX_TAG = 64;

const itemUrl = (key) => {
  const slash = key.indexOf('/');
  return `/api/v1/user-collections/${encodeURIComponent(key.slice(0, slash))}/artifacts/${encodeURIComponent(key.slice(slash + 1))}`;
};
const editUrl = (item) => `/api/v1/artifacts/${encodeURIComponent(item.id)}?collection=${encodeURIComponent(item.collection)}`;

/**
 * Wires the view. `onClose()` asks the page to drop `?artifact=`; `onChanged()` reloads what the
 * page shows after a write; `onShowCollection(id)` switches the page to a collection.
 */
export function artifactView({ tokenDialog, onClose, onChanged, onShowCollection }) {
  const dialog = el('dialog', { id: 'artifact-dialog', className: 'artifact-dialog', 'aria-labelledby': 'artifact-title' });
  document.body.append(dialog);
  dialog.addEventListener('close', () => onClose());
  let current = null; // { key, item, etag }

  async function show(key) {
    if (current?.key === key && dialog.open) return;
    current = { key, item: null, etag: null };
    render([el('p', { className: 'muted' }, 'Loading…')]);
    if (!dialog.open) dialog.showModal();
    try {
      const { body, etag } = await getWithEtag(itemUrl(key));
      if (current?.key !== key) return;
      current = { key, item: body, etag };
      render(details(body));
    } catch (error) {
      render([el('h2', { id: 'artifact-title' }, key), el('p', { className: 'form-error', role: 'alert' }, error.message), closeButton()]);
    }
  }

  function hide() {
    current = null;
    if (dialog.open) dialog.close();
  }

  function render(children) {
    dialog.replaceChildren(...children.filter(Boolean));
  }

  function details(item) {
    const rows = [
      ['Type', item.type], ['Collection', item.collection], ['Author', item.author], ['License', item.license],
      ['Version', item.version], ['Origin', item.origin], ['Version spec', item.version_spec],
      ['Resolved version', item.resolved_version], ['Resolved SHA', item.resolved_sha && el('code', {}, item.resolved_sha)],
      ['Source', item.source && el('a', { href: item.source, rel: 'noopener noreferrer', target: '_blank' }, item.source)],
      ['Added', item.added], ['Synced', item.synced_at], ['Changed', item.updated_at],
    ].filter(([, value]) => value);
    const warnings = item.sync_warnings ?? [];
    return [
      el('header', { className: 'artifact-head' },
        el('h2', { id: 'artifact-title' }, item.title || item.name),
        el('span', { className: `badge type-${item.type}` }, item.type)),
      item.title && item.title !== item.name && el('p', { className: 'muted' }, item.name),
      el('p', { className: 'artifact-description' }, item.description || 'No description'),
      item.tags.length > 0 && el('ul', { className: 'tag-list', 'aria-label': 'Tags' }, item.tags.map((t) => el('li', { className: 'tag' }, `#${t}`))),
      item.tools.length > 0 && el('p', { className: 'tools' }, 'Tools: ', item.tools.map((t) => el('code', {}, t))),
      el('dl', { className: 'artifact-facts' }, rows.flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, value)])),
      item.sync_error && el('p', { className: 'sync-error', role: 'note' }, el('strong', {}, 'Sync problem: '), item.sync_error),
      warnings.length > 0 && el('ul', { className: 'sync-warnings', 'aria-label': 'Warnings' }, warnings.map((w) => el('li', {}, w))),
      el('div', { id: 'artifact-notice', role: 'status' }),
      el('div', { className: 'dialog-actions' },
        el('button', { type: 'button', id: 'artifact-edit', className: 'button', onclick: () => render(editForm(item)) }, 'Edit'),
        el('button', { type: 'button', id: 'artifact-add', className: 'button', onclick: () => render(addForm(item)) }, 'Add to collection'),
        closeButton()),
    ];
  }

  function closeButton() {
    return el('button', { type: 'button', className: 'button ghost', onclick: hide }, 'Close');
  }

  function field(name, label, value, multiline = false) {
    const input = el(multiline ? 'textarea' : 'input', { id: `edit-${name}`, name, rows: multiline ? '6' : null });
    input.value = value ?? '';
    return el('label', { className: 'field block' }, el('span', { className: 'field-label' }, label), input);
  }

  function editForm(item) {
    const error = el('p', { id: 'edit-error', className: 'form-error', role: 'alert' });
    const form = el('form', { id: 'artifact-edit-form', novalidate: true },
      el('h2', { id: 'artifact-title' }, `Edit ${item.name}`),
      el('p', { className: 'muted' }, 'Saved to the artifact’s own files, where SkillMeat reads them.'),
      field('title', 'Title', item.title), field('description', 'Description', item.description, true),
      field('author', 'Author', item.author), field('license', 'License', item.license),
      field('tags', 'Tags (comma separated)', item.tags.join(', ')),
      error,
      el('div', { className: 'dialog-actions' },
        el('button', { type: 'button', className: 'button ghost', onclick: () => render(details(item)) }, 'Cancel'),
        el('button', { type: 'submit', id: 'edit-save', className: 'button primary' }, 'Save')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { body, problem } = changes(form, item);
      if (problem) {
        error.textContent = problem;
        return;
      }
      await save(item, body, error);
    });
    return [form];
  }

  async function save(item, body, error) {
    try {
      const result = await withWriteToken((headers) => sendJson('PUT', editUrl(item), body,
        current.etag ? { ...headers, 'If-Match': current.etag } : headers), tokenDialog, 'Save');
      if (!result) {
        error.textContent = 'Not saved: the server needs its write token.';
        return;
      }
      current = { key: current.key, item: result.body, etag: result.etag };
      render(details(result.body));
      notice('Saved to the files.');
      onChanged();
    } catch (e) {
      if (e.status === 412) {
        error.replaceChildren('The file changed since you opened it (by the CLI, git or another tab). ',
          el('button', { type: 'button', id: 'edit-reload', className: 'link', onclick: () => { current = null; show(keyOf(item)); } },
            'Reload it'), ' to see the current values, then edit again.');
      } else {
        error.textContent = e instanceof ApiError ? e.message : String(e);
      }
    }
  }

  function addForm(item) {
    const error = el('p', { className: 'form-error', role: 'alert' });
    const select = el('select', { id: 'add-collection' }, el('option', { value: '' }, 'New collection…'));
    const name = el('input', { id: 'add-name', placeholder: 'Name of the new collection' });
    const form = el('form', { id: 'artifact-add-form', novalidate: true },
      el('h2', { id: 'artifact-title' }, `Add ${item.name} to a collection`),
      el('p', { className: 'muted' }, 'Your own collections live in the cache’s database; SkillMeat’s files stay as they are.'),
      el('label', { className: 'field block' }, el('span', { className: 'field-label' }, 'Collection'), select),
      el('label', { className: 'field block' }, el('span', { className: 'field-label' }, 'New collection name'), name),
      error,
      el('div', { className: 'dialog-actions' },
        el('button', { type: 'button', className: 'button ghost', onclick: () => render(details(item)) }, 'Cancel'),
        el('button', { type: 'submit', id: 'add-save', className: 'button primary' }, 'Add')));
    select.addEventListener('change', () => { name.disabled = select.value !== ''; });
    getWithEtag(collectionListUrl()).then(({ body }) => body.items.filter((c) => c.collection_type === 'user')
      .forEach((c) => select.append(el('option', { value: c.id }, c.name)))).catch(() => {});
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!select.value && !name.value.trim()) {
        error.textContent = 'Choose a collection or name a new one.';
        return;
      }
      try {
        const done = await withWriteToken(async (headers) => {
          const id = select.value || (await sendJson('POST', collectionsUrl(), { name: name.value.trim() }, headers)).body.id;
          await sendJson('POST', `${collectionsUrl()}/${id}/artifacts`, { artifact_ids: [keyOf(item)] }, headers);
          return id;
        }, tokenDialog, 'Add');
        if (!done) return;
        onChanged();
        render(details(item));
        notice('Added. ', el('button', { type: 'button', id: 'show-collection', className: 'link',
          onclick: () => { hide(); onShowCollection(done); } }, 'Show that collection'));
      } catch (e) {
        error.textContent = e.message;
      }
    });
    return [form];
  }

  function notice(...children) {
    dialog.querySelector('#artifact-notice')?.replaceChildren(...children);
  }

  return { show, hide };
}

/** The changed values as an ArtifactUpdateRequest, or the first problem a person can fix. */
function changes(form, item) {
  const body = { metadata: {} };
  for (const [name, max] of Object.entries(LIMITS)) {
    const value = form.elements[name].value.trim();
    if (value === (item[name] ?? '')) continue;
    if (!value) return { problem: `${name[0].toUpperCase()}${name.slice(1)} cannot be blank; the files keep a value once set.` };
    if (value.length > max) return { problem: `${name[0].toUpperCase()}${name.slice(1)} is ${value.length} characters; at most ${max}.` };
    body.metadata[name] = value;
  }
  const tags = [...new Set(form.elements.tags.value.split(',').map((t) => t.trim()).filter(Boolean))];
  const badTag = tags.find((t) => t.length > MAX_TAG || /[\u0000-\u001f\u007f]/.test(t));
  if (badTag) return { problem: `The tag “${badTag.slice(0, 20)}” is too long or has a control character.` };
  if (tags.join(',') !== item.tags.join(',')) body.tags = tags;
  return { body };
}

const keyOf = (item) => `${item.collection}/${item.id}`;
