/* backmap interactive map: lays the plan out as a tree and lets people explore it.
 *
 * The map arrives as JSON (the block #map-data). Every string from it reaches the page through
 * textContent or a DOM property, never as markup, so nothing a title says can run. Each node is
 * drawn under its first parent ("p"); its other parents ("a") are listed as "also serves" and
 * drawn as dashed links only while a path is highlighted. The layout is a tidy tree computed
 * here, so opening and closing branches lays the map out again.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("map-data").textContent);
  var N = DATA.nodes;
  var n = N.length;
  var KINDS = ["outcome", "goal", "initiative"];
  var STATUSES = ["idea", "planned", "active", "done", "dropped"];
  var WIDTH = 270; // a node box, as in map.css
  var COLUMN = 345; // from one level to the next
  var TITLE_FONT = 15, TITLE_LINE = 19, SMALL_LINE = 16; // px, as in map.css: 11 pt titles
  var SMALL_FONT = 12, CHIP_FONT = 11, CHIP_PAD = 10; // the meta line and its status chip
  var GAP = 10; // between siblings
  var SPREAD = 20; // between neighbouring subtrees, below their tops
  var ROOT_GAP = 36; // between trees of the forest
  var OPEN_LIMIT = 150; // maps above this open at their goals, initiatives folded
  var GOAL_LIMIT = 2500; // nodes drawn at most when a map opens
  var REVEAL_LIMIT = 400; // matches of a search or filter whose branches open at once
  var MAX_TITLE_LINES = 3, MAX_SMALL_LINES = 3;
  var READABLE = 0.8; // the least scale a map opens at, if the whole does not fit
  var MATCHES_READABLE = 0.55; // the least scale the matches of a filter are fitted at

  var $ = function (id) { return document.getElementById(id); };
  var view = $("view"), world = $("world"), layer = $("nodes");

  /* ---- structure ---- */
  var kids = new Array(n), supporters = new Array(n), ups = new Array(n), roots = [];
  var i, j;
  for (i = 0; i < n; i++) { kids[i] = []; supporters[i] = []; }
  for (i = 0; i < n; i++) {
    var node = N[i];
    ups[i] = node.p === undefined ? [] : [node.p];
    if (node.p === undefined) roots.push(i); else kids[node.p].push(i);
    if (node.a) ups[i] = ups[i].concat(node.a);
    for (j = 0; j < ups[i].length; j++) supporters[ups[i][j]].push(i);
  }
  var depth = new Int32Array(n), beneath = new Int32Array(n), preorder = [];
  (function () {
    var stack = roots.slice().reverse();
    while (stack.length) {
      var v = stack.pop();
      preorder.push(v);
      for (var c = kids[v].length - 1; c >= 0; c--) {
        depth[kids[v][c]] = depth[v] + 1;
        stack.push(kids[v][c]);
      }
    }
    for (var k = preorder.length - 1; k >= 0; k--) {
      var u = preorder[k];
      if (N[u].p !== undefined) beneath[N[u].p] += beneath[u] + 1;
    }
  })();

  /* ---- state ---- */
  // A node's branch is closed, open, or open to its goals only (how big maps start).
  var CLOSED = 0, OPEN = 1, GOALS = 2;
  var open = new Uint8Array(n);
  var goalKids = kids.map(function (list) {
    return list.filter(function (c) { return N[c].k < 2; });
  });
  function shownKids(v) {
    return open[v] === OPEN ? kids[v] : open[v] === GOALS ? goalKids[v] : [];
  }
  // How many nodes beneath v its branch hides now.
  function folded(v) {
    if (open[v] === OPEN) return 0;
    if (open[v] === CLOSED) return beneath[v];
    var hidden = beneath[v];
    for (var c = 0; c < goalKids[v].length; c++) hidden -= beneath[goalKids[v][c]] + 1;
    return hidden;
  }
  var pass = new Uint8Array(n).fill(1); // passes the search and the filters
  var onPath = new Uint8Array(n);
  var querying = false, searching = false;
  var selected = -1;
  var X = new Float64Array(n), Y = new Float64Array(n), H = new Float64Array(n);
  var titleLines = new Uint8Array(n);
  var elements = new Array(n);
  var shown = []; // visible nodes, tree order
  var isVisible = new Uint8Array(n); // the same, by node
  var tx = 0, ty = 0, scale = 1;

  /* ---- text ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // Percentages come written from the exporter ("pp", "rp"), rounded as every other output is.
  function owners(d) {
    if (!d.so) return d.o || "";
    return (d.o || "(no owner)") + "/" + d.so;
  }
  function shownProgress(d) {
    if (d.s === "dropped") return null;
    var v = d.k === 2 ? d.pp : d.rp;
    return v === undefined ? null : v;
  }
  // The meta line's parts; each is drawn whole (a date cut at its hyphen says little), the line
  // wraps between them.
  function metaParts(d) {
    var parts = [];
    if (owners(d)) parts.push("@" + owners(d));
    if (d.hl) parts.push(d.hl);
    var p = shownProgress(d);
    if (p !== null) parts.push(p);
    if (d.du) parts.push("due " + d.du);
    if (d.h) parts.push("+" + d.h + " not in this export");
    // Each dot goes with the part before it, so no line starts with one.
    return parts.map(function (p, k) { return k < parts.length - 1 ? p + "\u00a0\u00b7" : p; });
  }
  function metaText(d) { return metaParts(d).join(" "); }
  function alsoText(d) {
    if (!d.a) return "";
    var first = N[d.a[0]].t.replace(/\s+/g, " ");
    return "also serves \u2192 " + first + (d.a.length > 1 ? " (+" + (d.a.length - 1) + ")" : "");
  }

  // How many lines a title takes, wrapped word by word as the browser will, from a table of
  // character widths: measuring every title with the canvas costs a third of a second on
  // 10,000 nodes, and the number of lines is all the layout needs.
  var family = getComputedStyle(document.documentElement).fontFamily;
  // Pens: 0 titles, 1 bold titles, 2 the small lines, 3 status chips.
  var pens = ["", "600 ", "", ""].map(function (weight, k) {
    var pen = document.createElement("canvas").getContext("2d");
    pen.font = weight + [TITLE_FONT, TITLE_FONT, SMALL_FONT, CHIP_FONT][k] + "px " + family;
    return pen;
  });
  var widths = [{}, {}, {}, {}];
  function textWidth(text, bold) {
    var table = widths[bold], sum = 0;
    for (var c = 0; c < text.length; c++) {
      var ch = text[c], w = table[ch];
      if (w === undefined) w = table[ch] = pens[bold].measureText(ch).width;
      sum += w;
    }
    return sum;
  }
  var SMALL = 2, CHIP = 3;
  var ROOM = WIDTH - 24; // the box less its border and padding
  // The icon before a title, with its margin (map.css), starts the first line.
  var ICON = ["\u25c9", "\u25c6", "\u25b8"];
  function lineCount(words, bold, lead, most) {
    var space = textWidth(" ", bold), lines = 1, used = lead;
    var gap = 0; // no space before the first word of a line
    for (var w = 0; w < words.length && lines <= most; w++) {
      if (!words[w]) continue;
      var width = textWidth(words[w], bold);
      if (used > 0 && used + gap + width > ROOM) { lines++; used = 0; gap = 0; }
      // A word wider than the box breaks anywhere (overflow-wrap), over several lines.
      while (width > ROOM) { lines++; width -= ROOM; }
      used += gap + width;
      gap = space;
    }
    return Math.min(most, lines);
  }
  // The meta line and the metric wrap (a date cut to "due 2026-…" says nothing); the
  // "also serves" line keeps to one, its parents are listed in full in the panel.
  function smallLines(d) {
    var meta = metaParts(d), lines = d.a ? 1 : 0;
    if (meta.length || d.s) {
      var chip = d.s ? textWidth(d.s, CHIP) + CHIP_PAD + (meta.length ? textWidth(" ", SMALL) : 0) : 0;
      lines += meta.length ? lineCount(meta, SMALL, chip, MAX_SMALL_LINES) : 1;
    }
    if (d.m) lines += lineCount(d.m.split(/\s+/), SMALL, 0, MAX_SMALL_LINES);
    return lines;
  }
  function measureNode(v) {
    var d = N[v], bold = d.k < 2 ? 1 : 0;
    var lines = lineCount(d.t.split(/\s+/), bold, textWidth(ICON[d.k], bold) + 4, MAX_TITLE_LINES);
    titleLines[v] = lines;
    H[v] = 12 + TITLE_LINE * lines + SMALL_LINE * smallLines(d);
  }

  /* ---- layout (tree.js) ---- */
  var SPACING = { column: COLUMN, gap: GAP, spread: SPREAD, rootGap: ROOT_GAP };
  function parentOf(v) { return N[v].p; }
  function layout() {
    shown = backmapTree.visible(roots, shownKids);
    for (var k = 0; k < shown.length; k++) if (!H[shown[k]]) measureNode(shown[k]);
    backmapTree.place(shown, roots, shownKids, parentOf, depth, H, SPACING, X, Y);
  }

  /* ---- drawing ---- */
  // What each element shows now, so a redraw writes only what changed: on a big map most
  // nodes keep their place when a branch opens, and every write costs a style recalculation.
  var baseClass = new Array(n), drawnClass = new Array(n), drawnStyle = new Array(n);
  var drawnToggle = new Array(n);

  function nodeElement(v) {
    var d = N[v];
    var cls = "node k" + d.k + (d.s ? " s-" + d.s : "") + (d.s === "dropped" ? " dropped" : "");
    if (d.f) cls += " sev-" + d.f[0][0];
    baseClass[v] = cls;
    var box = el("div", cls);
    box.dataset.id = d.i;
    box.dataset.index = String(v);
    var text = el("div", "c");
    var title = el("div", "t", d.t);
    title.style.cssText = "-webkit-line-clamp:" + titleLines[v] + ";max-height:" + TITLE_LINE * titleLines[v] + "px";
    // A title at the most lines a card shows may be cut: the whole of it shows on hover.
    if (titleLines[v] >= MAX_TITLE_LINES) title.title = d.t;
    text.appendChild(title);
    var meta = metaParts(d);
    if (meta.length || d.s) {
      var line = el("div", "l");
      if (d.s) line.appendChild(el("span", "st " + d.s, d.s));
      meta.forEach(function (part, k) {
        if (d.s || k) line.appendChild(document.createTextNode(" "));
        // A part wider than the card breaks anywhere rather than run out of it.
        line.appendChild(el("span", textWidth(part, SMALL) > ROOM ? null : "w", part));
      });
      text.appendChild(line);
    }
    if (d.m) text.appendChild(el("div", "l", d.m));
    if (d.a) text.appendChild(el("div", "l one also", alsoText(d)));
    box.appendChild(text);
    if (d.f) {
      var more = d.f.length > 1 ? " +" + (d.f.length - 1) : "";
      box.appendChild(el("span", "badge " + d.f[0][0], "! " + d.f[0][1] + more));
    }
    if (kids[v].length) box.appendChild(el("button", "tog"));
    box.title = d.t;
    return box;
  }

  function draw() {
    var visible = isVisible = new Uint8Array(n);
    var fragment = document.createDocumentFragment();
    for (var k = 0; k < shown.length; k++) {
      var v = shown[k];
      visible[v] = 1;
      var box = elements[v];
      if (!box) {
        box = elements[v] = nodeElement(v);
        fragment.appendChild(box);
      }
      var style = "height:" + H[v] + "px;transform:translate(" + X[v] + "px," + Y[v] + "px)";
      if (drawnStyle[v] !== style) box.style.cssText = drawnStyle[v] = style;
      var cls = baseClass[v];
      if (kids[v].length) {
        var hidden = folded(v);
        if (hidden) cls += " collapsed";
        var label = hidden ? "+" + hidden : "\u2212";
        if (drawnToggle[v] !== label) {
          drawnToggle[v] = label;
          box.lastChild.textContent = label;
          box.lastChild.title = hidden ? "Show " + hidden + " beneath" : "Hide " + beneath[v] + " beneath";
        }
      }
      if (searching && pass[v] === 1) cls += " match";
      if (querying && pass[v] === 0) cls += " faded";
      if (onPath[v] === 1) cls += " on-path";
      if (v === selected) cls += " selected";
      if (drawnClass[v] !== cls) box.className = drawnClass[v] = cls;
    }
    layer.appendChild(fragment);
    for (v = 0; v < n; v++) {
      if (elements[v] && !visible[v] && drawnStyle[v] !== "display:none") {
        elements[v].style.cssText = drawnStyle[v] = "display:none";
      }
    }
    var tree = [], path = [], also = [];
    for (k = 0; k < shown.length; k++) {
      v = shown[k];
      for (var u = 0; u < ups[v].length; u++) {
        var p = ups[v][u];
        var primary = u === 0 && N[v].p === p;
        if (primary) tree.push(curve(p, v));
        if (onPath[v] && onPath[p] && visible[p]) (primary ? path : also).push(curve(p, v));
      }
    }
    $("tree-edges").setAttribute("d", tree.join(""));
    $("path-edges").setAttribute("d", path.join(""));
    $("also-edges").setAttribute("d", also.join(""));
    world.classList.toggle("pathing", selected >= 0);

  }

  function curve(p, v) {
    var x1 = X[p] + WIDTH, y1 = Y[p] + H[p] / 2, x2 = X[v], y2 = Y[v] + H[v] / 2;
    var bend = Math.max(40, Math.abs(x2 - x1) / 2);
    return "M" + x1 + " " + y1.toFixed(1) + "C" + (x1 + bend) + " " + y1.toFixed(1) + " " +
      (x2 - bend) + " " + y2.toFixed(1) + " " + x2 + " " + y2.toFixed(1);
  }

  function refresh() { layout(); draw(); }

  /* ---- pan and zoom ---- */
  function place() {
    world.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + scale + ")";
  }
  function zoomAt(factor, cx, cy) {
    var next = Math.min(3, Math.max(0.04, scale * factor));
    tx = cx - (cx - tx) * (next / scale);
    ty = cy - (cy - ty) * (next / scale);
    scale = next;
    place();
  }
  function bounds() {
    var maxX = 0, minY = Infinity, maxY = 0;
    for (var k = 0; k < shown.length; k++) {
      var v = shown[k];
      maxX = Math.max(maxX, X[v] + WIDTH + 16);
      minY = Math.min(minY, Y[v]);
      maxY = Math.max(maxY, Y[v] + H[v]);
    }
    return { w: maxX, top: minY === Infinity ? 0 : minY, h: maxY - (minY === Infinity ? 0 : minY) };
  }
  // The whole map if it stays readable; else readable, from the top left.
  function fit(readable) {
    var b = bounds(), vw = view.clientWidth, vh = view.clientHeight, pad = 24;
    var whole = Math.min(1, (vw - 2 * pad) / b.w, (vh - 2 * pad) / Math.max(b.h, 1));
    scale = readable ? Math.max(whole, Math.min(READABLE, (vw - 2 * pad) / b.w)) : whole;
    var w = b.w * scale, h = b.h * scale;
    tx = w < vw ? (vw - w) / 2 : pad;
    ty = (h < vh ? (vh - h) / 2 : pad) - b.top * scale;
    place();
  }
  function centre(v) {
    var vw = view.clientWidth - ($("detail").hidden ? 0 : 380);
    if (scale < 0.5) scale = 0.8;
    tx = vw / 2 - (X[v] + WIDTH / 2) * scale;
    ty = view.clientHeight / 2 - (Y[v] + H[v] / 2) * scale;
    place();
  }

  var drag = null, moved = false;
  view.addEventListener("pointerdown", function (e) {
    if (e.button !== 0 || e.target.closest("#detail, .tog")) return;
    drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty, id: e.pointerId };
    moved = false;
  });
  view.addEventListener("pointermove", function (e) {
    if (!drag || e.pointerId !== drag.id) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!moved) { moved = true; view.setPointerCapture(drag.id); view.classList.add("panning"); }
    tx = drag.tx + dx;
    ty = drag.ty + dy;
    place();
  });
  function endDrag() { drag = null; view.classList.remove("panning"); }
  view.addEventListener("pointerup", endDrag);
  view.addEventListener("pointercancel", endDrag);
  view.addEventListener("wheel", function (e) {
    if (e.target.closest("#detail")) return;
    e.preventDefault();
    var r = view.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  /* ---- opening and closing ---- */
  function reveal(v) {
    for (var p = N[v].p; p !== undefined; p = N[p].p) open[p] = OPEN;
  }
  // Outcomes and goals, with the initiatives folded under their goals. A map with more goals
  // than GOAL_LIMIT opens level by level instead, as deep as stays under that many nodes.
  function openTop() {
    open.fill(0);
    var count = 0;
    for (var v = 0; v < n; v++) {
      if (N[v].k === 2) continue;
      count++;
      if (goalKids[v].length) open[v] = goalKids[v].length === kids[v].length ? OPEN : GOALS;
    }
    if (count <= GOAL_LIMIT) return;
    open.fill(0);
    var level = roots;
    count = roots.length;
    while (level.length) {
      var next = [];
      for (var k = 0; k < level.length; k++) Array.prototype.push.apply(next, kids[level[k]]);
      if (level !== roots && count + next.length > GOAL_LIMIT) break;
      for (k = 0; k < level.length; k++) open[level[k]] = OPEN;
      count += next.length;
      level = next;
    }
  }
  function toggle(v) {
    open[v] = open[v] === OPEN ? CLOSED : OPEN;
    var before = { x: X[v], y: Y[v] };
    refresh();
    // Keep the node that was clicked where it was on the screen.
    tx += (before.x - X[v]) * scale;
    ty += (before.y - Y[v]) * scale;
    place();
  }

  /* ---- search and filters ---- */
  var haystack = null;
  function texts() {
    haystack = new Array(n);
    for (var v = 0; v < n; v++) {
      var d = N[v];
      haystack[v] = [d.t, d.i, d.o || "", d.so || "", (d.g || []).join(" "), d.d || ""].join("\n").toLowerCase();
    }
  }
  // With a people file, "w" names the people a node's owners mean (the exporter resolved
  // names and handles to ids); without one, owners are the text written.
  function ownerKeys(d) {
    if (d.w) return d.w;
    return d.so ? (d.o ? [d.o, d.so] : [d.so]) : d.o ? [d.o] : [];
  }
  var TEAMS = {};
  (DATA.teams || []).forEach(function (t) {
    TEAMS[t[0]] = {};
    t[1].forEach(function (id) { TEAMS[t[0]][id] = 1; });
  });
  var filters = [["owner", function (d, x) { return ownerKeys(d).indexOf(x) >= 0; }],
    ["team", function (d, x) {
      return ownerKeys(d).some(function (k) { return TEAMS[x][k] === 1; });
    }],
    ["status", function (d, x) { return (d.s || "none") === x; }],
    ["tag", function (d, x) { return !!d.g && d.g.indexOf(x) >= 0; }]];
  function fillFilters() {
    var found = { owner: {}, status: {}, tag: {} };
    for (var v = 0; v < n; v++) {
      var d = N[v];
      ownerKeys(d).forEach(function (k) { found.owner[k] = 1; });
      found.status[d.s || "none"] = 1;
      (d.g || []).forEach(function (t) { found.tag[t] = 1; });
    }
    function plain(keys) { return keys.map(function (k) { return [k, k]; }); }
    var choices = {
      owner: DATA.owners || plain(Object.keys(found.owner).sort()),
      team: (DATA.teams || []).map(function (t) { return [t[0], t[0]]; }),
      status: STATUSES.concat(["none"]).filter(function (s) { return found.status[s]; })
        .map(function (s) { return [s, s === "none" ? "(no status)" : s]; }),
      tag: plain(Object.keys(found.tag).sort())
    };
    filters.forEach(function (f) {
      var select = $(f[0]);
      choices[f[0]].forEach(function (c) {
        var option = el("option", null, c[1]);
        option.value = c[0];
        select.appendChild(option);
      });
      select.disabled = choices[f[0]].length === 0;
    });
    // A map without a people file has no teams to choose from.
    $("team").parentNode.hidden = !DATA.teams || DATA.teams.length === 0;
  }
  var matches = [], current = -1;
  function thousands(count) { return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function query() {
    var words = $("search").value.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = filters.map(function (f) { return [f[1], $(f[0]).value]; })
      .filter(function (f) { return f[1] !== ""; });
    searching = words.length > 0;
    querying = searching || chosen.length > 0;
    matches = [];
    current = -1;
    if (searching && !haystack) texts();
    for (var v = 0; v < n; v++) {
      var ok = 1, d = N[v];
      for (var w = 0; ok && w < words.length; w++) if (haystack[v].indexOf(words[w]) < 0) ok = 0;
      for (var f = 0; ok && f < chosen.length; f++) if (!chosen[f][0](d, chosen[f][1])) ok = 0;
      pass[v] = ok;
      if (ok && querying) matches.push(v);
    }
    // The first letters typed match most of a big map: opening all their branches would draw
    // all of it. Past REVEAL_LIMIT matches, Enter opens them one at a time instead.
    var opening = matches.length <= REVEAL_LIMIT;
    if (opening) matches.forEach(reveal);
    $("count").textContent = !querying ? "" : matches.length === 0 ? "no match" :
      matches.length === 1 ? "1 match" : thousands(matches.length) + " matches" +
      (opening ? "" : " (Enter: next)");
    refresh();
    if (matches.length && opening) showMatches();
  }
  // After the search or a filter changes: all the matches, if they fit at a readable size,
  // else the first of them. Otherwise they could all be off-screen, the rest merely faded.
  function showMatches() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    matches.forEach(function (v) {
      if (!isVisible[v]) return;
      minX = Math.min(minX, X[v]); maxX = Math.max(maxX, X[v] + WIDTH + 30);
      minY = Math.min(minY, Y[v]); maxY = Math.max(maxY, Y[v] + H[v]);
    });
    var vw = view.clientWidth - ($("detail").hidden ? 0 : 380), vh = view.clientHeight, pad = 24;
    var s = Math.min(1, (vw - 2 * pad) / (maxX - minX), (vh - 2 * pad) / (maxY - minY));
    if (minX === Infinity || s < MATCHES_READABLE) {
      current = 0;
      centre(matches[0]);
      return;
    }
    current = -1; // Enter goes to the first match
    scale = s;
    tx = vw / 2 - (minX + maxX) / 2 * scale;
    ty = vh / 2 - (minY + maxY) / 2 * scale;
    place();
  }
  function next() {
    if (!matches.length) return;
    current = (current + 1) % matches.length;
    var v = matches[current];
    if (!isVisible[v]) { reveal(v); refresh(); }
    centre(v);
  }
  var typing = 0;
  $("search").addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(query, n > 2000 ? 160 : 60);
  });
  $("search").addEventListener("keydown", function (e) {
    if (e.key === "Enter") { clearTimeout(typing); if (!matches.length) query(); else next(); }
    if (e.key === "Escape") { $("search").value = ""; query(); $("search").blur(); }
  });
  filters.forEach(function (f) { $(f[0]).addEventListener("change", query); });

  /* ---- selection, paths up and the detail panel ---- */
  function select(v, jump) {
    selected = v;
    onPath.fill(0);
    if (v >= 0) {
      // Every way up, through first parents and the others alike.
      var stack = [v];
      onPath[v] = 1;
      while (stack.length) {
        var u = stack.pop();
        reveal(u);
        for (var k = 0; k < ups[u].length; k++) {
          if (!onPath[ups[u][k]]) { onPath[ups[u][k]] = 1; stack.push(ups[u][k]); }
        }
      }
    }
    refresh();
    showDetail(v);
    if (v >= 0 && jump) centre(v);
    else if (v >= 0) keepClear(v);
  }
  // A node chosen by a click stays in sight, to the left of the panel that now tells about it.
  function keepClear(v) {
    var room = view.clientWidth - ($("detail").offsetWidth + 30);
    var right = tx + (X[v] + WIDTH + 20) * scale;
    var top = ty + Y[v] * scale, bottom = ty + (Y[v] + H[v]) * scale;
    if (right > room) tx -= right - room;
    if (top < 0 || bottom > view.clientHeight) ty = view.clientHeight / 2 - (Y[v] + H[v] / 2) * scale;
    place();
  }
  // A link to the node's own address (#id): it wraps like text, and opens in a new tab.
  function jumpLink(v) {
    var a = el("a", "jump", N[v].t);
    a.href = "#" + N[v].i;
    a.dataset.target = String(v);
    return a;
  }
  function httpLink(text) {
    try {
      var url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) { return null; }
  }
  function linkTo(text, label) {
    var href = httpLink(text);
    if (!href) return el("span", null, label || text);
    var a = el("a", null, label || text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function listOf(items, limit) {
    var ul = el("ul");
    items.slice(0, limit).forEach(function (item) {
      var li = el("li");
      li.appendChild(item);
      ul.appendChild(li);
    });
    if (items.length > limit) ul.appendChild(el("li", null, "and " + (items.length - limit) + " more"));
    return ul;
  }
  function showDetail(v) {
    var panel = $("detail"), body = $("detail-body");
    body.textContent = "";
    if (v < 0) { panel.hidden = true; return; }
    var d = N[v];
    var head = el("div", "kind", KINDS[d.k] + " ");
    head.appendChild(el("code", null, d.i));
    body.appendChild(head);
    body.appendChild(el("h2", null, d.t));
    if (d.d) body.appendChild(el("p", "desc", d.d));
    var dl = el("dl");
    function row(name, value) {
      if (value === undefined || value === null || value === "") return;
      dl.appendChild(el("dt", null, name));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      dl.appendChild(dd);
    }
    row("Owner", d.o);
    row("Sub-owner", d.so);
    row("Status", d.s);
    row("Health", d.hl);
    if (d.pr !== undefined) row("Progress", progressBar(d.pr, d.pp));
    if (d.r !== undefined && d.k !== 2) row("Beneath", progressBar(d.r, d.rp + " rolled up"));
    row("Metric", d.m);
    if (d.du) row("Due", d.du + (d.du < DATA.date && d.s !== "done" && d.s !== "dropped" ? " (overdue)" : ""));
    row("Tags", (d.g || []).join(", "));
    if (d.u) row("Link", linkTo(d.u));
    if (d.h) row("Left out", d.h + " supporters not in this export");
    body.appendChild(dl);
    if (d.f) {
      body.appendChild(el("h3", null, "Findings"));
      body.appendChild(listOf(d.f.map(function (f) {
        return el("span", "finding " + f[0], f[0] + ": " + f[2]);
      }), 50));
    }
    if (d.p !== undefined) {
      body.appendChild(el("h3", null, "Serves"));
      body.appendChild(listOf([jumpLink(d.p)], 1));
    }
    if (d.a) {
      body.appendChild(el("h3", null, "Also serves"));
      body.appendChild(listOf(d.a.map(jumpLink), 50));
    }
    if (supporters[v].length) {
      body.appendChild(el("h3", null, "Supported by " + supporters[v].length));
      body.appendChild(listOf(supporters[v].map(jumpLink), 40));
    }
    if (d.l) {
      body.appendChild(el("h3", null, "Links"));
      body.appendChild(listOf(d.l.map(function (l) { return linkTo(l); }), 50));
    }
    panel.hidden = false;
  }
  function progressBar(value, words) {
    var box = el("div", null, words);
    var bar = el("div", "bar"), fill = el("span");
    fill.style.width = Math.max(0, Math.min(100, value)) + "%";
    bar.appendChild(fill);
    box.appendChild(bar);
    return box;
  }

  layer.addEventListener("click", function (e) {
    if (moved) { moved = false; return; }
    var box = e.target.closest(".node");
    if (!box) return;
    var v = Number(box.dataset.index);
    if (e.target.closest(".tog")) toggle(v); else select(v === selected ? -1 : v, false);
  });
  $("detail").addEventListener("click", function (e) {
    var b = e.target.closest(".jump");
    if (b && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      select(Number(b.dataset.target), true);
    }
  });
  $("close").addEventListener("click", function () { select(-1); });
  $("expand").addEventListener("click", function () { open.fill(OPEN); refresh(); fit(true); });
  $("collapse").addEventListener("click", function () {
    openTop();
    if (selected >= 0) select(selected); else refresh();
    fit(true);
  });
  $("fit").addEventListener("click", function () { fit(false); });
  $("zoom-in").addEventListener("click", function () { zoomAt(1.25, view.clientWidth / 2, view.clientHeight / 2); });
  $("zoom-out").addEventListener("click", function () { zoomAt(0.8, view.clientWidth / 2, view.clientHeight / 2); });
  document.addEventListener("keydown", function (e) {
    if (e.target.closest && e.target.closest("input, select, textarea")) return;
    if (e.key === "/") { e.preventDefault(); $("search").focus(); }
    else if (e.key === "Escape") select(-1);
    else if (e.key === "+" || e.key === "=") zoomAt(1.25, view.clientWidth / 2, view.clientHeight / 2);
    else if (e.key === "-") zoomAt(0.8, view.clientWidth / 2, view.clientHeight / 2);
  });

  /* ---- header and legend ---- */
  function legend() {
    var box = $("legend");
    [0, 1, 2].forEach(function (k) {
      var item = el("span");
      item.appendChild(el("span", "sw k" + k));
      item.appendChild(document.createTextNode(KINDS[k]));
      box.appendChild(item);
    });
    STATUSES.forEach(function (s) { box.appendChild(el("span", "st " + s, s)); });
    if (DATA.findings) {
      var finding = el("span");
      finding.appendChild(el("span", "badge error", "! finding"));
      finding.firstChild.style.position = "static";
      box.appendChild(finding);
    }
    var serves = el("span");
    serves.appendChild(el("span", "solid"));
    serves.appendChild(document.createTextNode("serves"));
    box.appendChild(serves);
    var also = el("span");
    also.appendChild(el("span", "dash"));
    also.appendChild(document.createTextNode("also serves (on a highlighted path)"));
    box.appendChild(also);
  }
  function summary() {
    var counts = [0, 0, 0];
    for (var v = 0; v < n; v++) counts[N[v].k]++;
    var words = counts.map(function (c, k) { return c + " " + KINDS[k] + (c === 1 ? "" : "s"); });
    return words.join(" \u00b7 ") + " \u00b7 " + DATA.date;
  }

  $("title").textContent = DATA.title;
  $("summary").textContent = summary();
  legend();
  fillFilters();
  if (n > OPEN_LIMIT) openTop(); else open.fill(OPEN);
  refresh();
  fit(true);
  // map.html#some-id opens with that node chosen; so does changing the address later.
  var byId = null;
  function goToAddress() {
    var wanted = location.hash.slice(1);
    if (!wanted) return;
    if (!byId) { byId = {}; for (var v = 0; v < n; v++) byId[N[v].i] = v; }
    if (Object.prototype.hasOwnProperty.call(byId, wanted)) select(byId[wanted], true);
  }
  window.addEventListener("hashchange", goToAddress);
  goToAddress();
  document.body.dataset.ready = "1";
})();
