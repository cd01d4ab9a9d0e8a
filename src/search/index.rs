//! The tantivy index of the records (one per page language) and queries over it, following
//! `docs/search.md`: the paragraph a query cites first, then the paragraphs citing it, then
//! full-text matches scored by BM25 over the analysed text.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

use super::analyzer;
use super::glossary::Glossary;
use super::query::parse;
use super::records::Record;
use crate::diagnostic::{Error, Result};

/// Where `wsis build` writes the index, under the site root.
pub const INDEX_DIR: &str = ".wsis-index";

/// A search result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    pub doc: String,
    pub id: String,
    pub lang: String,
    pub citation: String,
    pub url: String,
    /// Escaped HTML: the record's text around the matched words, each in `<mark>`.
    pub snippet: String,
    /// `cited` (the paragraph the query cites), `citing` (a paragraph citing it) or `text`.
    pub reason: String,
    /// BM25 score, for text matches.
    pub score: Option<f32>,
}

/// Text languages the index analyses, each in a field of its own (`text_fr`, `text_en`): a
/// record's text goes to the field of its language, so that French text on an English page is
/// read as French.
const TEXT_LANGS: [&str; 2] = ["fr", "en"];

/// Weight of the terms the glossary adds to a query, against the query's own words.
pub const GLOSSARY_WEIGHT: f32 = 0.5;

struct LangIndex {
    reader: IndexReader,
    text: [tantivy::schema::Field; 2],
    order: tantivy::schema::Field,
}

fn text_lang_slot(lang: &str) -> usize {
    TEXT_LANGS.iter().position(|l| *l == lang).unwrap_or(0)
}

/// The index of a site: records, glossary, and a tantivy index per language.
pub struct SearchIndex {
    pub records: Vec<Record>,
    glossary: Glossary,
    langs: BTreeMap<String, LangIndex>,
}

fn schema() -> (Schema, [tantivy::schema::Field; 2], tantivy::schema::Field) {
    let mut b = Schema::builder();
    let field = |b: &mut tantivy::schema::SchemaBuilder, lang: &str| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer::name(lang))
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        b.add_text_field(
            &format!("text_{lang}"),
            TextOptions::default().set_indexing_options(indexing),
        )
    };
    let text = [field(&mut b, TEXT_LANGS[0]), field(&mut b, TEXT_LANGS[1])];
    let order = b.add_u64_field("order", NumericOptions::default().set_stored());
    (b.build(), text, order)
}

fn register(index: &Index) {
    for lang in TEXT_LANGS {
        index
            .tokenizers()
            .register(analyzer::name(lang), analyzer::analyzer(lang));
    }
}

fn tantivy_error(e: tantivy::TantivyError) -> Error {
    Error::Other(format!("search index: {e}"))
}

/// Fills a tantivy index with the records of `lang`.
fn fill(
    index: &Index,
    records: &[Record],
    lang: &str,
    text: [tantivy::schema::Field; 2],
    order: tantivy::schema::Field,
) -> Result<()> {
    register(index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 15_000_000)
        .map_err(tantivy_error)?;
    for (i, r) in records.iter().enumerate().filter(|(_, r)| r.lang == lang) {
        let field = text[text_lang_slot(&r.text_lang)];
        writer
            .add_document(doc!(field => r.text.as_str(), order => i as u64))
            .map_err(tantivy_error)?;
    }
    writer.commit().map_err(tantivy_error)?;
    Ok(())
}

fn lang_index(index: Index) -> Result<LangIndex> {
    register(&index);
    let schema = index.schema();
    let text = [
        schema.get_field("text_fr").map_err(tantivy_error)?,
        schema.get_field("text_en").map_err(tantivy_error)?,
    ];
    let order = schema.get_field("order").map_err(tantivy_error)?;
    let reader = index.reader().map_err(tantivy_error)?;
    Ok(LangIndex {
        reader,
        text,
        order,
    })
}

fn languages(records: &[Record]) -> Vec<String> {
    let mut l: Vec<String> = records.iter().map(|r| r.lang.clone()).collect();
    l.sort();
    l.dedup();
    l
}

impl SearchIndex {
    /// An index in memory (for `wsis serve` and tests).
    pub fn in_memory(records: Vec<Record>, glossary: Glossary) -> Result<SearchIndex> {
        let mut langs = BTreeMap::new();
        for lang in languages(&records) {
            let (schema, text, order) = schema();
            let index = Index::create_in_ram(schema);
            fill(&index, &records, &lang, text, order)?;
            langs.insert(lang.clone(), lang_index(index)?);
        }
        Ok(SearchIndex {
            records,
            glossary,
            langs,
        })
    }

    /// Writes the index to `dir`, replacing what a previous build wrote there; [`SearchIndex::open`]
    /// reads it.
    pub fn write(dir: &Path, records: Vec<Record>, glossary: Glossary) -> Result<()> {
        let staging = dir.with_file_name(format!(
            "{}.staging-{}",
            dir.file_name().and_then(|n| n.to_str()).unwrap_or("index"),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        // One index per page language, written in parallel.
        use rayon::prelude::*;
        languages(&records)
            .par_iter()
            .map(|lang| {
                let path = staging.join(lang);
                std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
                let (schema, text, order) = schema();
                let index = Index::create_in_dir(&path, schema).map_err(tantivy_error)?;
                fill(&index, &records, lang, text, order)
            })
            .collect::<Result<Vec<()>>>()?;
        // Streamed to the file: the records' JSON is never held in memory whole.
        let rec = staging.join("records.json");
        let file = std::fs::File::create(&rec).map_err(|e| Error::io(&rec, e))?;
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut out, &(&records, &glossary.entries))
            .map_err(|e| Error::Other(format!("cannot write {}: {e}", rec.display())))?;
        std::io::Write::flush(&mut out).map_err(|e| Error::io(&rec, e))?;
        if dir.exists() {
            if !dir.join("records.json").is_file() {
                return Err(Error::Other(format!(
                    "{} is not a search index wsis wrote; move it away",
                    dir.display()
                )));
            }
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(&staging, dir).map_err(|e| Error::io(dir, e))
    }

    /// Opens an index written by [`SearchIndex::write`].
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let rec = dir.join("records.json");
        let bytes = std::fs::read(&rec).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Other(format!(
                    "no search index at {}: run `wsis build` first",
                    dir.display()
                ))
            } else {
                Error::io(&rec, e)
            }
        })?;
        let (records, entries): (Vec<Record>, Vec<Vec<String>>) = serde_json::from_slice(&bytes)
            .map_err(|e| {
                Error::Other(format!("{}: {e}; rebuild with `wsis build`", rec.display()))
            })?;
        let mut langs = BTreeMap::new();
        for lang in languages(&records) {
            let index = Index::open_in_dir(dir.join(&lang)).map_err(tantivy_error)?;
            langs.insert(lang.clone(), lang_index(index)?);
        }
        Ok(SearchIndex {
            records,
            glossary: Glossary { entries },
            langs,
        })
    }

    /// Runs a query for page language `lang`, optionally in one document.
    pub fn search(
        &self,
        query: &str,
        lang: &str,
        doc: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let parsed = parse(query, &self.records);
        // A query that is one glossary expression, whole, asks for any of the entry's
        // expressions equally; otherwise the glossary adds expressions at a lower weight.
        let whole = self
            .glossary
            .entry_of(&parsed.words)
            .map(<[String]>::to_vec);
        let expansions = match (&whole, parsed.words.is_empty()) {
            (Some(entry), _) => entry.clone(),
            (None, true) => Vec::new(),
            (None, false) => self.glossary.expand(&parsed.words),
        };
        let own_words = if whole.is_some() {
            String::new()
        } else {
            parsed.words.clone()
        };
        let expansion_weight = if whole.is_some() {
            1.0
        } else {
            GLOSSARY_WEIGHT
        };
        // Per text language: each distinct term of the query's own words is one optional clause
        // (weight 1); each glossary expression is one optional clause that needs all its terms
        // (weight GLOSSARY_WEIGHT), so that `digital divide` does not match `digital` alone.
        let mut terms: [Vec<Vec<String>>; 2] = [Vec::new(), Vec::new()];
        let mut own_count = [0usize; 2];
        for (slot, tl) in TEXT_LANGS.iter().enumerate() {
            let mut a = analyzer::analyzer(tl);
            for t in analyzer::terms(&mut a, &own_words) {
                if !terms[slot].iter().any(|c| c.len() == 1 && c[0] == t.term) {
                    terms[slot].push(vec![t.term]);
                }
            }
            own_count[slot] = terms[slot].len();
            for e in &expansions {
                let clause: Vec<String> = analyzer::terms(&mut a, e)
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                if !clause.is_empty() && !terms[slot].contains(&clause) {
                    terms[slot].push(clause);
                }
            }
        }
        let keep = |r: &Record| r.lang == lang && doc.is_none_or(|d| r.doc == d);
        let mut out: Vec<Hit> = Vec::new();
        let mut seen: HashSet<usize> = HashSet::new();
        // 1. The cited paragraphs, then the paragraphs citing them.
        let cited: Vec<usize> = match (&parsed.doc, &parsed.number) {
            (Some(d), Some(n)) => self
                .position(lang, |r| &r.doc == d && r.id == format!("p{n}"))
                .into_iter()
                .collect(),
            (None, Some(n)) => {
                // The most cited document's paragraph first: `§67` most often means A/RES/80/173.
                let mut v: Vec<usize> = (0..self.records.len())
                    .filter(|&i| {
                        self.records[i].lang == lang && self.records[i].id == format!("p{n}")
                    })
                    .collect();
                v.sort_by_key(|&i| (std::cmp::Reverse(self.records[i].cited_by.len()), i));
                v
            }
            (Some(d), None) => self.position(lang, |r| &r.doc == d).into_iter().collect(),
            (None, None) => Vec::new(),
        };
        let citing: Vec<usize> = {
            let mut c: Vec<usize> = cited
                .iter()
                .flat_map(|&i| self.records[i].cited_by.iter().copied())
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        for (list, reason) in [(&cited, "cited"), (&citing, "citing")] {
            for &i in list {
                if keep(&self.records[i]) && seen.insert(i) {
                    out.push(self.hit(i, reason, None, &terms));
                }
            }
        }
        // 2. Full text.
        if terms.iter().any(|t| !t.is_empty()) {
            if let Some(li) = self.langs.get(lang) {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (slot, list) in terms.iter().enumerate() {
                    for (k, clause) in list.iter().enumerate() {
                        let term_query = |t: &String| -> Box<dyn Query> {
                            Box::new(TermQuery::new(
                                Term::from_field_text(li.text[slot], t),
                                IndexRecordOption::WithFreqs,
                            ))
                        };
                        let q: Box<dyn Query> = if clause.len() == 1 {
                            term_query(&clause[0])
                        } else {
                            Box::new(BooleanQuery::new(
                                clause
                                    .iter()
                                    .map(|t| (Occur::Must, term_query(t)))
                                    .collect(),
                            ))
                        };
                        let q: Box<dyn Query> = if k < own_count[slot] || expansion_weight == 1.0 {
                            q
                        } else {
                            Box::new(BoostQuery::new(q, expansion_weight))
                        };
                        clauses.push((Occur::Should, q));
                    }
                }
                let query = BooleanQuery::new(clauses);
                let searcher = li.reader.searcher();
                let total = searcher.num_docs().max(1) as usize;
                let top = searcher
                    .search(&query, &TopDocs::with_limit(total).order_by_score())
                    .map_err(tantivy_error)?;
                let mut scored: Vec<(f32, usize)> = Vec::new();
                for (score, addr) in top {
                    let d: TantivyDocument = searcher.doc(addr).map_err(tantivy_error)?;
                    if let Some(i) = d.get_first(li.order).and_then(|v| v.as_u64()) {
                        scored.push((score, i as usize));
                    }
                }
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                for (score, i) in scored {
                    if out.len() >= limit {
                        break;
                    }
                    if keep(&self.records[i]) && seen.insert(i) {
                        out.push(self.hit(i, "text", Some(score), &terms));
                    }
                }
            }
        }
        out.truncate(limit);
        Ok(out)
    }

    fn position(&self, lang: &str, f: impl Fn(&Record) -> bool) -> Option<usize> {
        self.records.iter().position(|r| r.lang == lang && f(r))
    }

    fn hit(
        &self,
        i: usize,
        reason: &str,
        score: Option<f32>,
        terms: &[Vec<Vec<String>>; 2],
    ) -> Hit {
        let r = &self.records[i];
        let mine: Vec<String> = terms[text_lang_slot(&r.text_lang)]
            .iter()
            .flatten()
            .cloned()
            .collect();
        Hit {
            doc: r.doc.clone(),
            id: r.id.clone(),
            lang: r.lang.clone(),
            citation: r.citation.clone(),
            url: r.url.clone(),
            snippet: snippet(&r.text, &mine, &r.text_lang),
            reason: reason.to_string(),
            score,
        }
    }
}

/// About 240 characters of `text` around its first matched word, escaped, matches in `<mark>`.
pub fn snippet(text: &str, terms: &[String], lang: &str) -> String {
    use crate::render::inline::escape;
    const WIDTH: usize = 240;
    let matches: Vec<(usize, usize)> = analyzer::terms(&mut analyzer::analyzer(lang), text)
        .into_iter()
        .filter(|t| terms.contains(&t.term))
        .map(|t| (t.start, t.end))
        .collect();
    let first = matches.first().map_or(0, |m| m.0);
    let mut start = first.saturating_sub(WIDTH / 3);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[start..].find(' ').map_or(start, |i| start + i + 1);
    }
    let mut end = (start + WIDTH).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut cut = start;
    for &(s, e) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
        out.push_str(&escape(&text[cut..s]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[s..e]));
        out.push_str("</mark>");
        cut = e;
    }
    out.push_str(&escape(&text[cut..end]));
    if end < text.len() {
        out.push_str(" …");
    }
    out
}
