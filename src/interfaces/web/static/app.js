// paperboy's only script: progressive enhancement. Upvote forms toggle in place with fetch
// (without JavaScript they post and redirect back, which works too). Focus stays on the button
// (it is never disabled, which would drop focus to the page) and the new count is announced.
const busy = new WeakSet();
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('vote-form')) return;
  event.preventDefault();
  if (busy.has(form)) return;
  busy.add(form);
  const button = form.querySelector('button');
  button?.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (res.status === 401) {
      // Signed out: post the form itself, so the server keeps the vote through sign-in.
      form.submit();
      return;
    }
    const data = await res.json();
    if (!res.ok) throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
    for (const f of document.querySelectorAll(
      `form.vote-form[data-paper-id="${CSS.escape(form.dataset.paperId)}"]`,
    )) {
      f.querySelector('.count').textContent = String(data.upvotes);
      f.querySelector('button').setAttribute('aria-pressed', String(data.voted));
    }
    announce(
      `${data.voted ? 'Upvoted' : 'Upvote removed'}: ${data.upvotes} upvote${data.upvotes === 1 ? '' : 's'}.`,
    );
  } catch (error) {
    announce(`The upvote failed: ${error.message}`);
  } finally {
    busy.delete(form);
    button?.removeAttribute('aria-busy');
  }
});

/** Says `message` through the page's polite live region (layout.tsx). */
function announce(message) {
  const live = document.getElementById('live');
  if (live) live.textContent = message;
}

// Subscribe forms: the reader's time zone decides when a "daily" digest arrives. Fill it in
// where the page left it open (without JavaScript the server uses the feed's time zone).
// Some browsers still report old IANA names; the list uses the current ones.
const CURRENT_ZONE = { 'Asia/Calcutta': 'Asia/Kolkata', 'Europe/Kiev': 'Europe/Kyiv' };
for (const field of document.querySelectorAll('[data-time-zone]')) {
  const reported = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = CURRENT_ZONE[reported] ?? reported;
  if (!zone) continue;
  if (field instanceof HTMLSelectElement) {
    if ([...field.options].some((o) => o.value === zone)) field.value = zone;
  } else if (!field.value) {
    field.value = zone;
  }
}

// Search boxes: a pasted abstract goes to "papers similar to this text" whole, by POST (a URL
// would cut it); the server does the same for a long text that arrives by GET without script.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.getAttribute('action') !== '/search') return;
  const input = form.querySelector('input[name="q"]');
  const text = input?.value ?? '';
  const sentences = text.trim().match(/[.!?](\s+|$)/g)?.length ?? 0;
  const pasted =
    text.trim().length > 250 || (sentences >= 2 && text.trim().split(/\s+/).length >= 20);
  if (!pasted) return;
  event.preventDefault();
  const post = document.createElement('form');
  post.method = 'post';
  post.action = '/search/similar';
  for (const [name, value] of [
    ['text', text],
    ['from', 'search'],
  ]) {
    const field = document.createElement('textarea');
    field.name = name;
    field.value = value;
    post.append(field);
  }
  post.hidden = true;
  document.body.append(post);
  post.submit();
});
