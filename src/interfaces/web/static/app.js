// paperboy's only script: progressive enhancement. Upvote forms toggle in place with fetch
// (without JavaScript they post and redirect back, which works too).
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('vote-form')) return;
  event.preventDefault();
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  try {
    const res = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (res.status === 401) {
      window.location.href = `/signin?next=${encodeURIComponent(location.pathname)}`;
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
  } catch (error) {
    alert(error.message);
  } finally {
    if (button) button.disabled = false;
  }
});

// Subscribe forms: the reader's time zone decides when a "daily" digest arrives. Fill it in
// where the page left it open (without JavaScript the server uses the feed's time zone).
for (const field of document.querySelectorAll('[data-time-zone]')) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) continue;
  if (field instanceof HTMLSelectElement) {
    if ([...field.options].some((o) => o.value === zone)) field.value = zone;
  } else if (!field.value) {
    field.value = zone;
  }
}
