/// The Mustache templates, style sheets and script of the HTML pages.
///
/// Every value from the instance goes through `{{ }}` (HTML-escaped); only `{{{css}}}` and
/// `{{{script}}}` are not, and they hold these constants plus colours the renderer checked.
/// The markup is also well-formed XML (void elements closed, `hidden="hidden"`, no `&` or `<`
/// in the script), so an XML parser can check it; the tests do.
///
/// Names inside sections never repeat a name of an enclosing object: swift-mustache looks a
/// missing (`nil`) value up in the enclosing objects.
enum HTMLTemplates {
  /// Shared by both pages (a partial); each page names its `pageTitle`.
  static let head = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="generator" content="Atelier"/>
    <title>{{eventName}} – {{pageTitle}}</title>
    <style>{{{css}}}</style>
    </head>

    """

  static let programme = """
    {{> head}}
    <body>
    <a class="skip" href="#programme">{{l.skipToProgramme}}</a>
    <header class="page">
    <h1>{{eventName}} – {{l.programme}}</h1>
    {{#draft}}<p class="draft" role="alert">{{draft}}</p>{{/draft}}
    {{#subtitle}}<p class="subtitle">{{subtitle}}</p>{{/subtitle}}
    {{#hasSeveralDays}}
    <nav class="days" aria-label="{{l.days}}"><ul>{{#days}}<li><a href="#{{anchor}}">{{heading}}</a></li>{{/days}}</ul></nav>
    {{/hasSeveralDays}}
    {{#hasTracks}}
    <section class="legend" aria-labelledby="legend-title"><h2 id="legend-title" class="legend-title">{{l.tracks}}</h2>
    <ul>{{#tracks}}<li><span class="chip {{trackClass}}">{{trackName}}</span></li>{{/tracks}}</ul></section>
    {{/hasTracks}}
    <noscript><p class="noscript">{{l.noScript}}</p></noscript>
    <form id="filters" class="filters" hidden="hidden" aria-label="{{l.filters}}">
    <div class="field"><label for="f-day">{{l.day}}</label>
    <select id="f-day" name="day"><option value="">{{l.allDays}}</option>{{#days}}<option value="{{index}}">{{heading}}</option>{{/days}}</select></div>
    {{#hasTracks}}
    <div class="field"><label for="f-track">{{l.track}}</label>
    <select id="f-track" name="track"><option value="">{{l.allTracks}}</option>{{#tracks}}<option value="{{trackIndex}}">{{trackName}}</option>{{/tracks}}</select></div>
    {{/hasTracks}}
    <div class="field"><label for="f-kind">{{l.kind}}</label>
    <select id="f-kind" name="kind"><option value="">{{l.allKinds}}</option>{{#kinds}}<option value="{{kindValue}}">{{kindLabel}}</option>{{/kinds}}</select></div>
    <div class="field"><button type="reset">{{l.showAll}}</button></div>
    <p id="shown" class="shown" role="status" aria-live="polite" data-template="{{l.sessionsShown}}"></p>
    </form>
    </header>
    <main id="programme">
    {{#days}}
    <section class="day" id="{{anchor}}" data-day="{{index}}" aria-labelledby="{{anchor}}-title">
    <h2 id="{{anchor}}-title">{{heading}}</h2>
    {{^hasColumns}}<p class="empty-day">{{l.noSessions}}</p>{{/hasColumns}}
    {{#hasColumns}}
    <div class="grid-wrap" tabindex="0" role="region" aria-label="{{heading}}: {{l.scrollHint}}">
    <div class="grid" role="table" aria-label="{{heading}}" aria-rowcount="{{rowCount}}" style="{{gridStyle}}">
    <div class="row head" role="row"><div class="colhead corner" role="columnheader" style="grid-column: 1; grid-row: 1">{{l.time}}</div>{{#columns}}<div class="colhead" role="columnheader" style="{{columnStyle}}">{{columnName}}</div>{{/columns}}</div>
    {{#rows}}
    <div class="row{{#isEmpty}} is-empty{{/isEmpty}}" role="row" data-time="{{time}}">
    <div class="time" role="rowheader" style="{{timeStyle}}">{{time}}</div>
    {{#pauses}}
    <div class="break" role="cell" aria-colspan="{{colSpan}}" style="{{pauseStyle}}"><span class="break-title">{{pauseTitle}}</span> <span class="break-time">{{pauseTime}}</span></div>
    {{/pauses}}
    {{#cells}}
    <div class="session {{trackClass}} k-{{kindValue}}" role="cell" aria-rowspan="{{rowSpan}}" style="{{cellStyle}}" data-run="{{runKey}}" data-day="{{dayIndex}}" data-track="{{trackKey}}" data-kind="{{kindValue}}">
    <p class="meta"><span class="kind">{{kindLabel}}</span> <span class="when">{{when}}</span></p>
    <h3 class="title">{{sessionTitle}}</h3>
    {{#speakerNames}}<p class="speakers">{{speakerNames}}</p>{{/speakerNames}}
    {{#runLabel}}<p class="runs">{{runLabel}}</p>{{/runLabel}}
    {{#trackName}}<p class="track"><span class="chip {{trackClass}}">{{trackName}}</span></p>{{/trackName}}
    <p class="where">{{roomName}}</p>
    </div>
    {{/cells}}
    </div>
    {{/rows}}
    </div>
    </div>
    {{/hasColumns}}
    </section>
    {{/days}}
    </main>
    <script>{{{script}}}</script>
    </body>
    </html>

    """

  static let rooms = """
    {{> head}}
    <body>
    <header class="page"><h1>{{eventName}} – {{l.roomSheets}}</h1></header>
    {{#draft}}<p class="draft" role="alert">{{draft}}</p>{{/draft}}
    <main>
    {{#sheets}}
    <section class="sheet" id="{{anchor}}" aria-labelledby="{{anchor}}-title">
    <p class="event">{{eventName}}</p>
    <h2 id="{{anchor}}-title">{{roomName}}</h2>
    <p class="date">{{dayHeading}} · {{capacity}} {{l.seats}}</p>
    <table>
    <thead><tr><th scope="col">{{l.time}}</th><th scope="col">{{l.session}}</th><th scope="col">{{l.speakers}}</th></tr></thead>
    <tbody>
    {{#items}}
    <tr class="{{itemClass}}"><td class="when">{{when}}</td><td><span class="what">{{what}}</span>{{#details}}<br/><span class="details">{{details}}</span>{{/details}}</td><td>{{who}}</td></tr>
    {{/items}}
    </tbody>
    </table>
    </section>
    {{/sheets}}
    </main>
    </body>
    </html>

    """

  static let programmeCSS = """
    :root { color-scheme: light; --text: #1a1a1a; --muted: #474747; --line: #c4c4c4; --focus: #1a5fb4; }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 1rem; line-height: 1.4; color: var(--text); background: #fff; }
    .skip { position: absolute; left: -100vw; top: .5rem; background: #fff; padding: .5rem; z-index: 10; }
    .skip:focus { left: .5rem; }
    header.page, main { padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
    h2 { font-size: 1.3rem; margin: 1.5rem 0 .5rem; }
    .subtitle { margin: 0 0 .75rem; color: var(--muted); }
    nav.days ul, .legend ul { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
    .legend-title { font-size: 1rem; margin: .75rem 0 .25rem; }
    a { color: #1a5fb4; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin: 1rem 0; padding: .75rem; border: 1px solid var(--line); border-radius: .4rem; }
    .filters .field { flex: 0 1 16rem; min-width: 0; }
    .filters label { display: block; font-weight: 600; font-size: .9rem; }
    .filters select, .filters button { font: inherit; min-height: 2.75rem; padding: .25rem .5rem; }
    .filters select { width: 100%; max-width: 100%; }
    .shown { margin: 0; color: var(--muted); }
    .chip { display: inline-block; padding: 0 .4rem; border-radius: .25rem; background: var(--c, #595959); color: var(--on, #fff); font-size: .8rem; font-weight: 600; }
    .grid-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: .25rem; }
    .grid { display: grid; gap: 2px; min-width: min-content; }
    .row { display: contents; }
    .colhead { position: sticky; top: 0; z-index: 1; background: #f0f0f0; font-weight: 700; padding: .4rem; border-bottom: 2px solid var(--line); }
    .time { font-variant-numeric: tabular-nums; font-weight: 600; font-size: .85rem; padding: .1rem .4rem; border-top: 1px solid var(--line); color: var(--muted); }
    .session { background: var(--bg, #f0f0f0); border-left: .35rem solid var(--c, #595959); border-radius: .25rem; padding: .3rem .5rem; font-size: .9rem; overflow-wrap: anywhere; }
    .session.k-workshop { border-left-style: double; border-left-width: .55rem; }
    .session h3 { font-size: 1rem; margin: .1rem 0; }
    .session p { margin: .1rem 0; }
    .meta { display: flex; flex-wrap: wrap; gap: .2rem .5rem; align-items: center; font-size: .8rem; }
    .kind { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; border: 1px solid currentColor; border-radius: .2rem; padding: 0 .25rem; }
    .when { font-variant-numeric: tabular-nums; }
    .break { display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: .25rem .75rem; padding: .3rem; font-weight: 600; color: var(--muted); background: repeating-linear-gradient(135deg, #f5f5f5 0 .5rem, #ebebeb .5rem 1rem); border-radius: .25rem; }
    .where { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .empty-day { color: var(--muted); }
    @media screen and (max-width: 48rem) {
      .grid-wrap { overflow: visible; border: 0; }
      .grid { display: block; min-width: 0; }
      .row { display: block; margin: 0 0 .75rem; }
      .row.head, .row.is-empty { display: none; }
      .time { display: block; position: sticky; top: 0; z-index: 1; background: #fff; color: var(--text); font-size: 1rem; border-top: 2px solid var(--line); padding: .3rem 0; }
      .session, .break { margin: .4rem 0; }
      .break { justify-content: flex-start; }
      .where { position: static; width: auto; height: auto; overflow: visible; clip: auto; white-space: normal; font-weight: 600; }
    }
    @page { size: A4 landscape; margin: 10mm; }
    @media print {
      html { font-size: 7.5pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .filters, nav.days, .skip, .noscript, .legend { display: none !important; }
      header.page, main { padding: 0; }
      section.day + section.day { break-before: page; }
      .grid-wrap { overflow: visible; border: 0; }
      .grid { min-width: 0; grid-template-columns: 3.75rem repeat(var(--rooms), minmax(0, 1fr)) !important; }
      .colhead { position: static; }
      .session, .break { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }

    """

  /// Added to a page's style for a draft's banner only, so other pages keep their bytes.
  static let draftCSS = ".draft { border: 3px solid #b00020; color: #b00020; font-weight: 700; padding: .5rem; }\n"

  static let roomsCSS = """
    :root { color-scheme: light; }
    body { margin: 0; padding: 0 1rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.35; color: #1a1a1a; background: #fff; }
    h1 { font-size: 1.4rem; }
    .sheet { border-top: 2px solid #1a1a1a; padding: .5rem 0 1.5rem; break-after: page; page-break-after: always; }
    .sheet:last-child { break-after: auto; page-break-after: auto; }
    .event { margin: 0; color: #474747; }
    .sheet h2 { font-size: 2rem; margin: .25rem 0; }
    .date { font-size: 1.2rem; margin: 0 0 1rem; }
    table { width: 100%; border-collapse: collapse; font-size: 1.05rem; }
    th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #c4c4c4; }
    th { border-bottom: 2px solid #1a1a1a; }
    td.when { white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: 600; width: 8rem; }
    .what { font-weight: 600; }
    .details { color: #474747; font-size: .95rem; }
    tr.pause td { font-style: italic; color: #474747; background: #f2f2f2; }
    @page { size: A4 portrait; margin: 15mm; }
    @media print {
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { padding: 0; }
      body > header { display: none; }
      .sheet { border-top: 0; padding: 0; }
    }

    """

  /// Filters by day, track and kind. The form is `hidden` until this runs, so without
  /// JavaScript the page shows everything and offers no control that does nothing.
  static let script = """
    (function () {
      'use strict';
      var form = document.getElementById('filters');
      if (!form) { return; }
      var status = document.getElementById('shown');
      function each(selector, action) { Array.prototype.forEach.call(document.querySelectorAll(selector), action); }
      function value(name) { var field = form.elements[name]; return field ? field.value : ''; }
      function apply() {
        var day = value('day'), track = value('track'), kind = value('kind'), shown = 0;
        each('section.day', function (section) {
          section.hidden = !(day === '' || section.getAttribute('data-day') === day);
        });
        each('.session', function (cell) {
          var ok = (track === '' || cell.getAttribute('data-track') === track) ? (kind === '' || cell.getAttribute('data-kind') === kind) : false;
          cell.hidden = !ok;
          if (ok ? !(day === '' || cell.getAttribute('data-day') === day) : true) { return; }
          shown += 1;
        });
        each('.row[data-time]', function (row) {
          row.classList.toggle('is-empty', !row.querySelector('.session:not([hidden]), .break'));
        });
        status.textContent = status.getAttribute('data-template').replace('{n}', String(shown));
      }
      // `?kind=workshop` (and day, track) presets the filters, a link to a filtered view; changes update it.
      var names = ['day', 'track', 'kind'], params = new URLSearchParams(window.location.search);
      names.forEach(function (name) {
        var field = form.elements[name], wanted = params.get(name);
        if (!field || wanted === null) { return; }
        Array.prototype.forEach.call(field.options, function (option) { if (option.value === wanted) { field.value = wanted; } });
      });
      function remember() {
        var query = new URLSearchParams();
        names.forEach(function (name) { if (value(name) !== '') { query.set(name, value(name)); } });
        var search = query.toString();
        try { window.history.replaceState(null, '', search ? '?' + search : window.location.pathname); } catch (error) { /* file: URLs */ }
      }
      form.hidden = false;
      form.addEventListener('change', function () { apply(); remember(); });
      form.addEventListener('reset', function () { window.setTimeout(function () { apply(); remember(); }, 0); });
      form.addEventListener('submit', function (event) { event.preventDefault(); });
      apply();
    }());

    """
}
