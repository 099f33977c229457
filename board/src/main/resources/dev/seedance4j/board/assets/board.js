// The board's page script: live updates over server-sent events (no polling), actions with a confirmation that
// shows their cost, and the side-by-side player. Nothing is kept in the browser's storage.
(function () {
  'use strict';
  const csrf = document.querySelector('meta[name="board-csrf"]').content;
  window.boardLoadedAt = window.boardLoadedAt || Date.now();
  let refreshing = false;
  let again = false;

  async function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    try {
      const response = await fetch(location.pathname + location.search, { headers: { 'X-Board-Fragment': '1' } });
      if (response.ok) apply(new DOMParser().parseFromString(await response.text(), 'text/html'));
    } catch (e) {
      // the next change event tries again
    } finally {
      refreshing = false;
      if (again) { again = false; refresh(); }
    }
  }

  // Replaces each live region whose content changed and adds new ones to their list; players keep playing.
  function apply(doc) {
    doc.querySelectorAll('[data-live]').forEach(fresh => {
      const id = fresh.getAttribute('data-live');
      const current = document.querySelector('[data-live="' + CSS.escape(id) + '"]');
      if (current) {
        if (current.innerHTML !== fresh.innerHTML) {
          current.innerHTML = fresh.innerHTML;
          bind(current);
        }
      }
    });
    doc.querySelectorAll('[data-live-list]').forEach(list => {
      const mine = document.querySelector('[data-live-list="' + CSS.escape(list.getAttribute('data-live-list')) + '"]');
      if (!mine) return;
      Array.from(list.children).forEach(child => {
        if (child.id && !document.getElementById(child.id)) {
          const node = document.importNode(child, true);
          mine.appendChild(node);
          bind(node);
        }
      });
    });
    ['cmp-a', 'cmp-b'].forEach(id => {
      const fresh = doc.getElementById(id);
      const current = document.getElementById(id);
      if (fresh && current && fresh.innerHTML !== current.innerHTML) {
        const value = current.value;
        current.innerHTML = fresh.innerHTML;
        // the right-hand player shows the newest take as it arrives; the left keeps its choice
        if (id === 'cmp-b') current.selectedIndex = current.options.length - 1;
        else if (Array.from(current.options).some(o => o.value === value)) current.value = value;
        current.dispatchEvent(new Event('change'));
      }
    });
  }

  function ask(html) {
    return new Promise(resolve => {
      const dialog = document.getElementById('dialog');
      document.getElementById('dialog-body').innerHTML = html;
      dialog.hidden = false;
      const done = ok => { dialog.hidden = true; resolve(ok); };
      document.getElementById('dialog-confirm').onclick = () => done(true);
      document.getElementById('dialog-cancel').onclick = () => done(false);
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'X-Board-Csrf': csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {})
    });
    const text = await response.text();
    let data = {};
    try { data = JSON.parse(text); } catch (e) { data = { message: text }; }
    if (!response.ok) throw new Error(data.message || response.statusText);
    return data;
  }

  function notify(message, bad) {
    const note = document.createElement('div');
    note.className = 'note' + (bad ? ' bad' : '');
    note.textContent = message;
    document.body.appendChild(note);
    setTimeout(() => note.remove(), 6000);
  }

  function bind(root) {
    root.querySelectorAll('[data-post]').forEach(button => {
      if (button.dataset.bound) return;
      button.dataset.bound = '1';
      button.addEventListener('click', async () => {
        const question = button.getAttribute('data-confirm');
        if (question && !(await ask('<p>' + escapeHtml(question) + '</p>'))) return;
        const body = {};
        const approver = document.getElementById('approver');
        if (approver && button.id === 'approve') body.by = approver.value;
        try {
          const data = await post(button.getAttribute('data-post'), body);
          notify(data.message || 'ok');
        } catch (e) {
          notify(e.message, true);
        }
      });
    });
  }

  // a POST whose URL ends with the value of a select (export format)
  function selects(root) {
    root.querySelectorAll('[data-post-select]').forEach(button => {
      if (button.dataset.bound) return;
      button.dataset.bound = '1';
      button.addEventListener('click', async () => {
        const value = document.getElementById(button.getAttribute('data-select')).value;
        try {
          const data = await post(button.getAttribute('data-post-select') + encodeURIComponent(value), {});
          notify(data.message || 'ok');
        } catch (e) {
          notify(e.message, true);
        }
      });
    });
  }

  function promptEditing() {
    const button = document.getElementById('prompt-preview');
    if (!button) return;
    button.addEventListener('click', async () => {
      const shot = button.getAttribute('data-shot');
      const prompt = document.getElementById('prompt-edit').value;
      try {
        const change = await post('/api/shots/' + shot + '/prompt/preview', { prompt: prompt });
        const ok = await ask('<p>写回项目文件 Written back to ' + escapeHtml(change.file) + '</p><pre class="diff">'
          + escapeHtml(change.diff) + '</pre><p>新镜次预计 A new take is estimated at ' + escapeHtml(change.estimated) + '</p>');
        if (!ok) return;
        const data = await post('/api/shots/' + shot + '/prompt/apply', { prompt: prompt, fileSha256: change.fileSha256 });
        notify(data.message);
      } catch (e) {
        notify(e.message, true);
      }
    });
  }

  function compare() {
    const a = document.getElementById('cmp-a');
    const b = document.getElementById('cmp-b');
    if (!a || !b) return;
    const va = document.getElementById('cmp-video-a');
    const vb = document.getElementById('cmp-video-b');
    if (b.options.length > 1) b.selectedIndex = b.options.length - 1;
    const load = () => { if (a.value) va.src = a.value; if (b.value) vb.src = b.value; };
    a.addEventListener('change', load);
    b.addEventListener('change', load);
    load();
    document.getElementById('cmp-play').addEventListener('click', () => {
      load();
      va.currentTime = 0; vb.currentTime = 0;
      va.play(); vb.play();
    });
  }

  function live() {
    const dot = document.getElementById('live-dot');
    const events = new EventSource('/events');
    events.addEventListener('hello', () => dot.classList.add('on'));
    events.addEventListener('change', refresh);
    events.onerror = () => dot.classList.remove('on');
    events.onopen = () => { dot.classList.add('on'); };
  }

  bind(document);
  selects(document);
  promptEditing();
  compare();
  live();
})();
