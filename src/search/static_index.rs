//! The static search index: script files under `static/search/<lang>/` that the browser loads
//! with plain `<script>` tags (no fetch, so that it works from `file://`), written from the same
//! records and analysis as the tantivy index so that both give the same answers
//! (`docs/search.md`).
//!
//! Every file is one call `window.WSIS_SEARCH_LOAD("<name>", {…});`. A language's files are:
//!
//! - `manifest`: record count, tokens per text field, shard lists, documents (names for reading
//!   citations, record ranges), paragraph numbers, glossary expressions already analysed, stop
//!   words;
//! - `r-<k>`: records `k * CHUNK ..`, for showing results (citation, address, text, …);
//! - `n-<number>`: the records whose id is `p<number>`, most cited first, with their `cited_by`;
//! - `p-<field>-<prefix>`: postings of the terms of a text field (`fr`, `en`) starting with
//!   `prefix`: per term its idf (as tantivy computes it, in `f32`), the folded words it comes
//!   from, and `(record delta, term frequency, quantised field length)` triples;
//! - `w-<prefix>`: folded word → term in each field, so that the browser needs no stemmer.
//!
//! Shards start as the first two characters of the key and split further (three, four …) when
//! they grow past a budget, so that a query loads a bounded amount whatever the corpus size.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{json, Value};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream};
use unicode_normalization::UnicodeNormalization;

use super::analyzer;
use super::glossary::Glossary;
use super::records::Record;
use crate::render::OutputFile;

/// Folder of the static index in the output.
pub const DIR: &str = "static/search";
/// Records per record file.
pub const CHUNK: usize = 64;
/// A record of a term's postings: (record, term frequency, quantised field length).
type Posting = (usize, u32, u32);
/// A record numbered so: (record, document, records citing it).
type Numbered = (usize, usize, Vec<usize>);
/// Text fields, as in the tantivy index.
const FIELDS: [&str; 2] = ["fr", "en"];
/// A postings shard splits when it holds more postings than this.
const POSTINGS_BUDGET: usize = 12_000;
/// A word shard splits when it holds more words than this.
const WORDS_BUDGET: usize = 1_500;

/// The field a text language is indexed in (French for any language without its own).
pub fn field_of(text_lang: &str) -> &'static str {
    if text_lang == "en" {
        "en"
    } else {
        "fr"
    }
}

/// A word as the browser looks it up: lower-cased, accents removed (canonical decomposition
/// without the marks), a few letters spelled out (`œ` → `oe`). `search.js` does the same.
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    for c in word.to_lowercase().nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            _ => out.push(c),
        }
    }
    out
}

/// The file name part of a shard prefix: ASCII letters and digits as they are, anything else as
/// `_<hex>-`.
pub fn shard_name(prefix: &str) -> String {
    let mut out = String::new();
    for c in prefix.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}-", c as u32));
        }
    }
    out
}

/// Splits keys into shards by prefix: two characters first, one more while a shard is over
/// `budget` (by the sizes given). A key shorter than its shard's children stays in the parent.
fn shards(sizes: &BTreeMap<String, usize>, budget: usize) -> BTreeMap<String, Vec<String>> {
    fn split(
        keys: Vec<(&String, usize)>,
        prefix: String,
        depth: usize,
        budget: usize,
        out: &mut BTreeMap<String, Vec<String>>,
    ) {
        let total: usize = keys.iter().map(|k| k.1).sum();
        if total <= budget || keys.len() <= 1 {
            out.insert(prefix, keys.into_iter().map(|k| k.0.clone()).collect());
            return;
        }
        let mut own = Vec::new();
        let mut groups: BTreeMap<String, Vec<(&String, usize)>> = BTreeMap::new();
        for k in keys {
            if k.0.chars().count() <= depth {
                own.push(k.0.clone());
            } else {
                groups
                    .entry(k.0.chars().take(depth + 1).collect())
                    .or_default()
                    .push(k);
            }
        }
        if !own.is_empty() {
            out.insert(prefix, own);
        }
        for (p, g) in groups {
            split(g, p, depth + 1, budget, out);
        }
    }
    let mut top: BTreeMap<String, Vec<(&String, usize)>> = BTreeMap::new();
    for (k, &n) in sizes {
        top.entry(k.chars().take(2).collect())
            .or_default()
            .push((k, n));
    }
    let mut out = BTreeMap::new();
    for (p, keys) in top {
        let depth = p.chars().count();
        split(keys, p, depth, budget, &mut out);
    }
    out
}

fn script(name: &str, value: &impl Serialize) -> Vec<u8> {
    let mut s = format!(
        "window.WSIS_SEARCH_LOAD({},",
        serde_json::to_string(name).unwrap()
    );
    s.push_str(&serde_json::to_string(value).expect("search data serialises"));
    s.push_str(");\n");
    s.into_bytes()
}

/// tantivy's idf, in `f32` as tantivy computes it.
fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// Every word of a text as the tokenizer cuts it (before stop words and stemming).
fn words(text: &str, out: &mut BTreeSet<String>) {
    let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .build();
    let mut s = a.token_stream(text);
    while s.advance() {
        out.insert(s.token().text.to_lowercase());
    }
}

/// The static index files of every page language of `records`.
pub fn files(records: &[Record], glossary: &Glossary) -> Vec<OutputFile> {
    let mut langs: Vec<&str> = records.iter().map(|r| r.lang.as_str()).collect();
    langs.sort_unstable();
    langs.dedup();
    // Documents and the names a query may cite them by, as `query::parse` reads them.
    let mut doc_ids: Vec<&str> = Vec::new();
    for r in records {
        if !doc_ids.contains(&r.doc.as_str()) {
            doc_ids.push(&r.doc);
        }
    }
    let mut names: Vec<(String, String)> = Vec::new();
    for r in records {
        for s in r.symbol.split(" – ") {
            names.push((s.to_lowercase(), r.doc.clone()));
        }
        names.push((r.doc.to_lowercase(), r.doc.clone()));
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    names.dedup();
    let names: Vec<Value> = names
        .iter()
        .map(|(n, d)| json!([n, doc_ids.iter().position(|x| x == d)]))
        .collect();
    // The glossary, analysed by each field's analyser.
    let mut analyzers: Vec<_> = FIELDS.iter().map(|f| analyzer::analyzer(f)).collect();
    let mut terms_of = |slot: usize, text: &str| -> Vec<String> {
        analyzer::terms(&mut analyzers[slot], text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    };
    let mut glossary_terms: [BTreeSet<String>; 2] = Default::default();
    let gloss: Vec<Vec<Value>> = glossary
        .entries
        .iter()
        .map(|entry| {
            entry
                .iter()
                .map(|e| {
                    let fr = terms_of(0, e);
                    let en = terms_of(1, e);
                    glossary_terms[0].extend(fr.iter().cloned());
                    glossary_terms[1].extend(en.iter().cloned());
                    json!({"s": e, "fr": fr, "en": en})
                })
                .collect()
        })
        .collect();
    // Every word of every text (any page language) and of the glossary.
    let mut all_words = BTreeSet::new();
    for r in records {
        words(&r.text, &mut all_words);
    }
    for e in glossary.entries.iter().flatten() {
        words(e, &mut all_words);
    }
    // Per word and field: the term, or nothing for a stop word.
    let mut word_terms: Vec<(String, [Option<String>; 2])> = Vec::new();
    let mut stop: [BTreeSet<String>; 2] = Default::default();
    for w in &all_words {
        let mut t: [Option<String>; 2] = [None, None];
        for slot in 0..2 {
            match terms_of(slot, w).into_iter().next() {
                Some(term) => t[slot] = Some(term),
                None => {
                    stop[slot].insert(w.clone());
                }
            }
        }
        word_terms.push((w.clone(), t));
    }

    let mut out = Vec::new();
    for lang in langs {
        let local: Vec<(usize, &Record)> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.lang == lang)
            .collect();
        let position: HashMap<usize, usize> = local
            .iter()
            .enumerate()
            .map(|(k, (i, _))| (*i, k))
            .collect();
        let n = local.len();
        let dir = format!("{DIR}/{lang}");
        // Analysis of every record, in its text language's field.
        let mut tokens = [0u64; 2];
        let mut postings: [BTreeMap<String, Vec<Posting>>; 2] = Default::default();
        let mut norms = Vec::with_capacity(n);
        for (k, (_, r)) in local.iter().enumerate() {
            let slot = FIELDS
                .iter()
                .position(|f| *f == field_of(&r.text_lang))
                .unwrap();
            let terms = terms_of(slot, &r.text);
            tokens[slot] += terms.len() as u64;
            let norm = FieldNormReader::id_to_fieldnorm(FieldNormReader::fieldnorm_to_id(
                terms.len() as u32,
            ));
            norms.push(norm);
            let mut tf: BTreeMap<&str, u32> = BTreeMap::new();
            for t in &terms {
                *tf.entry(t.as_str()).or_default() += 1;
            }
            for (t, f) in tf {
                postings[slot]
                    .entry(t.to_string())
                    .or_default()
                    .push((k, f, norm));
            }
        }
        // Word → term table: a field's term only when the field has it (or the glossary does);
        // a word whose term is in neither matches nothing.
        let mut table: BTreeMap<String, [Value; 2]> = BTreeMap::new();
        let mut forms: [BTreeMap<&str, BTreeSet<String>>; 2] = Default::default();
        for (w, t) in &word_terms {
            let key = fold(w);
            let mut v = [Value::from(0), Value::from(0)];
            let mut any = false;
            for slot in 0..2 {
                if let Some(term) = &t[slot] {
                    if postings[slot].contains_key(term) || glossary_terms[slot].contains(term) {
                        v[slot] = Value::from(term.as_str());
                        any = true;
                    }
                    if let Some((term, _)) = postings[slot].get_key_value(term) {
                        forms[slot].entry(term).or_default().insert(key.clone());
                    }
                }
            }
            if any {
                // Words that fold alike but not to the same terms keep the first (stop words are
                // read apart, so this is a difference of folding only).
                table.entry(key).or_insert(v);
            }
        }
        // Postings shards, per field.
        let mut field_shards = serde_json::Map::new();
        for (slot, field) in FIELDS.iter().enumerate() {
            let sizes: BTreeMap<String, usize> = postings[slot]
                .iter()
                .map(|(t, p)| (t.clone(), p.len() + 4))
                .collect();
            let plan = shards(&sizes, POSTINGS_BUDGET);
            for (prefix, terms) in &plan {
                let mut data = serde_json::Map::new();
                for t in terms {
                    let p = &postings[slot][t];
                    let mut flat = Vec::with_capacity(p.len() * 3);
                    let mut last = 0;
                    for &(k, f, norm) in p {
                        flat.push((k - last) as u64);
                        flat.push(f as u64);
                        flat.push(norm as u64);
                        last = k;
                    }
                    let forms: Vec<&String> = forms[slot]
                        .get(t.as_str())
                        .map(|s| s.iter().collect())
                        .unwrap_or_default();
                    data.insert(
                        t.clone(),
                        json!([idf(p.len() as u64, n as u64), forms, flat]),
                    );
                }
                let name = format!("p-{field}-{}", shard_name(prefix));
                out.push(OutputFile {
                    path: format!("{dir}/{name}.js"),
                    bytes: script(&name, &data),
                });
            }
            field_shards.insert(
                field.to_string(),
                json!({"tokens": tokens[slot], "shards": plan.keys().collect::<Vec<_>>()}),
            );
        }
        // Word shards.
        let sizes: BTreeMap<String, usize> = table.keys().map(|k| (k.clone(), 1)).collect();
        let word_plan = shards(&sizes, WORDS_BUDGET);
        for (prefix, keys) in &word_plan {
            let data: BTreeMap<&String, &[Value; 2]> =
                keys.iter().map(|k| (k, &table[k])).collect();
            let name = format!("w-{}", shard_name(prefix));
            out.push(OutputFile {
                path: format!("{dir}/{name}.js"),
                bytes: script(&name, &data),
            });
        }
        // Records, in chunks.
        let cited_by = |r: &Record| -> Vec<usize> {
            let mut v: Vec<usize> = r
                .cited_by
                .iter()
                .filter_map(|i| position.get(i).copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let doc_index = |d: &str| doc_ids.iter().position(|x| *x == d).unwrap();
        for (c, chunk) in local.chunks(CHUNK).enumerate() {
            let data: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(j, (_, r))| {
                    json!({
                        "citation": r.citation,
                        "url": r.url,
                        "doc": doc_index(&r.doc),
                        "id": r.id,
                        "number": r.number,
                        "text_lang": r.text_lang,
                        "field": field_of(&r.text_lang),
                        "text": r.text,
                        "cited_by": cited_by(r),
                        "norm": norms[c * CHUNK + j],
                    })
                })
                .collect();
            let name = format!("r-{c}");
            out.push(OutputFile {
                path: format!("{dir}/{name}.js"),
                bytes: script(&name, &data),
            });
        }
        // Paragraph numbers: the records whose id is `p<number>`, most cited first.
        let mut numbers: BTreeMap<&str, Vec<Numbered>> = BTreeMap::new();
        for (k, (_, r)) in local.iter().enumerate() {
            if let Some(num) = r.id.strip_prefix('p') {
                if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
                    numbers
                        .entry(num)
                        .or_default()
                        .push((k, doc_index(&r.doc), cited_by(r)));
                }
            }
        }
        for (num, list) in &mut numbers {
            list.sort_by_key(|(k, _, c)| (std::cmp::Reverse(c.len()), *k));
            let name = format!("n-{num}");
            out.push(OutputFile {
                path: format!("{dir}/{name}.js"),
                bytes: script(&name, list),
            });
        }
        // Document ranges (records are ordered by document).
        let mut ranges: Vec<Value> = vec![Value::Null; doc_ids.len()];
        for (k, (_, r)) in local.iter().enumerate() {
            let d = doc_index(&r.doc);
            match &mut ranges[d] {
                Value::Null => ranges[d] = json!([k, 1]),
                v => v[1] = json!(v[1].as_u64().unwrap() + 1),
            }
        }
        let manifest = json!({
            "version": 1,
            "lang": lang,
            "n": n,
            "chunk": CHUNK,
            "chunks": n.div_ceil(CHUNK),
            "fields": field_shards,
            "words": word_plan.keys().collect::<Vec<_>>(),
            "numbers": numbers.keys().collect::<Vec<_>>(),
            "docs": doc_ids,
            "ranges": ranges,
            "names": names,
            "glossary": gloss,
            "stop": {"fr": stop[0], "en": stop[1]},
        });
        out.push(OutputFile {
            path: format!("{dir}/manifest.js"),
            bytes: script("manifest", &manifest),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_shard_names() {
        assert_eq!(fold("Numérique"), "numerique");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(shard_name("co"), "co");
        assert_eq!(shard_name("é1"), "_e9-1");
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let sizes: BTreeMap<String, usize> = [("co", 1), ("com", 5), ("con", 5), ("da", 1)]
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect();
        let plan = shards(&sizes, 6);
        assert_eq!(plan.keys().collect::<Vec<_>>(), ["co", "com", "con", "da"]);
        assert_eq!(plan["co"], ["co"]);
    }
}
