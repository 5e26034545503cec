// errgen documentation site: progressive enhancement only. Every page is
// complete and readable without this script; it adds the index filter and
// sortable columns, copy buttons, tabs over the client snippets, and
// working folder links under file://.
(function () {
  'use strict';

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // Opened from disk, a folder link shows a listing, so point it at the
  // folder's index.html. Over HTTP the clean folder URL is kept.
  function fixFileLinks() {
    if (location.protocol !== 'file:') { return; }
    each(document.querySelectorAll('a[href]'), function (a) {
      var h = a.getAttribute('href');
      if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.charAt(0) === '#') { return; }
      if (h.slice(-1) === '/') { a.setAttribute('href', h + 'index.html'); }
    });
  }

  function copyText(text, fallbackNode) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP hosts have no clipboard API: select the text and copy it.
    var range = document.createRange();
    range.selectNodeContents(fallbackNode);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = document.execCommand && document.execCommand('copy');
    return ok ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }

  // Every copy button copies the text of the element data-copy names (the
  // type URI, a code block) and says so through the status region named
  // by data-status, which a screen reader announces; a button's own new
  // label is not read out. data-what names what is copied.
  function copyButtons() {
    each(document.querySelectorAll('button[data-copy]'), function (btn) {
      var src = document.getElementById(btn.getAttribute('data-copy'));
      if (!src) { return; }
      var status = document.getElementById(btn.getAttribute('data-status'));
      var label = btn.querySelector('.copy-label') || btn;
      var what = btn.getAttribute('data-what') || 'the text';
      var timer;
      var say = function (text) { if (status) { status.textContent = text; } };
      btn.hidden = false;
      btn.addEventListener('click', function () {
        copyText(src.textContent, src).then(function () {
          label.textContent = 'Copied';
          say('Copied ' + what + ' to the clipboard.');
        }, function () {
          label.textContent = 'Press Ctrl+C';
          say(what.charAt(0).toUpperCase() + what.slice(1) + ' is selected: press Ctrl+C to copy it.');
        });
        clearTimeout(timer);
        timer = setTimeout(function () { label.textContent = 'Copy'; say(''); }, 2000);
      });
    });
  }

  // Sections marked data-tabs become tabs (the ARIA tabs pattern): one
  // button per section, named by its heading; arrows, Home and End move
  // between them. The reader's last choice is kept for the next page.
  function tabs(box) {
    var panels = Array.prototype.slice.call(box.querySelectorAll('.tab-panel'));
    if (panels.length < 2) { return; }
    var list = document.createElement('div');
    list.className = 'tablist';
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', box.getAttribute('data-tabs'));
    var buttons = panels.map(function (panel) {
      var title = panel.querySelector('.tab-title');
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.id = panel.id + '-tab';
      btn.setAttribute('role', 'tab');
      btn.setAttribute('aria-controls', panel.id);
      btn.textContent = title.textContent;
      title.hidden = true;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', btn.id);
      panel.tabIndex = 0;
      list.appendChild(btn);
      return btn;
    });
    function select(i, focus) {
      buttons.forEach(function (b, j) {
        b.setAttribute('aria-selected', String(i === j));
        b.tabIndex = i === j ? 0 : -1;
        panels[j].hidden = i !== j;
      });
      if (focus) { buttons[i].focus(); }
    }
    buttons.forEach(function (btn, i) {
      btn.addEventListener('click', function () {
        select(i, false);
        try { localStorage.setItem('errgen-tab', btn.textContent); } catch (e) { /* storage off */ }
      });
      btn.addEventListener('keydown', function (ev) {
        var n = buttons.length;
        var to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[ev.key];
        if (to === undefined) { return; }
        ev.preventDefault();
        select(to, true);
      });
    });
    var saved = null;
    try { saved = localStorage.getItem('errgen-tab'); } catch (e) { /* storage off */ }
    var start = buttons.findIndex(function (b) { return b.textContent === saved; });
    box.insertBefore(list, box.firstChild);
    select(start < 0 ? 0 : start, false);
  }

  // Column headers become buttons; aria-sort on the header says the order.
  function sortable(table) {
    var ths = table.tHead.rows[0].cells;
    each(ths, function (th, col) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'sort';
      btn.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(btn);
      btn.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        each(ths, function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        sortRows(table.tBodies[0], col, th.getAttribute('data-sort') === 'number', asc);
      });
    });
  }

  function sortRows(body, col, numeric, asc) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute('data-value');
      var y = b.cells[col].getAttribute('data-value');
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return asc ? c : -c;
    });
    each(rows, function (r) { body.appendChild(r); });
  }

  function filter() {
    var input = document.getElementById('filter');
    if (!input) { return; }
    var count = document.getElementById('filter-count');
    // The page hides the filter from readers without scripts, whom it
    // could not serve.
    var box = input.closest('.filter');
    if (box) { box.hidden = false; }
    var rows = document.querySelectorAll('table.errors tbody tr');
    var hay = [];
    each(rows, function (r) { hay.push((r.getAttribute('data-search') || '').toLowerCase()); });
    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      each(rows, function (r, i) {
        var ok = terms.every(function (t) { return hay[i].indexOf(t) !== -1; });
        r.hidden = !ok;
        if (ok) { shown++; }
      });
      each(document.querySelectorAll('.class-group'), function (g) {
        var any = g.querySelector('tbody tr:not([hidden])') !== null;
        g.querySelector('.no-match').hidden = any;
        g.querySelector('.table-scroll').hidden = !any;
      });
      count.textContent = terms.length ? 'Showing ' + shown + ' of ' + rows.length + ' errors' : rows.length + ' errors';
    }
    input.addEventListener('input', apply);
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; }
    apply();
    // "/" jumps to the filter, as on many reference sites.
    document.addEventListener('keydown', function (ev) {
      var t = ev.target.tagName;
      if (ev.key === '/' && t !== 'INPUT' && t !== 'TEXTAREA') { ev.preventDefault(); input.focus(); }
    });
  }

  function init() {
    fixFileLinks();
    copyButtons();
    each(document.querySelectorAll('[data-tabs]'), tabs);
    each(document.querySelectorAll('table[data-sortable]'), sortable);
    filter();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());

// errgen serve -watch: a watching server adds <meta name="errgen-watch">
// (the generation of the site the page belongs to) to the pages it
// serves. The generated files never have it, so elsewhere this does
// nothing and asks for nothing. The server streams its state: a newer
// site reloads the page; a catalog that no longer builds shows its
// messages in a banner until it is fixed.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="errgen-watch"]');
  if (!meta || !window.EventSource) { return; }
  var gen = meta.getAttribute('content');
  var banner = null;

  function show(problems) {
    if (!problems) {
      if (banner) { banner.remove(); banner = null; }
      return;
    }
    if (!banner) {
      banner = document.createElement('div');
      banner.className = 'watch-banner';
      banner.id = 'errgen-watch-problems';
      banner.setAttribute('role', 'alert');
      var p = document.createElement('p');
      p.textContent = 'The catalog does not build; this is the last good version of the page.';
      banner.appendChild(p);
      banner.appendChild(document.createElement('pre'));
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.querySelector('pre').textContent = problems;
  }

  var events = new EventSource(meta.getAttribute('data-events'));
  events.addEventListener('state', function (ev) {
    var state = JSON.parse(ev.data);
    if (state.gen !== gen) {
      events.close();
      location.reload();
      return;
    }
    show(state.problems);
  });
}());
