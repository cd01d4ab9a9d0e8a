// wsis static search: runs in the browser from the script files of static/search/<lang>/,
// loaded with <script> tags (no fetch), so that it works over http:// and from file://.
// It follows docs/search.md and gives the answers of the tantivy index (src/search/index.rs):
// same citation reading, same glossary rules, BM25 computed in 32-bit floats as tantivy does.
// When the page names a search service (`data-search-api`, from `search.api` in wsis.yaml), the
// queries go there instead, in Quickwit's search API (docs/scale-out.md), and the static index
// answers when the service does not.
(function (root) {
  "use strict";

  var f32 = Math.fround;
  var K1 = f32(1.2);
  var B = f32(0.75);
  var K1_PLUS_ONE = f32(1 + K1);
  var ONE_MINUS_B = f32(1 - B);
  var GLOSSARY_WEIGHT = 0.5;
  var FIELDS = ["fr", "en"];
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var PARAGRAPH_WORDS = ["§§", "§", "paragraphes", "paragraphe", "paragraphs", "paragraph", "para.", "par."];

  // ---- Words --------------------------------------------------------------------------

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  // The words of a text as the index's tokenizer cuts them (letters and digits; words of 40
  // bytes or more are left out), with their positions.
  function tokens(text) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (utf8Length(m[0]) < 40) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // Lower-cased, accents removed, a few letters spelled out: src/search/static_index.rs `fold`.
  var SPELLED = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d" };
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[œæßøłđ]/g, function (c) {
      return SPELLED[c];
    });
  }

  function isAlnum(c) { return /[\p{Alphabetic}\p{N}]/u.test(c); }
  function isDigit(c) { return c >= "0" && c <= "9"; }
  function isWhite(c) { return /\s/.test(c); }
  function splitWhite(s) { return s.split(/\s+/).filter(function (w) { return w.length > 0; }); }

  // ---- Citations (src/search/query.rs) ------------------------------------------------

  function findWord(text, word) {
    var from = 0;
    var edge = function (c) { return c === undefined || !(isAlnum(c) || c === "/" || c === "."); };
    for (;;) {
      var i = text.indexOf(word, from);
      if (i < 0) return -1;
      var before = i > 0 ? Array.from(text.slice(0, i)).pop() : undefined;
      var after = i + word.length < text.length ? Array.from(text.slice(i + word.length))[0] : undefined;
      if (edge(before) && edge(after)) return i;
      from = i + word.length;
    }
  }

  function resolutionNumber(text) {
    for (var i = 0; i < text.length; i++) {
      var a = "";
      var j = i;
      while (j < text.length && isDigit(text[j])) a += text[j++];
      if (a === "" || a.length > 2) continue;
      var prev = i > 0 ? text[i - 1] : undefined;
      if (prev !== undefined && (isAlnum(prev) || prev === "/")) continue;
      if (text[j] !== "/") continue;
      var b = "";
      var k = j + 1;
      while (k < text.length && isDigit(text[k])) b += text[k++];
      if (b === "" || b.length > 4) continue;
      return { at: i, len: a.length + 1 + b.length, symbol: "A/RES/" + a + "/" + b };
    }
    return null;
  }

  function replaceRange(s, from, to, by) { return s.slice(0, from) + by + s.slice(to); }

  // Reads a query: { doc (index in manifest.docs) or null, number or null, words }.
  function parse(query, manifest) {
    var rest = " " + query.replace(/[\u00a0\u202f]/g, " ") + " ";
    var parsed = { doc: null, number: null, words: "" };
    var names = manifest.names;
    var lower = rest.toLowerCase();
    for (var n = 0; n < names.length; n++) {
      var i = findWord(lower, names[n][0]);
      if (i >= 0) {
        parsed.doc = names[n][1];
        rest = replaceRange(rest, i, i + names[n][0].length, " ");
        break;
      }
    }
    if (parsed.doc === null) {
      var res = resolutionNumber(rest);
      if (res) {
        var sym = res.symbol.toLowerCase();
        for (var m = 0; m < names.length; m++) {
          if (names[m][0] === sym) {
            parsed.doc = names[m][1];
            rest = replaceRange(rest, res.at, res.at + res.len, " ");
            break;
          }
        }
      }
    }
    lower = rest.toLowerCase();
    for (var k = 0; k < PARAGRAPH_WORDS.length; k++) {
      var kw = PARAGRAPH_WORDS[k];
      var at = lower.indexOf(kw);
      if (at < 0) continue;
      var after = at + kw.length;
      var digitsAt = after;
      while (digitsAt < lower.length && isWhite(lower[digitsAt])) digitsAt++;
      var digits = "";
      var d = digitsAt;
      while (d < lower.length && isDigit(lower[d])) digits += lower[d++];
      if (digits !== "") {
        parsed.number = digits;
        rest = replaceRange(rest, at, digitsAt + digits.length, " ");
        break;
      }
    }
    if (parsed.number === null) {
      var words = splitWhite(rest);
      var numbers = words.filter(function (w) { return w.length <= 3 && /^[0-9]+$/.test(w); });
      if (numbers.length === 1 && (words.length === 1 || parsed.doc !== null)) {
        parsed.number = numbers[0];
        rest = words.filter(function (w) { return w !== numbers[0]; }).join(" ");
      }
    }
    parsed.words = splitWhite(rest).filter(function (w) { return /[\p{Alphabetic}\p{N}]/u.test(w); }).join(" ");
    return parsed;
  }

  // ---- The engine ---------------------------------------------------------------------

  // Compares two keys by code points, as the index sorts them (UTF-16 order differs beyond the
  // basic plane).
  function compareKeys(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j);
  }

  // The shard a key would be in: the last one starting at or before it (null: before all).
  function shardOf(key, starts) {
    var lo = 0, hi = starts.length - 1, found = null;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compareKeys(starts[mid], key) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // Index files carry their JSON gzip-compressed, in base64.
  function decode(data) {
    if (typeof data !== "string") return Promise.resolve(data);
    var bin = atob(data);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  // `load(name)` returns a promise of the data of file `<name>.js`.
  function Engine(load) {
    this.load = load;
    this.cache = {};
    this.loaded = [];
  }

  Engine.prototype.file = function (name) {
    if (!this.cache[name]) {
      this.loaded.push(name);
      this.cache[name] = this.load(name).then(decode);
    }
    return this.cache[name];
  };

  Engine.prototype.manifest = function () {
    var self = this;
    return this.file("manifest").then(function (m) {
      if (!self.sets) {
        self.sets = {
          words: m.words,
          fr: m.fields.fr.starts,
          en: m.fields.en.starts,
          stop: { fr: new Set(m.stop.fr), en: new Set(m.stop.en) },
          numbers: new Set(m.numbers),
          numberStarts: m.number_starts,
        };
      }
      return m;
    });
  };

  // The terms of `text` in each field (an unknown word is a term no record has).
  Engine.prototype.analyse = function (text) {
    var self = this;
    var toks = tokens(text).map(function (t) { return t.word.toLowerCase(); });
    var keys = toks.map(fold);
    var shards = {};
    keys.forEach(function (k) {
      var s = shardOf(k, self.sets.words);
      if (s !== null) shards[s] = true;
    });
    // A word the corpus does not have is looked up again without a plural `s` or `x`
    // (`universelles` → `universelle`): the stemmers give both the same term.
    var plural = function (k) { return k.length > 3 && /[sx]$/.test(k) ? k.slice(0, -1) : null; };
    keys.forEach(function (k) {
      var p = plural(k);
      var s = p === null ? null : shardOf(p, self.sets.words);
      if (s !== null) shards[s] = true;
    });
    var names = Object.keys(shards);
    return Promise.all(names.map(function (s) { return self.file("w-" + s); })).then(function (tables) {
      var table = {};
      tables.forEach(function (t) { Object.assign(table, t); });
      var has = function (k) { return Object.prototype.hasOwnProperty.call(table, k); };
      var out = { fr: [], en: [] };
      FIELDS.forEach(function (field, slot) {
        toks.forEach(function (w, i) {
          if (self.sets.stop[field].has(w)) return;
          var k = keys[i];
          if (!has(k) && plural(k) !== null && has(plural(k))) k = plural(k);
          var v = has(k) ? table[k] : null;
          out[field].push(v && v[slot] ? v[slot] : "\u0000" + keys[i]);
        });
      });
      return out;
    });
  };

  Engine.prototype.postings = function (field, term) {
    if (term.charAt(0) === "\u0000") return Promise.resolve(null);
    var s = shardOf(term, this.sets[field]);
    if (s === null) return Promise.resolve(null);
    return this.file("p-" + field + "-" + s).then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
    });
  };

  Engine.prototype.records = function (indexes, manifest) {
    var self = this;
    var chunks = {};
    indexes.forEach(function (i) { chunks[Math.floor(i / manifest.chunk)] = true; });
    var list = Object.keys(chunks);
    return Promise.all(list.map(function (c) { return self.file("r-" + c); })).then(function (data) {
      var byChunk = {};
      list.forEach(function (c, k) { byChunk[c] = data[k]; });
      var out = {};
      indexes.forEach(function (i) {
        out[i] = byChunk[Math.floor(i / manifest.chunk)][i % manifest.chunk];
      });
      return out;
    });
  };

  function sameSeq(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function docOf(manifest, i) {
    // Records are ordered by document: each document is a range.
    var r = manifest.ranges;
    for (var d = 0; d < r.length; d++) {
      if (r[d] && i >= r[d][0] && i < r[d][0] + r[d][1]) return d;
    }
    return -1;
  }

  // Scores every record matching the clauses; returns [[score, record], …] best first.
  Engine.prototype.score = function (manifest, clauses) {
    var self = this;
    var jobs = [];
    FIELDS.forEach(function (field) {
      clauses[field].forEach(function (c) {
        c.terms.forEach(function (t) { jobs.push([field, t]); });
      });
    });
    return Promise.all(jobs.map(function (j) { return self.postings(j[0], j[1]); })).then(function (found) {
      var got = {};
      jobs.forEach(function (j, k) { got[j[0] + " " + j[1]] = found[k]; });
      var n = manifest.n;
      var total = {};
      FIELDS.forEach(function (field) {
        var avg = f32(f32(manifest.fields[field].tokens) / f32(n));
        var cache = {};
        var tfNorm = function (norm) {
          if (cache[norm] === undefined) {
            cache[norm] = f32(K1 * f32(ONE_MINUS_B + f32(f32(B * norm) / avg)));
          }
          return cache[norm];
        };
        clauses[field].forEach(function (clause) {
          // Per term: record → score, as tantivy's TermScorer.
          var perTerm = clause.terms.map(function (t) {
            var p = got[field + " " + t];
            var m = new Map();
            if (!p) return m;
            var weight = f32(f32(p[0] * K1_PLUS_ONE) * clause.boost);
            var flat = p[2];
            var rec = 0;
            for (var i = 0; i < flat.length; i += 3) {
              rec += flat[i];
              var tf = flat[i + 1];
              m.set(rec, f32(weight * f32(tf / f32(tf + tfNorm(flat[i + 2])))));
            }
            return m;
          });
          var clauseScores;
          if (perTerm.length === 1) {
            clauseScores = perTerm[0];
          } else {
            // An intersection sums its terms, rarest first (tantivy sorts them by cost).
            var order = perTerm.map(function (m, k) { return k; }).sort(function (a, b) {
              return perTerm[a].size - perTerm[b].size || a - b;
            });
            clauseScores = new Map();
            perTerm[order[0]].forEach(function (s, rec) {
              if (!order.every(function (k) { return perTerm[k].has(rec); })) return;
              var sum = f32(s + perTerm[order[1]].get(rec));
              var others = 0;
              for (var o = 2; o < order.length; o++) others = f32(others + perTerm[order[o]].get(rec));
              clauseScores.set(rec, order.length > 2 ? f32(sum + others) : sum);
            });
          }
          clauseScores.forEach(function (s, rec) {
            total[rec] = total[rec] === undefined ? s : f32(total[rec] + s);
          });
        });
      });
      var scored = Object.keys(total).map(function (r) { return [total[r], Number(r)]; });
      scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      return scored;
    });
  };

  // Runs a query. options: { doc: id or "", limit: 10 }. Resolves to a list of hits
  // { record, reason, score, terms } (terms: the field's terms, for the snippet).
  Engine.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    var limit = options.limit || 10;
    return this.manifest().then(function (m) {
      var parsed = parse(query, m);
      var docFilter = options.doc ? m.docs.indexOf(options.doc) : null;
      if (options.doc && docFilter < 0) docFilter = -2;
      var keep = function (i) { return docFilter === null || docOf(m, i) === docFilter; };
      return self.analyse(parsed.words).then(function (q) {
        // The glossary: a query that is one expression, whole, asks for the entry's
        // expressions equally; otherwise expressions found in it add their entry at 0.5.
        var whole = null;
        FIELDS.forEach(function (field) {
          if (whole || q[field].length === 0) return;
          m.glossary.some(function (entry) {
            if (entry.some(function (e) { return sameSeq(e[field], q[field]); })) { whole = entry; return true; }
            return false;
          });
        });
        var expansions = [];
        if (whole) {
          expansions = whole.slice();
        } else if (parsed.words !== "") {
          FIELDS.forEach(function (field) {
            var qt = q[field];
            m.glossary.forEach(function (entry) {
              var hit = entry.some(function (e) {
                var t = e[field];
                if (t.length === 0) return false;
                for (var i = 0; i + t.length <= qt.length; i++) {
                  if (sameSeq(qt.slice(i, i + t.length), t)) return true;
                }
                return false;
              });
              if (hit) {
                entry.forEach(function (e) {
                  if (!expansions.some(function (x) { return x.s === e.s; })) expansions.push(e);
                });
              }
            });
          });
        }
        var clauses = { fr: [], en: [] };
        FIELDS.forEach(function (field) {
          var list = clauses[field];
          if (!whole) {
            q[field].forEach(function (t) {
              if (!list.some(function (c) { return c.terms.length === 1 && c.terms[0] === t; })) {
                list.push({ terms: [t], boost: 1 });
              }
            });
          }
          expansions.forEach(function (e) {
            var t = e[field];
            if (t.length > 0 && !list.some(function (c) { return sameSeq(c.terms, t); })) {
              list.push({ terms: t.slice(), boost: whole ? 1 : GLOSSARY_WEIGHT });
            }
          });
        });
        return self.cited(m, parsed).then(function (cit) {
          var out = [];
          var seen = new Set();
          [[cit.cited, "cited"], [cit.citing, "citing"]].forEach(function (pair) {
            pair[0].forEach(function (i) {
              if (keep(i) && !seen.has(i)) { seen.add(i); out.push({ index: i, reason: pair[1], score: null }); }
            });
          });
          var any = clauses.fr.length + clauses.en.length > 0;
          var scoring = any ? self.score(m, clauses) : Promise.resolve([]);
          return scoring.then(function (scored) {
            for (var k = 0; k < scored.length && out.length < limit; k++) {
              var i = scored[k][1];
              if (keep(i) && !seen.has(i)) { seen.add(i); out.push({ index: i, reason: "text", score: scored[k][0] }); }
            }
            out = out.slice(0, limit);
            return self.records(out.map(function (h) { return h.index; }), m).then(function (recs) {
              return self.forms(clauses).then(function (forms) {
                return out.map(function (h) {
                  var r = recs[h.index];
                  return {
                    index: h.index,
                    doc: m.docs[r.doc],
                    id: r.id,
                    citation: r.citation,
                    url: r.url,
                    text: r.text,
                    text_lang: r.text_lang,
                    reason: h.reason,
                    score: h.score,
                    marks: marks(r.text, forms[r.field], self.sets.stop[r.field]),
                  };
                });
              });
            });
          });
        });
      });
    });
  };

  // The folded words that stand for the clauses' terms, per field (for marking snippets).
  Engine.prototype.forms = function (clauses) {
    var self = this;
    var jobs = [];
    FIELDS.forEach(function (field) {
      clauses[field].forEach(function (c) { c.terms.forEach(function (t) { jobs.push([field, t]); }); });
    });
    return Promise.all(jobs.map(function (j) { return self.postings(j[0], j[1]); })).then(function (ps) {
      var out = { fr: new Set(), en: new Set() };
      ps.forEach(function (p, k) { if (p) p[1].forEach(function (w) { out[jobs[k][0]].add(w); }); });
      return out;
    });
  };

  // Cited records (paragraph number and/or document), then the records citing them.
  Engine.prototype.cited = function (m, parsed) {
    var self = this;
    var empty = { cited: [], citing: [] };
    if (parsed.number === null && parsed.doc === null) return Promise.resolve(empty);
    if (parsed.number === null) {
      var range = m.ranges[parsed.doc];
      if (!range) return Promise.resolve(empty);
      return this.records([range[0]], m).then(function (r) {
        return { cited: [range[0]], citing: r[range[0]].cited_by.slice() };
      });
    }
    if (!self.sets.numbers.has(parsed.number)) return Promise.resolve(empty);
    var shard = shardOf(parsed.number, self.sets.numberStarts);
    return this.file("n-" + shard).then(function (numbers) {
      var list = numbers[parsed.number];
      var chosen = list;
      if (parsed.doc !== null) {
        chosen = list.filter(function (e) { return e[1] === parsed.doc; })
          .sort(function (a, b) { return a[0] - b[0]; }).slice(0, 1);
      }
      var citing = [];
      chosen.forEach(function (e) { e[2].forEach(function (c) { citing.push(c); }); });
      citing.sort(function (a, b) { return a - b; });
      citing = citing.filter(function (c, k) { return k === 0 || citing[k - 1] !== c; });
      return { cited: chosen.map(function (e) { return e[0]; }), citing: citing };
    });
  };

  // The positions of the words of `text` that stand for the query's terms.
  function marks(text, forms, stop) {
    return tokens(text).filter(function (t) {
      var w = t.word.toLowerCase();
      return !stop.has(w) && forms.has(fold(w));
    }).map(function (t) { return [t.start, t.end]; });
  }

  // About 240 characters around the first mark: [[text, marked?], …].
  function snippet(text, spans) {
    var WIDTH = 240;
    var first = spans.length ? spans[0][0] : 0;
    var start = Math.max(0, first - Math.floor(WIDTH / 3));
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0) start = sp + 1;
    }
    var end = Math.min(text.length, start + WIDTH);
    var parts = [];
    if (start > 0) parts.push(["… ", false]);
    var cut = start;
    spans.forEach(function (s) {
      if (s[0] < start || s[1] > end) return;
      parts.push([text.slice(cut, s[0]), false]);
      parts.push([text.slice(s[0], s[1]), true]);
      cut = s[1];
    });
    parts.push([text.slice(cut, end), false]);
    if (end < text.length) parts.push([" …", false]);
    return parts;
  }

  // ---- A search service (search.api; docs/scale-out.md) -------------------------------

  // A document symbol written in a query: letters (and digits) then parts after slashes, with
  // a digit somewhere (`A/RES/80/173`, `C26/93`, `E/2026/48`).
  var SYMBOL = /(^|[\s,;(])([A-Za-z]{1,8}[0-9]{0,4}(?:\/[A-Za-z0-9.\-]*[A-Za-z0-9])+)(?=$|[\s,;).])/;
  var SERVICE_TIMEOUT_MS = 8000;

  // A value as a Quickwit phrase: its own terms, whatever characters it holds.
  function quoted(value) {
    return "\"" + String(value).replace(/[\\"]/g, "\\$&") + "\"";
  }

  // The Quickwit query for a query of the search page, in page language `lang`, read as the
  // static search reads it (`parse`), with any symbol the query names as the document:
  // { query, words } where `query` is null when nothing is left to ask, and `words` are the
  // words the results' text is searched for (to mark them). The parts:
  //   lang:"fr"                       always (the page language);
  //   doc:"a-res-80-173"              when the document filter is set;
  //   symbol:"A/RES/80/173"           a symbol in the query (`80/173` is A/RES/80/173);
  //   number:"67"                     a paragraph number (`§67`, `par. 67`, a bare `67`);
  //   (text:"fracture" OR text:"numérique")   the other words, any of them;
  // all required (AND): a citation and words narrow each other.
  function serviceQuery(query, lang, options) {
    options = options || {};
    var text = query.replace(/[\u00a0\u202f]/g, " ");
    var names = [];
    var symbol = null;
    var m = SYMBOL.exec(text);
    if (m && /[0-9]/.test(m[2])) {
      symbol = m[2].toUpperCase();
    } else {
      var res = resolutionNumber(" " + text + " ");
      if (res) symbol = res.symbol;
    }
    if (symbol) names.push([symbol.toLowerCase(), 0]);
    var parsed = parse(text, { names: names });
    if (parsed.doc === null) symbol = null;
    var words = [];
    tokens(parsed.words).forEach(function (t) {
      var w = t.word.toLowerCase();
      if (words.indexOf(w) < 0) words.push(w);
    });
    var parts = [];
    if (symbol) parts.push("symbol:" + quoted(symbol));
    if (parsed.number !== null) parts.push("number:" + quoted(parsed.number));
    if (words.length) {
      parts.push("(" + words.map(function (w) { return "text:" + quoted(w); }).join(" OR ") + ")");
    }
    if (!parts.length) return { query: null, words: words };
    var filters = ["lang:" + quoted(lang)];
    if (options.doc) filters.push("doc:" + quoted(options.doc));
    return { query: filters.concat(parts).join(" AND "), words: words };
  }

  // The positions of the words of `text` that stand for `words` (accents, case and a final
  // plural `s` or `x` aside).
  function serviceMarks(text, words) {
    var bare = function (w) { return w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w; };
    var wanted = new Set(words.map(function (w) { return bare(fold(w)); }));
    return tokens(text).filter(function (t) { return wanted.has(bare(fold(t.word))); })
      .map(function (t) { return [t.start, t.end]; });
  }

  // Where a result leads, from the search page (`<lang>/search.html`): the record's `url` is
  // relative to the site root; an absolute http(s) address is kept; anything else has no link.
  function serviceHref(url) {
    if (typeof url !== "string" || url === "") return null;
    if (/^https?:\/\//i.test(url)) return url;
    if (/^[A-Za-z][A-Za-z0-9+.\-]*:/.test(url) || url.indexOf("//") === 0) return null;
    return "../" + url.replace(/^\/+/, "");
  }

  // Asks the service at `api` (Quickwit's `GET <api>?query=…`). Resolves to hits shaped as the
  // static engine's; rejects when the service cannot be reached, answers other than 2xx or
  // answers something that is not a list of hits. options: { doc, limit, fetch }.
  function serviceSearch(api, query, lang, options) {
    options = options || {};
    var fetchFn = options.fetch || root.fetch;
    var q = serviceQuery(query, lang, options);
    if (q.query === null) return Promise.resolve([]);
    if (typeof fetchFn !== "function") return Promise.reject(new Error("no fetch"));
    var url;
    try {
      url = new URL(api, root.location ? root.location.href : undefined);
    } catch (err) {
      return Promise.reject(err);
    }
    url.searchParams.set("query", q.query);
    url.searchParams.set("max_hits", String(options.limit || 10));
    url.searchParams.set("start_offset", "0");
    url.searchParams.set("sort_by", "_score");
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, SERVICE_TIMEOUT_MS) : null;
    var init = { method: "GET", headers: { Accept: "application/json" }, credentials: "omit" };
    if (controller) init.signal = controller.signal;
    return fetchFn(url.toString(), init).then(function (response) {
      if (!response.ok) throw new Error("the search service answered " + response.status);
      return response.json();
    }).then(function (body) {
      if (timer !== null) clearTimeout(timer);
      if (!body || !Array.isArray(body.hits)) throw new Error("the search service sent no hits");
      return body.hits.filter(function (h) { return h && typeof h === "object"; }).map(function (h) {
        var text = typeof h.text === "string" ? h.text : "";
        return {
          doc: h.doc,
          id: h.id,
          citation: String(h.citation || h.key || ""),
          url: h.url,
          href: serviceHref(h.url),
          text: text,
          text_lang: h.text_lang || lang,
          reason: "service",
          score: null,
          marks: serviceMarks(text, q.words),
        };
      });
    }, function (err) {
      if (timer !== null) clearTimeout(timer);
      throw err;
    });
  }

  // ---- Loading files with <script> tags ----------------------------------------------

  // Files a page carries inside itself (a single-file document) arrive before anyone asks.
  var waiting = {};
  var arrived = {};
  root.WSIS_SEARCH_LOAD = function (name, data) {
    var w = waiting[name];
    if (w) { delete waiting[name]; w.resolve(data); } else arrived[name] = data;
  };

  function scriptLoader(base) {
    return function (name) {
      if (Object.prototype.hasOwnProperty.call(arrived, name)) return Promise.resolve(arrived[name]);
      return new Promise(function (resolve, reject) {
        waiting[name] = { resolve: resolve, reject: reject };
        var s = document.createElement("script");
        s.src = base + name + ".js";
        s.async = true;
        s.onerror = function () {
          delete waiting[name];
          reject(new Error("cannot load " + s.src));
        };
        s.onload = function () {
          if (waiting[name]) { delete waiting[name]; reject(new Error(s.src + " did not load its data")); }
          s.parentNode.removeChild(s);
        };
        document.head.appendChild(s);
      });
    };
  }

  root.WsisSearch = {
    Engine: Engine, parse: parse, fold: fold, tokens: tokens, snippet: snippet,
    service: { query: serviceQuery, search: serviceSearch, marks: serviceMarks, href: serviceHref },
  };

  // ---- The page -------------------------------------------------------------------------

  function ui() {
    var page = document.getElementById("search");
    if (!page) return;
    var form = page.querySelector("form");
    var input = document.getElementById("search-q");
    var select = document.getElementById("search-doc");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var local = page.hasAttribute("data-local");
    var engine = new Engine(scriptLoader(page.getAttribute("data-index") || ""));
    // A search service, when wsis.yaml names one (search.api); none otherwise.
    var api = page.getAttribute("data-search-api");
    var lang = page.getAttribute("data-lang") || document.documentElement.lang || "fr";
    var current = 0;
    var params = new URLSearchParams(window.location.search);
    var q = params.get("q") || "";
    var doc = params.get("doc") || "";
    input.value = q;
    if (doc && select) select.value = doc;
    var fill = function (template, n, query) {
      return template.replace("{n}", String(n)).replace("{q}", query);
    };
    function run() {
      var query = input.value.trim();
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!query) { status.textContent = ""; return; }
      status.textContent = page.getAttribute("data-loading");
      var options = { doc: select ? select.value : "", limit: 10 };
      var seq = ++current;
      var fellBack = false;
      // The service when there is one; the static index when there is none or it fails.
      var searching = api
        ? serviceSearch(api, query, lang, options).catch(function () {
          fellBack = true;
          return engine.search(query, options);
        })
        : engine.search(query, options);
      searching.then(function (hits) {
        if (seq !== current) return;
        hits.forEach(function (h) {
          var li = document.createElement("li");
          var a = document.createElement(h.reason === "service" && !h.href ? "span" : "a");
          // In a single-file document, results are places in the page itself.
          if (h.reason === "service") {
            if (h.href) a.href = h.href;
          } else {
            a.href = local ? h.url.slice(h.url.indexOf("#")) : "../" + h.url;
          }
          a.className = "search-hit";
          a.textContent = h.citation;
          var p = document.createElement("p");
          p.lang = h.text_lang;
          snippet(h.text, h.marks).forEach(function (part) {
            if (part[1]) {
              var mark = document.createElement("mark");
              mark.textContent = part[0];
              p.appendChild(mark);
            } else {
              p.appendChild(document.createTextNode(part[0]));
            }
          });
          li.appendChild(a);
          li.appendChild(p);
          list.appendChild(li);
        });
        var said = hits.length
          ? fill(page.getAttribute("data-count"), hits.length, query)
          : fill(page.getAttribute("data-none"), 0, query);
        status.textContent = fellBack ? page.getAttribute("data-fallback") + " " + said : said;
      }, function () {
        if (seq !== current) return;
        status.textContent = page.getAttribute("data-failed");
      });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value.trim());
      if (select && select.value) url.searchParams.set("doc", select.value); else url.searchParams.delete("doc");
      try { window.history.replaceState(null, "", url.toString()); } catch (err) { /* file:// may refuse */ }
      run();
    });
    if (select) select.addEventListener("change", function () { if (input.value.trim()) run(); });
    // Arrow keys move between the results (and back to the search field from the first).
    list.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-hit"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
      if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : input).focus();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown") return;
      var first = list.querySelector("a.search-hit");
      if (first) { e.preventDefault(); first.focus(); }
    });
    if (q) run();
  }

  if (typeof document !== "undefined" && document.getElementById) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ui);
    else ui();
  }
})(typeof window !== "undefined" ? window : this);
