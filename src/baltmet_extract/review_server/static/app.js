// The review page. Everything from the documents is put in the page as text nodes
// (textContent, setAttribute), never as markup; the Content-Security-Policy allows no
// inline script. The page talks to the server's JSON API only:
//   GET /api/mentions, GET /api/search?q=, POST /api/decisions, POST /api/apply
"use strict";

(function () {
  const TOKEN = document.body.dataset.token;
  const SVG = "http://www.w3.org/2000/svg";
  const PAGE = 150;

  const state = {
    mentions: [],
    shown: [],        // the mentions that pass the filters, in order
    limit: PAGE,      // how many of them are drawn
    aspect: 1,        // the map's height / width
    current: -1,      // index into state.shown
    documentFilter: "", methodFilter: "", kindFilter: "", textFilter: "", reviewOnly: false,
  };

  // ---- small helpers ------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    for (const c of children) e.append(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function setStatus(message, isError) {
    const s = document.getElementById("status");
    s.textContent = message || "";
    s.classList.toggle("error", !!isError);
  }

  async function api(method, path, body) {
    const options = { method, headers: { "X-Review-Token": TOKEN } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new Error((data && data.error) || `${response.status} ${response.statusText}`);
    return data;
  }

  // ---- counts -------------------------------------------------------------------------

  function toReview(m) { return m.needs_review && !m.decision; }

  function counts() {
    const c = { "mentions": state.mentions.length, "flagged": 0, "needs-review": 0, "decided": 0, "pending": 0 };
    for (const m of state.mentions) {
      if (m.needs_review) c.flagged += 1;
      if (toReview(m)) c["needs-review"] += 1;
      if (m.decision) c.decided += 1;
      if (m.decision && !m.applied) c.pending += 1;
    }
    return c;
  }

  function showCounts() {
    const c = counts();
    for (const [name, value] of Object.entries(c)) {
      for (const e of document.querySelectorAll(`[data-count="${name}"]`)) e.textContent = String(value);
    }
  }

  // ---- filters ------------------------------------------------------------------------

  function passes(m) {
    if (state.reviewOnly && !m.needs_review) return false;
    if (state.documentFilter && !m.documents.includes(state.documentFilter)) return false;
    if (state.methodFilter && m.method !== state.methodFilter) return false;
    if (state.kindFilter && m.kind !== state.kindFilter) return false;
    if (state.textFilter) {
      const hay = fold([m.raw, m.name, m.key].join(" \u0001 "));
      if (!hay.includes(fold(state.textFilter))) return false;
    }
    return true;
  }

  function fillSelect(id, values) {
    const select = document.getElementById(id);
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el("option", { value: v, text: v }));
    select.value = values.includes(keep) ? keep : "";
  }

  // ---- drawing ------------------------------------------------------------------------

  function drawMap(m, extra) {
    const points = m.candidates.filter((c) => c.x !== null && c.y !== null);
    const hits = (extra || []).filter((c) => c.x !== null && c.y !== null);
    if (!m.view_box && !hits.length) return null;
    let box = m.view_box;
    if (hits.length) {
      const all = points.concat(hits);
      const xs = all.map((c) => c.x), ys = all.map((c) => c.y);
      const a = state.aspect;
      const w = Math.max(260, Math.max(...xs) - Math.min(...xs) + 120, (Math.max(...ys) - Math.min(...ys) + 120) / a);
      box = [(Math.max(...xs) + Math.min(...xs)) / 2 - w / 2, (Math.max(...ys) + Math.min(...ys)) / 2 - w * a / 2,
             w, w * a];
    }
    const [x, y, w, h] = box;
    const r = w / 38;
    const map = svg("svg", { class: "map", viewBox: `${x} ${y} ${w} ${h}`, role: "img",
                             "aria-label": "map of the chosen place and the candidates" });
    map.append(svg("rect", { x, y, width: w, height: h, fill: "#dcebf5" }));
    map.append(svg("use", { href: "#eu-land" }), svg("use", { href: "#eu-borders" }));
    const drawn = points.slice().reverse().concat(hits.slice().reverse());
    for (const c of drawn) {
      const kind = hits.includes(c) ? "hit" : (c.chosen ? "chosen" : "other");
      const circle = svg("circle", { cx: c.x, cy: c.y, r, class: kind });
      circle.append(svg("title", {}, `${c.name} (${c.key})`));
      map.append(circle);
      if (!c.chosen) {
        map.append(svg("text", { x: c.x + r * 1.3, y: c.y + r * 0.7, "font-size": (w / 12).toFixed(1) },
                       kind === "hit" ? `s${c.number}` : String(c.number)));
      }
    }
    return map;
  }

  function candidateRow(m, c, isHit) {
    const label = c.chosen ? "chosen" : (isHit ? `s${c.number}` : String(c.number));
    const pick = c.chosen ? null : el("button", {
      type: "button", "data-action": "pick", "data-target": c.key, "data-number": isHit ? null : c.number,
      title: isHit ? "Pick this place" : `Pick this place (${c.number})`,
      onclick: () => decide(m, "pick", c.key),
    }, isHit ? "Pick" : `Pick (${c.number})`);
    return el("tr", { class: c.chosen ? "chosen" : null, "data-key": c.key },
      el("td", { class: "num", text: label }),
      el("td", {}, c.name || "", " ", el("code", { text: c.key })),
      el("td", { text: c.country || "" }),
      el("td", { text: c.kind || "" }),
      el("td", { class: "num", text: c.population ? c.population.toLocaleString("en") : "" }),
      el("td", { class: "num", text: c.score === null || c.score === undefined ? "" : String(Math.round(c.score * 10) / 10) }),
      el("td", {}, pick));
  }

  function decisionText(m) {
    if (m.saving) return ["saving…", "badge"];
    if (m.error) return [m.error, "badge error"];
    if (m.decision) {
      const d = m.decision;
      const what = d.decision === "reject" ? "rejected: not a place" : `${d.decision} → ${d.target}`;
      return [`${what}${m.applied ? " (applied)" : " (not applied yet)"}`, "badge done"];
    }
    if (m.needs_review) return ["needs review", "badge review"];
    return ["", "badge"];
  }

  function drawMention(m, index) {
    const [dText, dClass] = decisionText(m);
    const classes = ["mention"];
    if (m.needs_review) classes.push("needs-review");
    if (m.method === "unresolved") classes.push("unresolved");
    if (m.decision) classes.push("decided");
    if (m.saving) classes.push("saving");
    if (index === state.current) classes.push("current");

    const source = m.match
      ? el("blockquote", { class: "source" }, m.before, el("mark", { text: m.match }), m.after)
      : (m.source_text ? el("blockquote", { class: "source", text: m.source_text }) : null);
    const seen = el("ul", { class: "seen" }, ...m.seen.map((s) => el("li", {
      text: `${s.file}${s.page ? `, page ${s.page}` : ""}${s.row ? `, row ${s.row}` : ""} · ${s.label}` })));
    const table = el("table", { class: "candidates" },
      el("thead", {}, el("tr", {}, ...["#", "place", "country", "kind", "population", "score", ""].map(
        (h) => el("th", { text: h })))),
      el("tbody", {}, ...m.candidates.map((c) => candidateRow(m, c, false)),
        ...(m.hits || []).map((c) => candidateRow(m, c, true))));
    const actions = el("div", { class: "actions" },
      el("button", { type: "button", "data-action": "accept", disabled: !m.key,
                     title: m.key ? `Accept ${m.key} (a)` : "Nothing to accept: pick a place or reject",
                     onclick: () => decide(m, "accept") }, "Accept (a)"),
      el("button", { type: "button", "data-action": "reject", onclick: () => decide(m, "reject") },
        "Reject: not a place (r)"),
      el("button", { type: "button", "data-action": "organisation", onclick: () => decide(m, "organisation") },
        "Organisation (o)"),
      el("button", { type: "button", "data-action": "group", onclick: () => decide(m, "group") }, "Group (g)"));
    const input = el("input", { type: "search", name: "q", placeholder: "Search the gazetteer by name (s)",
                                "aria-label": "Search the gazetteer", value: m.query || "" });
    const search = el("form", { class: "search", onsubmit: (ev) => { ev.preventDefault(); searchFor(m, input.value); } },
      input, el("button", { type: "submit" }, "Search"));
    const head = el("div", { class: "mention-head" },
      el("h2", { text: m.raw }),
      el("span", { class: "badge", text: `${m.method} · ${Math.round(m.score)}` }),
      el("span", { class: "badge", text: m.kind }),
      dText ? el("span", { class: dClass, "data-state": "decision", text: dText }) : null);
    const main = el("div", { class: "mention-main" }, source, seen,
      m.reason ? el("p", { class: "reason", text: m.reason }) : null, table, actions, search);
    return el("article", { class: classes.join(" "), "data-raw": m.raw, "data-index": index, tabindex: -1,
                           onclick: () => { if (state.current !== index) select(index, false); } },
      head, el("div", { class: "mention-body" }, main, drawMap(m, m.hits)));
  }

  function render() {
    state.shown = state.mentions.filter(passes);
    if (state.current >= state.shown.length) state.current = state.shown.length - 1;
    const main = document.getElementById("mentions");
    main.replaceChildren();
    const upto = Math.min(state.shown.length, state.limit);
    for (let i = 0; i < upto; i++) main.append(drawMention(state.shown[i], i));
    if (upto < state.shown.length) {
      main.append(el("p", { class: "more" }, el("button", {
        type: "button", onclick: () => { state.limit += PAGE; render(); } },
        `Show ${Math.min(PAGE, state.shown.length - upto)} more of ${state.shown.length - upto}`)));
    }
    if (!state.shown.length) main.append(el("p", { class: "muted", text: "No mention matches the filters." }));
    document.getElementById("shown").textContent = `${state.shown.length} shown`;
    showCounts();
  }

  function redraw(m) {
    const index = state.shown.indexOf(m);
    const old = document.querySelector(`article.mention[data-index="${index}"]`);
    if (index < 0 || !old) return;
    old.replaceWith(drawMention(m, index));
    showCounts();
  }

  function select(index, scroll) {
    if (!state.shown.length) return;
    index = Math.max(0, Math.min(index, state.shown.length - 1));
    if (index >= state.limit) { state.limit = index + PAGE; render(); }
    const old = document.querySelector("article.mention.current");
    if (old) old.classList.remove("current");
    state.current = index;
    const card = document.querySelector(`article.mention[data-index="${index}"]`);
    if (card) {
      card.classList.add("current");
      if (scroll !== false) card.scrollIntoView({ block: "nearest" });
    }
  }

  function nextToReview(from) {
    for (let i = from + 1; i < state.shown.length; i++) {
      const m = state.shown[i];
      if (toReview(m) && !m.saving) return i;
    }
    for (let i = 0; i <= from && i < state.shown.length; i++) {
      const m = state.shown[i];
      if (toReview(m) && !m.saving) return i;
    }
    return Math.min(from + 1, state.shown.length - 1);
  }

  // ---- actions ------------------------------------------------------------------------

  async function decide(m, action, target) {
    if (m.saving) return;
    m.saving = true;
    m.error = null;
    redraw(m);
    const index = state.shown.indexOf(m);
    if (index === state.current) select(nextToReview(index));
    try {
      const data = await api("POST", "/api/decisions", { raw: m.raw, decision: action, target: target || "" });
      m.decision = data.decision;
      m.applied = false;
      setStatus(`Saved: ${data.decision.decision} ${JSON.stringify(m.raw)}${data.decision.target ? " → " + data.decision.target : ""}`);
    } catch (err) {
      m.error = err.message;
      setStatus(err.message, true);
    } finally {
      m.saving = false;
      redraw(m);
      if (state.shown.indexOf(m) === state.current) select(state.current, false);
      else {
        const card = document.querySelector(`article.mention[data-index="${state.current}"]`);
        if (card) card.classList.add("current");
      }
    }
  }

  async function searchFor(m, query) {
    m.query = query;
    if (!query.trim()) { m.hits = []; redraw(m); return; }
    try {
      const data = await api("GET", `/api/search?q=${encodeURIComponent(query)}`);
      m.hits = data.hits;
      if (!m.hits.length) setStatus(`No place in the gazetteer is named like ${JSON.stringify(query)}.`);
      redraw(m);
      const card = document.querySelector(`article.mention[data-index="${state.shown.indexOf(m)}"]`);
      const first = card && m.hits.length
        ? card.querySelector(`tr[data-key="${CSS.escape(m.hits[0].key)}"] button[data-action=pick]`) : null;
      if (first) first.focus();
    } catch (err) {
      setStatus(err.message, true);
    }
  }

  async function load(message) {
    const data = await api("GET", "/api/mentions");
    const keep = state.shown[state.current] ? state.shown[state.current].raw : null;
    state.mentions = data.mentions;
    state.aspect = data.map.height / data.map.width;
    fillSelect("filter-document", data.filters.documents);
    fillSelect("filter-method", data.filters.methods);
    fillSelect("filter-kind", data.filters.kinds);
    document.getElementById("rules-file").textContent = data.rules;
    render();
    let index = keep === null ? -1 : state.shown.findIndex((m) => m.raw === keep);
    if (index < 0) index = state.shown.findIndex(toReview);
    select(index < 0 ? 0 : index);
    if (message) setStatus(message);
  }

  async function applyDecisions(button) {
    button.disabled = true;
    const before = counts()["needs-review"];
    setStatus("Applying: normalise, validate and export run again over the cached documents…");
    try {
      const data = await api("POST", "/api/apply", {});
      await load();
      const flagged = counts().flagged;
      setStatus(`Applied. Flagged by the run: ${data.apply.before.flagged} before, ${flagged} now; ` +
                `${counts()["needs-review"]} still to review (was ${before}).`);
    } catch (err) {
      setStatus(`Apply failed: ${err.message}`, true);
    } finally {
      button.disabled = false;
    }
  }

  // ---- keyboard -----------------------------------------------------------------------

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (typing) {
      if (ev.key === "Escape") t.blur();
      return;
    }
    const m = state.shown[state.current];
    const key = ev.key;
    if (key === "j") select(state.current + 1);
    else if (key === "k") select(state.current - 1);
    else if (key === "/") document.getElementById("filter-text").focus();
    else if (!m) return;
    else if (key === "a") { if (m.key) decide(m, "accept"); else setStatus("Nothing to accept: pick a place or reject.", true); }
    else if (key === "r") decide(m, "reject");
    else if (key === "o") decide(m, "organisation");
    else if (key === "g") decide(m, "group");
    else if (key === "s") {
      const card = document.querySelector(`article.mention[data-index="${state.current}"] form.search input`);
      if (card) card.focus();
    } else if (/^[1-9]$/.test(key)) {
      const c = m.candidates.find((x) => !x.chosen && x.number === Number(key));
      if (c) decide(m, "pick", c.key);
      else setStatus(`${JSON.stringify(m.raw)} has no candidate ${key}.`, true);
    } else return;
    ev.preventDefault();
  }

  // ---- start --------------------------------------------------------------------------

  function start() {
    document.addEventListener("keydown", onKey);
    const refilter = () => { state.limit = PAGE; state.current = 0; render(); select(0, false); };
    document.getElementById("filter-text").addEventListener("input", (e) => { state.textFilter = e.target.value; refilter(); });
    document.getElementById("filter-document").addEventListener("change", (e) => { state.documentFilter = e.target.value; refilter(); });
    document.getElementById("filter-method").addEventListener("change", (e) => { state.methodFilter = e.target.value; refilter(); });
    document.getElementById("filter-kind").addEventListener("change", (e) => { state.kindFilter = e.target.value; refilter(); });
    document.getElementById("filter-review").addEventListener("change", (e) => { state.reviewOnly = e.target.checked; refilter(); });
    const apply = document.querySelector("button[data-action=apply]");
    apply.addEventListener("click", () => applyDecisions(apply));
    load().then(() => document.body.setAttribute("data-ready", "true"))
          .catch((err) => setStatus(`Could not load the mentions: ${err.message}`, true));
  }

  start();
})();
