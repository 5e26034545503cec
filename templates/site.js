// errgen documentation site: progressive enhancement only. Every page is
// complete and readable without this script; it adds the search (index and
// header), sortable columns, copy buttons, tabs over the client snippets,
// section anchors, the 404 page's suggestions, and working folder links
// under file://.
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
      var cut = h.search(/[?#]/);
      var path = cut < 0 ? h : h.slice(0, cut);
      if (path.slice(-1) === '/') { a.setAttribute('href', path + 'index.html' + (cut < 0 ? '' : h.slice(cut))); }
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

  // The folder of the site's pages (…/errors/), from this script's own
  // address, so the search data loads the same over HTTP and from file://.
  var script = document.currentScript;
  var base = script ? script.src.replace(/_assets\/site\.js(\?.*)?$/, '') : '/errors/';

  // Search: MiniSearch (vendored) over errors/search-index.js, both loaded
  // by script tags, which work from file:// where fetch() does not. They
  // load on first use, so a page that is only read pays nothing.
  var engine = null;
  var waiting = [];
  function withSearch(cb) {
    if (engine) { cb(engine); return; }
    waiting.push(cb);
    if (waiting.length > 1) { return; }
    var left = 0;
    var done = function () {
      if (--left > 0) { return; }
      if (!window.MiniSearch || !window.errgenSearch) { return; }
      engine = buildEngine(window.errgenSearch);
      each(waiting.splice(0), function (f) { f(engine); });
    };
    each(['_assets/minisearch.js', 'search-index.js'], function (src) {
      if ((src === 'search-index.js' && window.errgenSearch) || (src !== 'search-index.js' && window.MiniSearch)) { return; }
      left++;
      var el = document.createElement('script');
      el.src = base + src;
      el.onload = done;
      document.head.appendChild(el);
    });
    if (left === 0) { left = 1; done(); }
  }

  // Words differ by plural, tense and spelling (licence/license,
  // expire/expired/expiry, keys/key): both the page text and the query
  // are reduced to a common stem before MiniSearch compares them.
  var STOP = {a: 1, an: 1, and: 1, are: 1, as: 1, at: 1, be: 1, by: 1, for: 1, i: 1, in: 1, is: 1, it: 1, my: 1, of: 1, on: 1, or: 1, the: 1, to: 1, was: 1, with: 1};
  function stem(term) {
    var t = term.toLowerCase().replace(/c(e|es|ed|ing)$/, function (m, end) { return 's' + end; });
    if (STOP[t]) { return null; }
    if (/^\d+$/.test(t) || t.length < 4) { return t; }
    t = t.replace(/ission$/, 'it'); // permission, permit
    var u = t.replace(/(ing|ed|es|s)$/, '');
    // permitted, permit: a consonant doubled before -ed or -ing is one.
    if (u !== t && /([b-df-hj-np-rtv-z])\1$/.test(u)) { u = u.slice(0, -1); }
    if (u.length > 2) { t = u; }
    u = t.replace(/[eiy]$/, '');
    return u.length > 3 ? u : t;
  }

  var BOOST = {st: 8, t: 5, s: 4, code: 4, al: 3, r: 3, sum: 2, mem: 1.5, hdr: 1.5, rw: 1, body: 1};
  function buildEngine(docs) {
    var ms = new window.MiniSearch({
      idField: 's',
      fields: ['st', 't', 's', 'r', 'al', 'code', 'sum', 'mem', 'hdr', 'rw', 'body'],
      storeFields: ['s', 't', 'st', 'sum', 'rt', 'rw'],
      processTerm: stem,
      searchOptions: {
        boost: BOOST,
        prefix: function (term) { return !/^\d+$/.test(term); },
        fuzzy: function (term) { return term.length >= 5 && !/\d/.test(term) ? 0.2 : 0; }
      }
    });
    ms.addAll(docs);
    // MiniSearch ranks words, not phrases: the errors whose page has the
    // query's words side by side ("api key" in X-API-Key) come first.
    var flat = function (s) { return ' ' + s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() + ' '; };
    var text = {};
    each(docs, function (d) { text[d.s] = flat([d.t, d.r, d.sum, d.al, d.code, d.mem, d.hdr, d.body].join(' ')); });
    return {
      docs: docs,
      // Every word must match somewhere; when no error has them all, the
      // errors with most of them are the best guess.
      query: function (q, retry) {
        var keep = function (r) { return !retry || r.rt === retry; };
        var hits = ms.search(q, {combineWith: 'AND', filter: keep});
        if (!hits.length) { hits = ms.search(q, {combineWith: 'OR', filter: keep}); }
        var phrase = flat(q);
        if (phrase.trim().indexOf(' ') > 0) {
          each(hits, function (h) { h.phrase = text[h.id].indexOf(phrase) !== -1 ? 1 : 0; });
          hits.sort(function (a, b) { return (b.phrase - a.phrase) || (b.score - a.score); });
        }
        return hits;
      },
      near: function (words) {
        return ms.search(words, {combineWith: 'OR', fields: ['s', 'al', 't'], fuzzy: 0.34, prefix: true});
      }
    };
  }

  function statusClass(st) { return 'status-chip status-' + st.charAt(0); }

  // resultItem is one hit: a link with its status chip and summary.
  function resultItem(hit, tag) {
    var li = document.createElement(tag || 'li');
    var a = document.createElement('a');
    a.href = base + hit.s + '/' + (location.protocol === 'file:' ? 'index.html' : '');
    var chipEl = document.createElement('span');
    chipEl.className = statusClass(hit.st);
    chipEl.textContent = hit.st;
    a.appendChild(chipEl);
    a.appendChild(document.createTextNode(hit.t));
    li.appendChild(a);
    var sum = document.createElement('span');
    sum.className = 'row-summary';
    sum.textContent = hit.sum;
    li.appendChild(sum);
    return li;
  }

  function fill(list, hits, max) {
    list.textContent = '';
    each(hits.slice(0, max), function (h) { list.appendChild(resultItem(h)); });
  }

  // indexSearch: the index's search box ranks every error as one types;
  // the retry filter keeps the rows whose retry policy is the one chosen.
  function indexSearch() {
    var input = document.getElementById('filter');
    if (!input) { return; }
    var retry = document.getElementById('retry-filter');
    var count = document.getElementById('filter-count');
    var results = document.getElementById('filter-results');
    var list = results.querySelector('.search-results');
    var rows = document.querySelectorAll('table.errors tbody tr');
    input.closest('.filter').hidden = false;
    function apply() {
      var q = input.value.trim();
      var want = retry.value;
      if (q) {
        withSearch(function (s) {
          if (input.value.trim() !== q || retry.value !== want) { return; }
          var hits = s.query(q, want);
          fill(list, hits, hits.length);
          results.hidden = false;
          each(document.querySelectorAll('.class-group'), function (g) { g.hidden = true; });
          var errs = hits.filter(function (h) { return h.st !== 'guide'; }).length;
          count.textContent = errs + ' of ' + rows.length + ' errors match, best first' +
            (errs < hits.length ? ' (and a page on older body formats)' : '');
        });
        return;
      }
      results.hidden = true;
      var shown = 0;
      each(rows, function (r) {
        r.hidden = want !== '' && r.getAttribute('data-retry') !== want;
        if (!r.hidden) { shown++; }
      });
      each(document.querySelectorAll('.class-group'), function (g) {
        g.hidden = false;
        var any = g.querySelector('tbody tr:not([hidden])') !== null;
        g.querySelector('.no-match').hidden = any;
        g.querySelector('.table-scroll').hidden = !any;
      });
      count.textContent = want ? shown + ' of ' + rows.length + ' errors' : rows.length + ' errors';
    }
    input.addEventListener('input', apply);
    retry.addEventListener('change', apply);
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; }
    apply();
    shortcut(input);
  }

  // headerSearch: the search box in every page's header shows the best
  // matches under it; Enter opens the first, Escape closes the list.
  function headerSearch() {
    var input = document.getElementById('site-search');
    if (!input) { return; }
    var box = input.closest('.site-search');
    var panel = document.getElementById('site-search-results');
    var list = panel.querySelector('.search-results');
    var count = document.getElementById('site-search-count');
    box.hidden = false;
    var close = function () { panel.hidden = true; };
    input.addEventListener('focus', function () { withSearch(function () {}); });
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (!q) { close(); return; }
      withSearch(function (s) {
        if (input.value.trim() !== q) { return; }
        var hits = s.query(q, '');
        fill(list, hits, 8);
        if (hits.length > 8) {
          // The rest are on the index, which reads the same query.
          var all = document.createElement('a');
          all.href = base + (location.protocol === 'file:' ? 'index.html' : '') + '?q=' + encodeURIComponent(q);
          all.textContent = 'All ' + hits.length + ' matches';
          var li = document.createElement('li');
          li.appendChild(all);
          list.appendChild(li);
        }
        count.textContent = hits.length ? (hits.length > 8 ? 'Best 8 of ' + hits.length + ' matches' : hits.length + (hits.length === 1 ? ' match' : ' matches')) : 'No error matches';
        panel.hidden = false;
      });
    });
    input.addEventListener('keydown', function (ev) {
      var first = list.querySelector('a');
      if (ev.key === 'Enter' && first && !panel.hidden) { location.href = first.href; }
      if (ev.key === 'ArrowDown' && first) { ev.preventDefault(); first.focus(); }
      if (ev.key === 'Escape') { close(); }
    });
    panel.addEventListener('keydown', function (ev) {
      var links = Array.prototype.slice.call(list.querySelectorAll('a'));
      var i = links.indexOf(document.activeElement);
      if (ev.key === 'ArrowDown' && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
      if (ev.key === 'ArrowUp') { ev.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
      if (ev.key === 'Escape') { close(); input.focus(); }
    });
    document.addEventListener('click', function (ev) { if (!box.contains(ev.target)) { close(); } });
    shortcut(input);
  }

  // "/" jumps to the search, as on many reference sites.
  function shortcut(input) {
    document.addEventListener('keydown', function (ev) {
      var t = ev.target.tagName;
      if (ev.key === '/' && t !== 'INPUT' && t !== 'TEXTAREA' && t !== 'SELECT' && !ev.ctrlKey && !ev.metaKey) {
        ev.preventDefault();
        input.focus();
      }
    });
  }

  // suggest fills the 404 page: the errors of a status (/errors/502), or
  // the slugs nearest a mistyped one. errgen serve may have filled it.
  function suggest() {
    var box = document.getElementById('suggestions');
    if (!box || !box.hidden) { return; }
    var m = /\/errors\/([^/?#]+)\/?$/.exec(location.pathname);
    if (!m) { return; }
    var slug = decodeURIComponent(m[1]).toLowerCase().replace(/\.html?$/, '');
    withSearch(function (s) {
      var hits;
      if (/^[1-5]\d\d$|^[45]xx$/.test(slug)) {
        hits = s.docs.filter(function (d) { return d.st === slug; });
        box.querySelector('h2').textContent = hits.length ? 'Errors with status ' + slug : 'Did you mean';
      }
      if (!hits || !hits.length) { hits = s.near(slug.replace(/[-_]+/g, ' ')).slice(0, 5); }
      if (!hits.length) { return; }
      fill(box.querySelector('.search-results'), hits, hits.length);
      box.hidden = false;
    });
  }

  // sectionAnchors gives every section heading of an error page a visible
  // link to itself, to copy or share.
  function sectionAnchors() {
    each(document.querySelectorAll('main section[id]:not(.search-hits) > h2:not(.visually-hidden)'), function (h) {
      var id = h.parentNode.id;
      var a = document.createElement('a');
      a.className = 'anchor';
      a.href = '#' + id;
      a.textContent = '§';
      a.setAttribute('aria-label', 'Link to this section: ' + h.textContent.trim());
      h.appendChild(document.createTextNode(' '));
      h.appendChild(a);
    });
  }

  // feedbackLinks: a mailto feedback link names the page it was sent from.
  function feedbackLinks() {
    each(document.querySelectorAll('a[data-feedback][href^="mailto:"]'), function (a) {
      if (a.href.indexOf('?') === -1) {
        a.href += '?subject=' + encodeURIComponent('Feedback on ' + document.title) +
          '&body=' + encodeURIComponent('Page: ' + location.href + '\n\n');
      }
    });
  }

  function init() {
    fixFileLinks();
    copyButtons();
    each(document.querySelectorAll('[data-tabs]'), tabs);
    each(document.querySelectorAll('table[data-sortable]'), sortable);
    sectionAnchors();
    feedbackLinks();
    indexSearch();
    headerSearch();
    suggest();
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
