/* comparekit explorer: draws the comparison chart and tabs from the data embedded in the page.
   No network, no libraries: every word and number comes from the build (#ck-data). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ck-data").textContent);
  var COL = {};
  DATA.columns.forEach(function (name, i) { COL[name] = i; });
  var INDICATORS = {};
  DATA.indicators.forEach(function (ind) { INDICATORS[ind.id] = ind; });
  var PLACES = {};
  DATA.places.forEach(function (p) { PLACES[p.id] = p; });
  var SOURCES = {};
  DATA.sources.forEach(function (s) { SOURCES[s.source_id] = s; });
  var SVGNS = "http://www.w3.org/2000/svg";
  var VERDICT_SYMBOL = { comparable: "✓", caveat: "!", not_comparable: "✕", not_stated: "–" };
  var state = { indicator: DATA.default.indicator, year: DATA.default.year, basis: DATA.default.basis,
                lang: DATA.default.lang, selected: null, pinned: false, methodPlace: null, tab: "table" };
  var csvUrl = null;

  function L(key, fields) {
    var text = DATA.labels[state.lang][key];
    if (text === undefined) { return key; }
    if (fields) { Object.keys(fields).forEach(function (k) { text = text.split("{" + k + "}").join(String(fields[k])); }); }
    return text;
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function zhAttr() { return state.lang === "zh" ? "zh-Hans" : "en"; }
  function viewKey() { return state.indicator + "|" + state.year + "|" + state.basis; }
  function view() { return DATA.views[viewKey()]; }
  function field(row, name) { return row.data[COL[name]]; }
  function placeName(id) { return PLACES[id] ? PLACES[id][state.lang] : id; }
  function verdictName(v) { return L("verdict." + v); }

  /* ---------- state in the address (shareable link) ---------- */
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var ind = params.get("indicator"), year = parseInt(params.get("year"), 10), basis = params.get("basis"), lang = params.get("lang");
    if (ind && INDICATORS[ind]) { state.indicator = ind; }
    if (year && INDICATORS[state.indicator].years.indexOf(year) >= 0) { state.year = year; }
    if (basis && DATA.bases.indexOf(basis) >= 0) { state.basis = basis; }
    if (lang === "zh" || lang === "en") { state.lang = lang; }
  }
  function writeHash() {
    var params = new URLSearchParams({ indicator: state.indicator, year: state.year, basis: state.basis, lang: state.lang });
    try { history.replaceState(null, "", "#" + params.toString()); } catch (e) { /* some viewers forbid it */ }
  }

  /* ---------- controls ---------- */
  function matches(ind, query) {
    if (!query) { return true; }
    var q = query.toLowerCase();
    return [ind.zh, ind.en, ind.aliases, ind.id].some(function (t) { return t && t.toLowerCase().indexOf(q) >= 0; });
  }
  function renderIndicatorList() {
    var select = document.getElementById("indicator");
    var query = document.getElementById("indicator-search").value.trim();
    select.textContent = "";
    var shown = DATA.indicators.filter(function (ind) { return matches(ind, query); });
    shown.forEach(function (ind) {
      var other = state.lang === "zh" ? ind.en : ind.zh;
      var option = el("option", { value: ind.id }, [ind[state.lang] + " — " + other]);
      if (ind.id === state.indicator) { option.selected = true; }
      select.appendChild(option);
    });
    document.getElementById("no-match").hidden = shown.length > 0;
  }
  function renderYearBasis() {
    var year = document.getElementById("year"), basis = document.getElementById("basis");
    year.textContent = "";
    INDICATORS[state.indicator].years.forEach(function (y) {
      var option = el("option", { value: String(y) }, [String(y)]);
      if (y === state.year) { option.selected = true; }
      year.appendChild(option);
    });
    basis.textContent = "";
    DATA.bases.forEach(function (b) {
      var option = el("option", { value: b }, [L("basis." + b)]);
      if (b === state.basis) { option.selected = true; }
      basis.appendChild(option);
    });
  }
  function setIndicator(id) {
    if (!INDICATORS[id]) { return; }
    state.indicator = id;
    var years = INDICATORS[id].years;
    if (years.indexOf(state.year) < 0) {
      state.year = years.indexOf(DATA.default.year) >= 0 ? DATA.default.year : years[0];
    }
    state.selected = null; state.pinned = false; state.methodPlace = null;
    render();
  }

  /* ---------- chart ---------- */
  function niceStep(span) {
    var raw = span / 5, power = Math.pow(10, Math.floor(Math.log10(raw))), unit = raw / power;
    return power * (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10);
  }
  function domain(rows, national, unit) {
    var values = [];
    rows.forEach(function (r) {
      [field(r, "value"), field(r, "value_high")].forEach(function (v) { if (v !== null && isFinite(v)) { values.push(v); } });
    });
    if (national) { values.push(national.value); }
    var lo = Math.min.apply(null, [0].concat(values)), hi = Math.max.apply(null, [1].concat(values));
    if (unit === "%" && lo >= 0 && hi <= 100) { return [0, 100, 20]; }
    var step = niceStep((hi - lo) * 1.15 || 1);
    return [Math.floor(lo / step) * step, Math.ceil(hi * 1.15 / step) * step, step];
  }
  function markLabel(row) {
    var place = placeName(field(row, "place_id")), verdict = field(row, "verdict");
    var text = place + ": " + row.label[state.lang];
    if (verdict !== "not_stated") { text += " " + (INDICATORS[state.indicator].unit[state.lang] || ""); }
    text += ", " + verdictName(verdict);
    if (field(row, "derived")) { text += ", " + L("legend.derived"); }
    if ((SOURCES[field(row, "source_id")] || {}).status === "draft") { text += ", " + L("chart.draft"); }
    return text;
  }
  function renderChart() {
    var v = view(), rows = v.rows, unitCode = field(rows[0], "unit");
    document.getElementById("chart-title").textContent = v.title[state.lang];
    document.getElementById("chart-subtitle").textContent = DATA.texts[v.subtitle[state.lang]];
    document.getElementById("chart-source").textContent = DATA.texts[v.source[state.lang]];
    var W = 760, left = 128, right = 230, top = v.national ? 44 : 26, rowH = 46, H = top + rows.length * rowH + 40;
    var dom = domain(rows, v.national, unitCode), x0 = left, x1 = W - right;
    function X(value) { return x0 + (value - dom[0]) / (dom[1] - dom[0]) * (x1 - x0); }
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-labelledby": "chart-title chart-subtitle", "aria-describedby": "chart-summary" });
    var defs = svg("defs");
    var hatch = svg("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    hatch.appendChild(svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#BBBBBB", "stroke-width": 2 }));
    defs.appendChild(hatch); root.appendChild(defs);
    var axisY = top + rows.length * rowH;
    var numeric = rows.some(function (r) { return field(r, "value") !== null; }) || v.national;
    for (var t = dom[0]; numeric && t <= dom[1] + 1e-9; t += dom[2]) {
      root.appendChild(svg("line", { x1: X(t), x2: X(t), y1: top - 4, y2: axisY, stroke: "#eeeeee" }));
      root.appendChild(svg("text", { x: X(t), y: axisY + 16, "text-anchor": "middle", "font-size": 12, fill: "#555555", "aria-hidden": "true" }, String(Math.round(t * 1000) / 1000)));
    }
    if (numeric) root.appendChild(svg("text", { x: (x0 + x1) / 2, y: axisY + 34, "text-anchor": "middle", "font-size": 12, fill: "#555555", "aria-hidden": "true" }, INDICATORS[state.indicator].unit[state.lang]));
    if (v.national) {
      var nx = X(v.national.value);
      root.appendChild(svg("line", { x1: nx, x2: nx, y1: top - 6, y2: axisY, stroke: "#999999", "stroke-dasharray": "5 4", "stroke-width": 1.5 }));
      root.appendChild(svg("text", { x: nx, y: top - 12, "text-anchor": nx > (x0 + x1) / 2 ? "end" : "start", "font-size": 12, fill: "#555555" }, v.national.label[state.lang]));
    }
    rows.forEach(function (row, i) {
      var place = field(row, "place_id"), verdict = field(row, "verdict"), cy = top + i * rowH + rowH / 2;
      var colour = PLACES[place] ? PLACES[place].colour : "#999999", faded = verdict === "not_comparable";
      root.appendChild(svg("line", { x1: x0, x2: x1, y1: cy, y2: cy, stroke: "#e4e4e4" }));
      if (faded) { root.appendChild(svg("rect", { x: x0, y: cy - rowH / 2 + 3, width: x1 - x0, height: rowH - 6, fill: "url(#hatch)", opacity: 0.6 })); }
      var draft = (SOURCES[field(row, "source_id")] || {}).status === "draft";
      root.appendChild(svg("text", { x: x0 - 10, y: draft ? cy : cy + 5, "text-anchor": "end", "font-size": 14, fill: "#1a1a1a", "aria-hidden": "true" }, placeName(place)));
      if (draft) {
        root.appendChild(svg("text", { x: x0 - 10, y: cy + 14, "text-anchor": "end", "font-size": 11, fill: "#D55E00", "class": "draft-mark", "aria-hidden": "true" }, L("chart.draft")));
      }
      var g = svg("g", { "class": "mark", tabindex: 0, role: "button", "data-place": place, "data-verdict": verdict, "aria-label": markLabel(row) });
      g.appendChild(svg("title", {}, markLabel(row)));
      g.appendChild(svg("rect", { "class": "hit", x: x0 - left + 4, y: cy - rowH / 2 + 2, width: W - 56, height: rowH - 4, fill: "transparent" }));
      var value = field(row, "value"), labelX, endX;
      if (verdict === "not_stated" || value === null) {
        var text = svg("text", { x: x0 + 6, y: cy + 5, "font-size": 13, fill: "#555555", "font-style": "italic", "class": "value-label" }, row.label[state.lang]);
        g.appendChild(svg("rect", { "class": "focus-ring", x: x0, y: cy - 13, width: 150, height: 26, rx: 4, fill: "none" }));
        g.appendChild(text);
      } else {
        var cx = X(value), qualifier = field(row, "qualifier"), opacity = faded ? 0.45 : 1;
        endX = cx;
        if (qualifier === "range" && field(row, "value_high") !== null) {
          endX = X(field(row, "value_high"));
          g.appendChild(svg("line", { x1: cx, x2: endX, y1: cy, y2: cy, stroke: colour, "stroke-width": 5, opacity: opacity }));
        }
        var dir = { at_least: 1, more_than: 1, at_most: -1, less_than: -1 }[qualifier];
        if (dir) {
          var tip = cx + dir * 30;
          g.appendChild(svg("line", { x1: cx, x2: tip - dir * 6, y1: cy, y2: cy, stroke: colour, "stroke-width": 2.5, opacity: opacity }));
          var open = qualifier === "more_than" || qualifier === "less_than";
          g.appendChild(svg("path", { d: "M" + tip + " " + cy + " L" + (tip - dir * 9) + " " + (cy - 6) + " L" + (tip - dir * 9) + " " + (cy + 6) + " Z",
            fill: open ? "#ffffff" : colour, stroke: colour, "stroke-width": 1.5, opacity: opacity }));
          endX = dir > 0 ? tip : cx;
        }
        var hollow = field(row, "derived");
        var shape = field(row, "kind") === "standard"
          ? svg("rect", { x: cx - 7, y: cy - 7, width: 14, height: 14 })
          : svg("circle", { cx: cx, cy: cy, r: 7.5 });
        shape.setAttribute("fill", hollow ? "#ffffff" : colour);
        shape.setAttribute("stroke", hollow ? colour : "#1a1a1a");
        shape.setAttribute("stroke-width", hollow ? 3 : 1);
        shape.setAttribute("opacity", opacity);
        g.appendChild(svg("circle", { "class": "focus-ring", cx: cx, cy: cy, r: 12 }));
        g.appendChild(shape);
        labelX = Math.max(cx, endX) + 12;
        g.appendChild(svg("text", { x: labelX, y: cy + 5, "font-size": 14, "font-weight": "bold", fill: "#1a1a1a", "class": "value-label" }, row.label[state.lang]));
      }
      root.appendChild(svg("text", { x: W - 24, y: cy + 5, "text-anchor": "middle", "font-size": 16, "font-weight": "bold",
        fill: verdict === "not_comparable" ? "#D55E00" : "#1a1a1a", "class": "verdict-mark", "data-place": place, "aria-hidden": "true" }, VERDICT_SYMBOL[verdict]));
      if (state.selected === place) { g.classList.add("selected"); }
      g.addEventListener("mouseenter", function () { showQuote(place, false); });
      g.addEventListener("mouseleave", function () { if (state.pinned && state.selected) { showQuote(state.selected, true); } });
      g.addEventListener("focus", function () { showQuote(place, false); });
      g.addEventListener("click", function () { showQuote(place, true); });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showQuote(place, true); }
      });
      root.appendChild(g);
    });
    var holder = document.getElementById("chart-svg");
    holder.textContent = "";
    holder.appendChild(root);
    var items = rows.map(function (row) {
      return L("chart.summary_item", { place: placeName(field(row, "place_id")), value: row.label[state.lang], verdict: verdictName(field(row, "verdict")) });
    });
    document.getElementById("chart-summary").textContent = L("chart.summary", { title: v.title[state.lang], items: items.join(state.lang === "zh" ? "；" : "; ") });
    var legend = document.getElementById("legend");
    legend.textContent = "";
    legend.appendChild(el("strong", {}, [L("legend.verdict") + ":"]));
    ["comparable", "caveat", "not_comparable", "not_stated"].forEach(function (name) {
      legend.appendChild(el("span", {}, [el("span", { "class": "sym", "aria-hidden": "true" }, [VERDICT_SYMBOL[name]]), verdictName(name)]));
    });
    legend.appendChild(el("span", {}, ["○ " + L("legend.derived")]));
  }

  /* ---------- the quote behind a mark ---------- */
  function rowOf(place) { return view().rows.filter(function (r) { return field(r, "place_id") === place; })[0]; }
  function highlighted(quote, valueText) {
    var block = el("blockquote", { lang: "zh-Hans", id: "quote-text" });
    var at = valueText ? quote.indexOf(valueText) : -1;
    if (at < 0) { block.appendChild(document.createTextNode(quote)); return block; }
    block.appendChild(document.createTextNode(quote.slice(0, at)));
    block.appendChild(el("mark", {}, [valueText]));
    block.appendChild(document.createTextNode(quote.slice(at + valueText.length)));
    return block;
  }
  function metaRow(dl, key, value, attrs) {
    dl.appendChild(el("dt", {}, [L(key)]));
    dl.appendChild(el("dd", attrs || {}, [value]));
  }
  function showQuote(place, pin) {
    var row = rowOf(place), body = document.getElementById("quote-body");
    if (!row) { return; }
    if (pin) { state.selected = place; state.pinned = true; state.methodPlace = place; renderMethod(); }
    document.querySelectorAll("#chart-svg .mark").forEach(function (g) { g.classList.toggle("selected", g.getAttribute("data-place") === state.selected); });
    body.textContent = "";
    body.setAttribute("data-place", place);
    body.appendChild(el("h3", {}, [placeName(place) + " · " + row.label[state.lang]]));
    var verdict = field(row, "verdict"), sid = field(row, "statement_ids");
    if (verdict === "not_stated") {
      body.appendChild(el("p", {}, [L("quote.not_stated", { place: placeName(place) })]));
      return;
    }
    var statement = DATA.statements[sid] || {};
    body.appendChild(highlighted(statement.quote || "", statement.value_text || ""));
    var doc = SOURCES[field(row, "source_id")] || {};
    var dl = el("dl", { "class": "meta" });
    metaRow(dl, "quote.document", doc["title_" + state.lang] || "", { id: "quote-document" });
    metaRow(dl, "quote.doc_number", doc.doc_number || L("status.none"), { id: "quote-doc-number" });
    metaRow(dl, "quote.status", L("status." + doc.status), { id: "quote-status", "class": doc.status === "draft" ? "status-draft" : "" });
    metaRow(dl, "quote.statement", sid, { id: "quote-statement" });
    metaRow(dl, "table.verdict", verdictName(verdict), { id: "quote-verdict" });
    var caveat = field(row, "caveat_" + state.lang);
    if (caveat) { metaRow(dl, "quote.caveat", caveat, { id: "quote-caveat" }); }
    body.appendChild(dl);
  }

  /* ---------- tabs ---------- */
  function cell(text, attrs) { return el("td", attrs || {}, [text === null || text === undefined ? "" : String(text)]); }
  function renderTable() {
    var panel = document.getElementById("panel-table"), v = view();
    var table = el("table", { id: "compare-table" });
    table.appendChild(el("caption", {}, [L("table.caption")]));
    var keys = ["place", "value", "year", "kind", "scope", "verdict", "caveat", "statement", "quote"];
    table.appendChild(el("thead", {}, [el("tr", {}, keys.map(function (k) { return el("th", { scope: "col" }, [L("table." + k)]); }))]));
    var tbody = el("tbody");
    v.rows.forEach(function (row) {
      var sid = field(row, "statement_ids"), statement = DATA.statements[sid] || {}, kind = field(row, "kind");
      var tr = el("tr", { "data-place": field(row, "place_id") });
      tr.appendChild(el("th", { scope: "row" }, [placeName(field(row, "place_id"))]));
      tr.appendChild(cell(row.label[state.lang], { "class": "num" }));
      tr.appendChild(cell(field(row, "year")));
      tr.appendChild(cell(kind ? L("kind." + kind) : ""));
      tr.appendChild(cell(field(row, "scope_text"), { lang: "zh-Hans" }));
      tr.appendChild(cell(verdictName(field(row, "verdict"))));
      tr.appendChild(cell(field(row, "caveat_" + state.lang)));
      tr.appendChild(cell(sid));
      tr.appendChild(cell(statement.quote || "", { lang: "zh-Hans", "class": "quote" }));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    panel.textContent = "";
    panel.appendChild(table);
  }
  function renderCoverage() {
    var panel = document.getElementById("panel-coverage"), cov = DATA.coverage;
    var onlyShared = panel.getAttribute("data-shared") !== "false";
    panel.textContent = "";
    var box = el("input", { type: "checkbox", id: "coverage-shared" });
    box.checked = onlyShared;
    box.addEventListener("change", function () { panel.setAttribute("data-shared", box.checked ? "true" : "false"); renderCoverage(); document.getElementById("coverage-shared").focus(); });
    panel.appendChild(el("p", {}, [box, " ", el("label", { "for": "coverage-shared" }, [L("coverage.filter", { n: 2 })])]));
    var table = el("table", { id: "coverage-table" });
    table.appendChild(el("caption", {}, [L("coverage.caption")]));
    var head = el("tr", {}, [el("th", { scope: "col" }, [L("coverage.theme")]), el("th", { scope: "col" }, [L("coverage.indicator")])]);
    cov.places.forEach(function (p) { head.appendChild(el("th", { scope: "col" }, [placeName(p)])); });
    table.appendChild(el("thead", {}, [head]));
    var tbody = el("tbody");
    cov.rows.forEach(function (row) {
      var stated = row.counts.filter(function (n) { return n > 0; }).length;
      if (onlyShared && stated < 2 && row.indicator !== state.indicator) { return; }
      var tr = el("tr", { "class": row.indicator === state.indicator ? "current" : "" });
      tr.appendChild(cell(row.theme[state.lang]));
      var name = INDICATORS[row.indicator]
        ? el("button", { type: "button", "data-indicator": row.indicator }, [row.name[state.lang]])
        : document.createTextNode(row.name[state.lang]);
      if (INDICATORS[row.indicator]) { name.addEventListener("click", function () { setIndicator(row.indicator); }); }
      tr.appendChild(el("th", { scope: "row" }, [name]));
      row.counts.forEach(function (n, i) {
        var text = n > 0 ? "✓ " + n : "—";
        tr.appendChild(el("td", { "class": n > 0 ? "stated" : "unstated", title: placeName(cov.places[i]) + ": " + (n > 0 ? L("coverage.stated") : L("coverage.not_stated")) }, [text]));
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    panel.appendChild(table);
  }
  function renderSources() {
    var panel = document.getElementById("panel-sources");
    var table = el("table", { id: "sources-table" });
    table.appendChild(el("caption", {}, [L("sources.caption")]));
    var keys = ["title", "issuer", "date", "doc_number", "status", "sha256"];
    table.appendChild(el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [L("table.place")])].concat(keys.map(function (k) { return el("th", { scope: "col" }, [L("sources." + k)]); })))]));
    var tbody = el("tbody");
    DATA.sources.forEach(function (s) {
      tbody.appendChild(el("tr", {}, [el("th", { scope: "row" }, [placeName(s.place_id)]), cell(s["title_" + state.lang]), cell(s["issuer_" + state.lang]),
        cell(s.issue_date || "—"), cell(s.doc_number || L("status.none")), cell(L("status." + s.status), { "class": s.status === "draft" ? "status-draft" : "" }),
        cell(s.sha256, { "class": "hash" })]));
    });
    table.appendChild(tbody);
    panel.textContent = "";
    panel.appendChild(table);
  }
  function csvField(value) {
    if (value === null || value === undefined) { return ""; }
    if (typeof value === "boolean") { return value ? "True" : "False"; }
    var text = String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function viewCsv() {
    var lines = [DATA.columns.join(",")];
    view().rows.forEach(function (row) {
      lines.push(DATA.columns.map(function (name) {
        if (name === "quote") { var s = DATA.statements[field(row, "statement_ids")]; return csvField(s ? s.quote : null); }
        return csvField(field(row, name));
      }).join(","));
    });
    return "\ufeff" + lines.join("\n") + "\n";
  }
  function renderDownload() {
    var panel = document.getElementById("panel-download"), ind = INDICATORS[state.indicator];
    if (csvUrl) { URL.revokeObjectURL(csvUrl); }
    csvUrl = URL.createObjectURL(new Blob([viewCsv()], { type: "text/csv;charset=utf-8" }));
    var base = state.indicator + "_" + state.year + "_" + state.basis;
    panel.textContent = "";
    panel.appendChild(el("p", {}, [L("download.caption")]));
    var list = el("ul", { "class": "downloads" });
    list.appendChild(el("li", {}, [el("a", { id: "download-csv", href: csvUrl, download: base + ".csv" }, [L("download.csv")]), " — " + L("download.csv_note")]));
    list.appendChild(el("li", {}, [el("a", { id: "download-xlsx", href: ind.files.xlsx, download: state.indicator + ".xlsx" }, [L("download.xlsx")])]));
    list.appendChild(el("li", {}, [el("a", { id: "download-parquet", href: ind.files.parquet, download: state.indicator + ".parquet" }, [L("download.parquet")])]));
    panel.appendChild(list);
    panel.appendChild(el("p", { "class": "muted" }, [L("download.filter_note", { basis: state.basis, year: state.year })]));
  }
  function renderMethod() {
    var panel = document.getElementById("panel-method"), v = view();
    var places = v.rows.map(function (r) { return field(r, "place_id"); });
    if (places.indexOf(state.methodPlace) < 0) {
      var firstStated = v.rows.filter(function (r) { return field(r, "verdict") !== "not_stated"; })[0];
      state.methodPlace = field(firstStated || v.rows[0], "place_id");
    }
    panel.textContent = "";
    var select = el("select", { id: "method-place" });
    places.forEach(function (p) {
      var option = el("option", { value: p }, [placeName(p)]);
      if (p === state.methodPlace) { option.selected = true; }
      select.appendChild(option);
    });
    select.addEventListener("change", function () { state.methodPlace = select.value; renderMethod(); document.getElementById("method-place").focus(); });
    panel.appendChild(el("p", {}, [el("label", { "for": "method-place" }, [L("method.place") + " "]), select]));
    panel.appendChild(el("p", {}, [L("method.caption", { place: placeName(state.methodPlace) })]));
    var row = rowOf(state.methodPlace), list = el("ol", { "class": "method", id: "method-steps" });
    row.method[state.lang].forEach(function (step) { list.appendChild(el("li", {}, [DATA.texts[step]])); });
    panel.appendChild(list);
  }
  function selectTab(name, focus) {
    state.tab = name;
    document.querySelectorAll('[role="tab"]').forEach(function (tab) {
      var on = tab.id === "tab-" + name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focus) { tab.focus(); }
    });
  }

  /* ---------- everything ---------- */
  function render() {
    document.documentElement.lang = zhAttr();
    document.title = L("page.title") + " — " + view().title[state.lang];
    document.querySelectorAll("[data-label]").forEach(function (node) { node.textContent = L(node.getAttribute("data-label")); });
    document.getElementById("indicator-search").setAttribute("placeholder", L("control.search"));
    ["zh", "en"].forEach(function (lang) { document.getElementById("lang-" + lang).setAttribute("aria-pressed", state.lang === lang ? "true" : "false"); });
    renderIndicatorList();
    renderYearBasis();
    renderChart();
    renderTable();
    renderCoverage();
    renderSources();
    renderDownload();
    renderMethod();
    if (state.selected) { showQuote(state.selected, true); }
    else { var body = document.getElementById("quote-body"); body.textContent = ""; body.appendChild(el("p", { "class": "muted" }, [L("quote.empty")])); }
    writeHash();
  }

  readHash();
  window.addEventListener("hashchange", function () { readHash(); state.selected = null; state.pinned = false; render(); });
  document.getElementById("indicator-search").addEventListener("input", renderIndicatorList);
  document.getElementById("indicator").addEventListener("change", function (event) { setIndicator(event.target.value); document.getElementById("indicator").focus(); });
  document.getElementById("year").addEventListener("change", function (event) { state.year = parseInt(event.target.value, 10); render(); document.getElementById("year").focus(); });
  document.getElementById("basis").addEventListener("change", function (event) { state.basis = event.target.value; render(); document.getElementById("basis").focus(); });
  ["zh", "en"].forEach(function (lang) {
    document.getElementById("lang-" + lang).addEventListener("click", function () { state.lang = lang; render(); });
  });
  var tabNames = ["table", "coverage", "sources", "download", "method"];
  document.querySelectorAll('[role="tab"]').forEach(function (tab) {
    tab.addEventListener("click", function () { selectTab(tab.id.replace("tab-", ""), false); });
    tab.addEventListener("keydown", function (event) {
      var at = tabNames.indexOf(tab.id.replace("tab-", ""));
      if (event.key === "ArrowRight") { selectTab(tabNames[(at + 1) % tabNames.length], true); event.preventDefault(); }
      if (event.key === "ArrowLeft") { selectTab(tabNames[(at + tabNames.length - 1) % tabNames.length], true); event.preventDefault(); }
      if (event.key === "Home") { selectTab(tabNames[0], true); event.preventDefault(); }
      if (event.key === "End") { selectTab(tabNames[tabNames.length - 1], true); event.preventDefault(); }
    });
  });
  selectTab("table", false);
  render();
})();
