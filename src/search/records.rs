//! Search records: one per paragraph (and per heading) of every document in every language, with
//! what a result shows and what a query can match. The tantivy index, the static index of the
//! pages and the open-data feeds are all made from these records.

use serde::{Deserialize, Serialize};

use crate::model::{Block, CitationKind, Document};
use crate::registry::DocumentEntry;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Registry id of the document.
    pub doc: String,
    /// Symbols of the document, joined (`A/81/62 – E/2026/48`), or its short name.
    pub symbol: String,
    /// Language of the page the record belongs to.
    pub lang: String,
    /// Language of the text (the French text on an English page without English text).
    pub text_lang: String,
    /// Block id (`p67`).
    pub id: String,
    /// Number as printed (`67`), if any.
    pub number: Option<String>,
    /// The heading the paragraph stands under.
    pub section: String,
    /// The citation of the paragraph (`A/RES/80/173, par. 67`).
    pub citation: String,
    pub text: String,
    /// Text of the notes the paragraph calls.
    pub notes: String,
    /// Page address relative to the site root (`fr/a-res-80-173.html#p67`).
    pub url: String,
    /// Indexes (in the record list) of the paragraphs that cite or quote this one.
    pub cited_by: Vec<usize>,
}

/// How a paragraph is cited after its document's name, in a page language (`par. 67`).
pub type Cite<'a> = dyn Fn(&str, &Document, &crate::model::Paragraph) -> Option<String> + Sync + 'a;

/// The records of every document, in every site language. Each document's records for a page
/// language come from the text shown on that page, block by block (a partial translation is
/// completed by the reference text: [`crate::align::shown`]); documents are taken in registry
/// order. Each page of records is made in parallel.
pub fn records(
    entries: &[DocumentEntry],
    documents: &[Document],
    languages: &[String],
    cite: &Cite,
) -> Vec<Record> {
    use rayon::prelude::*;
    let pages: Vec<(&String, &DocumentEntry)> = languages
        .iter()
        .flat_map(|lang| entries.iter().map(move |e| (lang, e)))
        .collect();
    let per_page: Vec<Vec<Record>> = pages
        .par_iter()
        .map(|&(lang, entry)| {
            let mut out = Vec::new();
            let Ok(shown) = crate::align::shown(documents, entry, lang) else {
                return out;
            };
            let name = entry.name_in(lang);
            let mut section = String::new();
            for &(b, doc) in &shown.blocks {
                match b {
                    Block::Heading(h) => {
                        section = h.text.clone();
                    }
                    Block::Paragraph(p) => {
                        let notes: Vec<&str> = p
                            .footnotes
                            .iter()
                            .filter_map(|n| doc.footnotes.iter().find(|f| &f.number == n))
                            .map(|f| f.text.as_str())
                            .collect();
                        let citation = match cite(lang, doc, p) {
                            Some(c) => format!("{name}, {c}"),
                            None => name.clone(),
                        };
                        out.push(Record {
                            doc: doc.id.clone(),
                            symbol: name.clone(),
                            lang: lang.clone(),
                            text_lang: doc.lang.clone(),
                            id: p.id.clone(),
                            number: p.number.clone(),
                            section: section.clone(),
                            citation,
                            text: p.text.clone(),
                            notes: notes.join(" "),
                            url: format!("{lang}/{}.html#{}", doc.id, p.id),
                            cited_by: Vec::new(),
                        });
                    }
                }
            }
            out
        })
        .collect();
    let mut out: Vec<Record> = per_page.into_iter().flatten().collect();
    link_records(&mut out, documents);
    out
}

/// Fills `cited_by`: for each record, the records of the same page language whose paragraph
/// cites or quotes it.
fn link_records(records: &mut [Record], documents: &[Document]) {
    use std::collections::HashMap;
    let position: HashMap<(&str, &str, &str), usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.lang.as_str(), r.doc.as_str(), r.id.as_str()), i))
        .collect();
    let langs: std::collections::BTreeSet<&str> = records.iter().map(|r| r.lang.as_str()).collect();
    let mut cited: Vec<(usize, usize)> = Vec::new();
    for d in documents {
        for c in d
            .citations
            .iter()
            .filter(|c| c.kind != CitationKind::Symbol)
        {
            let Some(target) = &c.target_doc else {
                continue;
            };
            for lang in &langs {
                let Some(&from) = position.get(&(*lang, d.id.as_str(), c.from.as_str())) else {
                    continue;
                };
                if records[from].text_lang != d.lang {
                    continue;
                }
                for id in &c.target_ids {
                    if let Some(&to) = position.get(&(*lang, target.as_str(), id.as_str())) {
                        cited.push((to, from));
                    }
                }
            }
        }
    }
    drop(position);
    for (to, from) in cited {
        if !records[to].cited_by.contains(&from) {
            records[to].cited_by.push(from);
        }
    }
}
