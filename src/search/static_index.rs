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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use serde::Serialize;
use serde_json::{json, Value};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream};
use unicode_normalization::UnicodeNormalization;

use super::analyzer;
use super::glossary::Glossary;
use super::records::Record;
use crate::diagnostic::Result;
use crate::render::{OutputFile, Sink};

/// Folder of the static index in the output.
pub const DIR: &str = "static/search";
/// Records per record file.
pub const CHUNK: usize = 64;
/// A record of a term's postings: (record, term frequency, quantised field length).
type Posting = (u32, u32, u32);
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

/// Packs sorted `(key, JSON text)` entries, as they come, into consecutive shards of about
/// `budget` bytes of JSON. Each full shard is handed to `emit` with its number and its text (one
/// JSON object); [`Packer::finish`] returns each shard's first key. Only one shard is held at a
/// time, so that a large corpus's postings never stand in memory as JSON whole.
struct Packer<F: FnMut(usize, String) -> Result<()>> {
    budget: usize,
    object: String,
    starts: Vec<String>,
    emit: F,
}

impl<F: FnMut(usize, String) -> Result<()>> Packer<F> {
    fn new(budget: usize, emit: F) -> Self {
        Packer {
            budget,
            object: String::new(),
            starts: Vec::new(),
            emit,
        }
    }

    fn push(&mut self, key: &str, value: &str) -> Result<()> {
        let key_json = serde_json::to_string(key).expect("a string serialises");
        if !self.object.is_empty()
            && self.object.len() + key_json.len() + 1 + value.len() < self.budget
        {
            self.object.push(',');
        } else {
            self.flush()?;
            self.starts.push(key.to_string());
            self.object.push('{');
        }
        self.object.push_str(&key_json);
        self.object.push(':');
        self.object.push_str(value);
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.object.is_empty() {
            return Ok(());
        }
        self.object.push('}');
        let k = self.starts.len() - 1;
        (self.emit)(k, std::mem::take(&mut self.object))
    }

    fn finish(mut self) -> Result<Vec<String>> {
        self.flush()?;
        Ok(self.starts)
    }
}

/// A packer of shards named `<prefix><k>` (`p-fr-0`, `w-3`) under `dir`, each written to `sink`
/// as soon as it is full.
fn shard_writer<'a>(
    sink: &'a dyn Sink,
    dir: &'a str,
    prefix: &'a str,
) -> Packer<impl FnMut(usize, String) -> Result<()> + 'a> {
    Packer::new(SHARD_BYTES, move |k, data| {
        let name = format!("{prefix}{k}");
        sink.put(OutputFile {
            path: format!("{dir}/{name}.js"),
            bytes: script_json(&name, data.as_bytes()),
        })
    })
}

/// Reads a text's terms in a text field (slot 0: `fr`, 1: `en`), with analysers of its own (one
/// reader a thread).
fn term_reader() -> impl FnMut(usize, &str) -> Vec<String> {
    let mut analyzers: Vec<_> = FIELDS.iter().map(|f| analyzer::analyzer(f)).collect();
    move |slot, text| {
        let mut out = Vec::new();
        let mut stream = analyzers[slot].token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }
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

/// Every word of `texts` as the tokenizer cuts them (before stop words and stemming),
/// lowercased, sorted; read in parallel.
fn words<'a>(texts: impl IntoParallelIterator<Item = &'a str>) -> Vec<String> {
    let reader = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .build()
    };
    let sets = texts.into_par_iter().fold(
        || (reader(), HashSet::new()),
        |(mut a, mut set): (TextAnalyzer, HashSet<String>), text| {
            {
                let mut s = a.token_stream(text);
                while s.advance() {
                    set.insert(s.token().text.to_lowercase());
                }
            }
            (a, set)
        },
    );
    let all = sets.map(|(_, set)| set).reduce(HashSet::new, |a, b| {
        let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        big.extend(small);
        big
    });
    let mut all: Vec<String> = all.into_iter().collect();
    all.sort_unstable();
    all
}

/// The terms of the distinct texts of a set of records, each text analysed once (an English page
/// showing the French text where it has no English shares the French page's analysis).
struct Analysed {
    /// Per record, its text's number in `texts`.
    text_of: Vec<u32>,
    texts: Vec<Text>,
    /// Per slot, its terms, numbered.
    terms: [Terms; 2],
}

/// Terms numbered in the order they are first met.
#[derive(Default)]
struct Terms {
    /// Every term, by number.
    vocabulary: Vec<String>,
    /// Term → number.
    numbers: HashMap<String, u32>,
}

impl Terms {
    /// The number of `term`, given it now if it has none yet.
    fn number(&mut self, term: &str) -> u32 {
        if let Some(&n) = self.numbers.get(term) {
            return n;
        }
        let n = self.vocabulary.len() as u32;
        self.vocabulary.push(term.to_string());
        self.numbers.insert(term.to_string(), n);
        n
    }
}

/// A distinct text, analysed: its field's slot, its number of terms, and its terms with their
/// frequency, by term number (in the slot's vocabulary).
type Text = (usize, u32, Vec<(u32, u32)>);

/// The slot of a record's text field.
fn slot_of(r: &Record) -> usize {
    let field = field_of(&r.text_lang);
    FIELDS.iter().position(|f| *f == field).unwrap()
}

impl Analysed {
    fn new(records: &[Record]) -> Analysed {
        let mut text_of = Vec::with_capacity(records.len());
        let mut distinct: HashMap<(usize, &str), u32> = HashMap::new();
        let mut unique: Vec<(usize, &str)> = Vec::new();
        for r in records {
            let key = (slot_of(r), r.text.as_str());
            let n = *distinct.entry(key).or_insert_with(|| {
                unique.push(key);
                unique.len() as u32 - 1
            });
            text_of.push(n);
        }
        drop(distinct);
        // Texts are analysed in parallel, in runs; each run numbers its own terms, and the runs'
        // numbers are then mapped to the slot's.
        type Run = ([Terms; 2], Vec<Text>);
        let runs: Vec<Run> = unique
            .par_chunks(512)
            .map_init(term_reader, |terms_of, chunk| {
                let mut local: [Terms; 2] = Default::default();
                let texts = chunk
                    .iter()
                    .map(|&(slot, text)| {
                        let terms = terms_of(slot, text);
                        let mut ids: Vec<u32> =
                            terms.iter().map(|t| local[slot].number(t)).collect();
                        ids.sort_unstable();
                        let tf: Vec<(u32, u32)> = ids
                            .chunk_by(|a, b| a == b)
                            .map(|run| (run[0], run.len() as u32))
                            .collect();
                        (slot, terms.len() as u32, tf)
                    })
                    .collect();
                (local, texts)
            })
            .collect();
        let mut all: [Terms; 2] = Default::default();
        let mut texts = Vec::with_capacity(unique.len());
        for (local, run_texts) in runs {
            let map: [Vec<u32>; 2] = [0, 1].map(|slot| {
                local[slot]
                    .vocabulary
                    .iter()
                    .map(|t| all[slot].number(t))
                    .collect()
            });
            for (slot, len, tf) in run_texts {
                let tf = tf
                    .into_iter()
                    .map(|(t, f)| (map[slot][t as usize], f))
                    .collect();
                texts.push((slot, len, tf));
            }
        }
        Analysed {
            text_of,
            texts,
            terms: all,
        }
    }
}

/// The static index files of every page language of `records`.
pub fn files(records: &[Record], glossary: &Glossary) -> Vec<OutputFile> {
    let collect = crate::render::Collect::default();
    write(records, glossary, &collect).expect("collecting files does not fail");
    collect.into_files()
}

/// Writes the static index files of every page language of `records` to `sink`, each as soon
/// as it is made.
pub fn write(records: &[Record], glossary: &Glossary, sink: &dyn Sink) -> Result<()> {
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
    let all_words = words(
        records
            .par_iter()
            .map(|r| r.text.as_str())
            .chain(glossary.entries.par_iter().flatten().map(String::as_str)),
    );
    // Per word: its folded form, and per field its term, or nothing for a stop word.
    type WordTerms = (String, String, [Option<String>; 2]);
    let word_terms: Vec<WordTerms> = all_words
        .into_par_iter()
        .map_init(term_reader, |terms_of, w| {
            let t = [0, 1].map(|slot| terms_of(slot, &w).into_iter().next());
            (fold(&w), w, t)
        })
        .map(|(key, w, t)| (w, key, t))
        .collect();
    let mut stop: [BTreeSet<String>; 2] = Default::default();
    for (w, _, t) in &word_terms {
        for slot in 0..2 {
            if t[slot].is_none() {
                stop[slot].insert(w.clone());
            }
        }
    }
    // Every text analysed once; each slot's terms in sorted order.
    let analysed = Analysed::new(records);
    let sorted_terms: [Vec<u32>; 2] = [0, 1].map(|slot| {
        let vocab = &analysed.terms[slot].vocabulary;
        let mut order: Vec<u32> = (0..vocab.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| vocab[a as usize].cmp(&vocab[b as usize]));
        order
    });

    // Each language's files are written apart, in parallel.
    langs.par_iter().try_for_each(|&lang| {
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
        // Postings of every record, in its text language's field, by term number: counted
        // first, so that each slot's postings are one list of exactly their size.
        let mut tokens = [0u64; 2];
        let mut starts: [Vec<u32>; 2] =
            [0, 1].map(|slot| vec![0; analysed.terms[slot].vocabulary.len() + 1]);
        for (i, _) in &local {
            let (slot, len, tf) = &analysed.texts[analysed.text_of[*i] as usize];
            tokens[*slot] += u64::from(*len);
            for &(t, _) in tf {
                starts[*slot][t as usize + 1] += 1;
            }
        }
        for list in &mut starts {
            for t in 1..list.len() {
                list[t] += list[t - 1];
            }
        }
        let mut postings: [Vec<Posting>; 2] =
            [0, 1].map(|slot| vec![(0, 0, 0); *starts[slot].last().unwrap() as usize]);
        let mut next = starts.clone();
        let mut norms = Vec::with_capacity(n);
        for (k, (i, _)) in local.iter().enumerate() {
            let (slot, len, tf) = &analysed.texts[analysed.text_of[*i] as usize];
            let norm = FieldNormReader::id_to_fieldnorm(FieldNormReader::fieldnorm_to_id(*len));
            norms.push(norm);
            for &(t, f) in tf {
                let at = &mut next[*slot][t as usize];
                postings[*slot][*at as usize] = (k as u32, f, norm);
                *at += 1;
            }
        }
        drop(next);
        // A term's postings, in record order.
        let postings_of = |slot: usize, t: u32| -> &[Posting] {
            let t = t as usize;
            &postings[slot][starts[slot][t] as usize..starts[slot][t + 1] as usize]
        };
        // The number of a term this language's records have, if any.
        let has = |slot: usize, term: &str| -> Option<u32> {
            analysed.terms[slot]
                .numbers
                .get(term)
                .copied()
                .filter(|&t| !postings_of(slot, t).is_empty())
        };
        // Word → term table: a field's term only when the field has it (or the glossary does);
        // a word whose term is in neither matches nothing.
        let mut table: Vec<(&str, [Option<&str>; 2])> = Vec::new();
        let mut forms: [HashMap<u32, Vec<&str>>; 2] = Default::default();
        for (_, key, t) in &word_terms {
            let mut v = [None, None];
            for slot in 0..2 {
                if let Some(term) = &t[slot] {
                    let number = has(slot, term);
                    if number.is_some() || glossary_terms[slot].contains(term) {
                        v[slot] = Some(term.as_str());
                    }
                    if let Some(number) = number {
                        forms[slot].entry(number).or_default().push(key);
                    }
                }
            }
            if v.iter().any(Option::is_some) {
                table.push((key, v));
            }
        }
        // Words that fold alike but not to the same terms keep the first (stop words are read
        // apart, so this is a difference of folding only): a stable sort, then the first of each
        // key.
        table.sort_by(|a, b| a.0.cmp(b.0));
        table.dedup_by(|later, first| later.0 == first.0);
        // Postings shards, per field.
        let mut field_shards = serde_json::Map::new();
        for (slot, field) in FIELDS.iter().enumerate() {
            let prefix = format!("p-{field}-");
            let mut shards = shard_writer(sink, &dir, &prefix);
            for &t in &sorted_terms[slot] {
                let p = postings_of(slot, t);
                if p.is_empty() {
                    continue;
                }
                let mut flat = Vec::with_capacity(p.len() * 3);
                let mut last = 0;
                for &(k, f, norm) in p {
                    flat.push(u64::from(k - last));
                    flat.push(u64::from(f));
                    flat.push(u64::from(norm));
                    last = k;
                }
                let mut forms: Vec<&str> = forms[slot].remove(&t).unwrap_or_default();
                forms.sort_unstable();
                forms.dedup();
                let value = serde_json::to_string(&(idf(p.len() as u64, n as u64), forms, flat))
                    .expect("postings serialise");
                shards.push(&analysed.terms[slot].vocabulary[t as usize], &value)?;
            }
            let starts = shards.finish()?;
            field_shards.insert(
                field.to_string(),
                json!({"tokens": tokens[slot], "starts": starts}),
            );
        }
        drop(postings);
        // Word shards.
        let mut shards = shard_writer(sink, &dir, "w-");
        for (k, v) in table {
            // Per field, the term, or 0 where the word matches nothing.
            let [fr, en] = v.map(|t| match t {
                Some(t) => serde_json::to_string(t).expect("a string serialises"),
                None => "0".to_string(),
            });
            shards.push(k, &format!("[{fr},{en}]"))?;
        }
        let word_starts = shards.finish()?;
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
            sink.put(OutputFile {
                path: format!("{dir}/{name}.js"),
                bytes: script(&name, &data),
            })?;
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
        let mut shards = shard_writer(sink, &dir, "n-");
        for (num, list) in &mut numbers {
            list.sort_by_key(|(k, _, c)| (std::cmp::Reverse(c.len()), *k));
            shards.push(
                num,
                &serde_json::to_string(list).expect("numbers serialise"),
            )?;
        }
        let number_starts = shards.finish()?;
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
        sink.put(OutputFile {
            path: format!("{dir}/manifest.js"),
            bytes: script("manifest", &manifest),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Numérique"), "numerique");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    /// Packs `entries` with a budget of `budget` bytes; returns each shard's first key and text.
    fn pack(entries: &[(String, String)], budget: usize) -> Vec<(String, String)> {
        let mut shards = Vec::new();
        let mut packer = Packer::new(budget, |k, data| {
            shards.push((k, data));
            Ok(())
        });
        for (key, value) in entries {
            packer.push(key, value).unwrap();
        }
        let starts = packer.finish().unwrap();
        assert_eq!(starts.len(), shards.len());
        shards
            .into_iter()
            .enumerate()
            .map(|(i, (k, data))| {
                assert_eq!(i, k, "shards come in order");
                (starts[k].clone(), data)
            })
            .collect()
    }

    #[test]
    fn shards_are_consecutive_runs_of_about_the_budget() {
        let entries: Vec<(String, String)> = (0..100)
            .map(|i| (format!("k{i:03}"), format!("\"{}\"", "x".repeat(10))))
            .collect();
        let packed = pack(&entries, 100);
        // Each entry is `"k000":"xxxxxxxxxx"` (19 bytes) and a comma: five to a shard.
        assert_eq!(packed.len(), 20);
        assert_eq!(packed[1].0, "k005");
        for (start, object) in &packed {
            let map: serde_json::Map<String, Value> = serde_json::from_str(object).unwrap();
            assert_eq!(map.len(), 5);
            assert_eq!(map.keys().next(), Some(start));
        }
        // An entry over the budget still gets a shard of its own.
        let big = pack(&[("a".into(), format!("\"{}\"", "y".repeat(500)))], 100);
        assert_eq!(big.len(), 1);
        assert!(pack(&[], 100).is_empty());
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
