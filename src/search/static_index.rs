//! The static search index: script files under `static/search/<lang>/` that the browser loads
//! with plain `<script>` tags (no fetch, so that it works from `file://`), written from the same
//! records and analysis as the tantivy index so that both give the same answers
//! (`docs/search.md`).
//!
//! Every file is one call `window.WSIS_SEARCH_LOAD("<name>", "<data>");` where `<data>` is the
//! file's JSON, gzip-compressed and written in base64 (the browser inflates it with
//! `DecompressionStream`). A language's files are:
//!
//! - `manifest`: record count, tokens per text field, where each shard starts, documents (names
//!   for reading citations, record ranges), paragraph numbers, glossary expressions already
//!   analysed, stop words;
//! - `r-<k>`: records `k * CHUNK ..`, for showing results (citation, address, text, …);
//! - `n-<k>`: for paragraph numbers, the records whose id is `p<number>`, most cited first, with
//!   their `cited_by`;
//! - `p-<field>-<k>`: postings of the terms of a text field (`fr`, `en`): per term its idf (as
//!   tantivy computes it, in `f32`), the folded words it comes from, and `(record delta, term
//!   frequency, quantised field length)` triples;
//! - `w-<k>`: folded word → term in each field, so that the browser needs no stemmer.
//!
//! Keys (terms, words, numbers) are sorted and cut into consecutive shards of about
//! [`SHARD_BYTES`] of JSON each; the manifest lists each shard's first key, and the browser finds
//! a key's shard by binary search. A query loads a bounded amount whatever the corpus size, and
//! the site holds a few dozen files rather than one per prefix.

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
/// About how much JSON a shard holds before it is compressed.
pub const SHARD_BYTES: usize = 48 * 1024;
/// Deflate level of the shards: 2 gives files within 15 % of level 6 at a third of the time
/// (the index is built at every build).
const GZIP_LEVEL: u32 = 2;

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

/// Cuts sorted `(key, JSON text)` entries into consecutive shards of about `budget` bytes of
/// JSON. Returns each shard's first key and the shard as the text of one JSON object. Values are
/// kept as text, not as `serde_json::Value` trees, so that a large corpus's postings fit in
/// memory.
fn pack(entries: Vec<(String, String)>, budget: usize) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, value) in entries {
        let field = format!(
            "{}:{value}",
            serde_json::to_string(&key).expect("a string serialises")
        );
        match out.last_mut() {
            Some((_, object)) if object.len() + field.len() < budget => {
                object.push(',');
                object.push_str(&field);
            }
            _ => out.push((key, format!("{{{field}"))),
        }
    }
    for (_, object) in &mut out {
        object.push('}');
    }
    out
}

/// Reads a text's terms in a text field (slot 0: `fr`, 1: `en`), with analysers of its own (one
/// reader a thread).
fn term_reader() -> impl FnMut(usize, &str) -> Vec<String> {
    let mut analyzers: Vec<_> = FIELDS.iter().map(|f| analyzer::analyzer(f)).collect();
    move |slot, text| {
        analyzer::terms(&mut analyzers[slot], text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }
}

/// Packs `entries` into shards named `<prefix><k>` (`p-fr-0`, `w-3`) under `dir`; returns each
/// shard's first key, for the manifest.
fn write_shards(
    out: &mut Vec<OutputFile>,
    dir: &str,
    prefix: &str,
    entries: Vec<(String, String)>,
) -> Vec<String> {
    pack(entries, SHARD_BYTES)
        .into_iter()
        .enumerate()
        .map(|(k, (start, data))| {
            let name = format!("{prefix}{k}");
            out.push(OutputFile {
                path: format!("{dir}/{name}.js"),
                bytes: script_json(&name, data.as_bytes()),
            });
            start
        })
        .collect()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn script(name: &str, value: &impl Serialize) -> Vec<u8> {
    script_json(
        name,
        &serde_json::to_vec(value).expect("search data serialises"),
    )
}

/// A file's script from its JSON text.
fn script_json(name: &str, json: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    gz.write_all(json).expect("writing to memory");
    let packed = gz.finish().expect("writing to memory");
    format!(
        "window.WSIS_SEARCH_LOAD({},\"{}\");\n",
        serde_json::to_string(name).unwrap(),
        base64(&packed)
    )
    .into_bytes()
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
    let mut doc_position: HashMap<&str, usize> = HashMap::new();
    for r in records {
        doc_position.entry(r.doc.as_str()).or_insert_with(|| {
            doc_ids.push(&r.doc);
            doc_ids.len() - 1
        });
    }
    let names: Vec<Value> = super::query::document_names(records)
        .iter()
        .map(|(n, d)| json!([n, doc_position.get(d.as_str())]))
        .collect();
    // The glossary, analysed by each field's analyser.
    let mut terms_of = term_reader();
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

    // Each language's files are written apart, in parallel.
    use rayon::prelude::*;
    let per_lang: Vec<Vec<OutputFile>> = langs
        .par_iter()
        .map(|&lang| {
            let mut out = Vec::new();
            let mut terms_of = term_reader();
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
                        if postings[slot].contains_key(term) || glossary_terms[slot].contains(term)
                        {
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
                let mut entries = Vec::with_capacity(postings[slot].len());
                for (t, p) in &postings[slot] {
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
                    entries.push((
                        t.clone(),
                        serde_json::to_string(&(idf(p.len() as u64, n as u64), forms, flat))
                            .expect("postings serialise"),
                    ));
                }
                let starts = write_shards(&mut out, &dir, &format!("p-{field}-"), entries);
                field_shards.insert(
                    field.to_string(),
                    json!({"tokens": tokens[slot], "starts": starts}),
                );
            }
            // Word shards.
            let entries = table
                .into_iter()
                .map(|(k, v)| (k, serde_json::to_string(&v).expect("words serialise")))
                .collect();
            let word_starts = write_shards(&mut out, &dir, "w-", entries);
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
            let doc_index = |d: &str| doc_position[d];
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
            let number_list: Vec<&str> = numbers.keys().copied().collect();
            let mut entries = Vec::with_capacity(numbers.len());
            for (num, list) in &mut numbers {
                list.sort_by_key(|(k, _, c)| (std::cmp::Reverse(c.len()), *k));
                entries.push((
                    num.to_string(),
                    serde_json::to_string(list).expect("numbers serialise"),
                ));
            }
            let number_starts = write_shards(&mut out, &dir, "n-", entries);
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
                "version": 2,
                "lang": lang,
                "n": n,
                "chunk": CHUNK,
                "chunks": n.div_ceil(CHUNK),
                "fields": field_shards,
                "words": word_starts,
                "numbers": number_list,
                "number_starts": number_starts,
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
            out
        })
        .collect();
    per_lang.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Numérique"), "numerique");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn shards_are_consecutive_runs_of_about_the_budget() {
        let entries: Vec<(String, String)> = (0..100)
            .map(|i| (format!("k{i:03}"), format!("\"{}\"", "x".repeat(10))))
            .collect();
        let packed = pack(entries, 100);
        // Each entry is `"k000":"xxxxxxxxxx"` (19 bytes) and a comma: five to a shard.
        assert_eq!(packed.len(), 20);
        assert_eq!(packed[1].0, "k005");
        for (start, object) in &packed {
            let map: serde_json::Map<String, Value> = serde_json::from_str(object).unwrap();
            assert_eq!(map.len(), 5);
            assert_eq!(map.keys().next(), Some(start));
        }
        // An entry over the budget still gets a shard of its own.
        let big = pack(vec![("a".into(), format!("\"{}\"", "y".repeat(500)))], 100);
        assert_eq!(big.len(), 1);
    }

    #[test]
    fn base64_is_standard_and_padded() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
