//! Linking: finding the references between the texts of the corpus, resolving them to
//! paragraphs, checking quoted text, and finding reused wording.
//!
//! Runs once per language over all the documents of that language, after ingestion and before
//! rendering; fills each document's `citations`.

pub mod citation;
pub mod quotation;
pub mod resolve;
pub mod reuse;
pub mod similarity;
pub mod targets;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Citation, CitationStatus, Document};
use crate::registry::DocumentEntry;
use targets::Targets;

/// Links every document; returns a warning for each unresolved reference and each mismatch.
pub fn link(entries: &[DocumentEntry], docs: &mut [Document]) -> Vec<Diagnostic> {
    let mut langs: Vec<String> = docs.iter().map(|d| d.lang.clone()).collect();
    langs.sort();
    langs.dedup();
    let mut found: Vec<(usize, Vec<Citation>)> = Vec::new();
    for lang in &langs {
        let members: Vec<usize> = (0..docs.len()).filter(|&i| &docs[i].lang == lang).collect();
        let targets = Targets::new(entries, members.iter().map(|&i| &docs[i]).collect());
        let index = quotation::index(targets.docs());
        // Each document's references are found apart, in parallel.
        let linked_docs: Vec<(usize, Vec<Citation>)> = members
            .par_iter()
            .enumerate()
            .map(|(local, &global)| {
                let (mut citations, note_targets) = resolve::explicit(local, &targets, &index);
                citations.extend(quotation::annex_quotations(local, &targets, &index));
                citations.extend(quotation::quoted_passage_links(
                    local,
                    &targets,
                    &index,
                    &note_targets,
                ));
                let linked: HashSet<(String, String, String)> = citations
                    .iter()
                    .flat_map(|c| {
                        c.target_ids.iter().map(|t| {
                            (
                                c.from.clone(),
                                c.target_doc.clone().unwrap_or_default(),
                                t.clone(),
                            )
                        })
                    })
                    .collect();
                citations.extend(reuse::reuse_links(local, &targets, &index, &linked));
                sort(targets.docs()[local], &mut citations);
                (global, citations)
            })
            .collect();
        found.extend(linked_docs);
    }
    for (i, citations) in found {
        docs[i].citations = citations;
    }
    docs.iter().flat_map(report).collect()
}

/// Orders a document's citations as they stand in the text.
fn sort(doc: &Document, citations: &mut [Citation]) {
    let order: BTreeMap<&str, usize> = doc
        .blocks
        .iter()
        .map(|b| b.id())
        .chain(doc.footnotes.iter().map(|f| f.id.as_str()))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    citations.sort_by_key(|c| {
        (
            order.get(c.from.as_str()).copied().unwrap_or(usize::MAX),
            c.start,
        )
    });
}

/// Warnings for a document's unresolved references and mismatches, with the citing line.
pub fn report(doc: &Document) -> Vec<Diagnostic> {
    report_all(doc).into_iter().flatten().collect()
}

/// For each of a document's citations, in order, its warning if it is unresolved or a mismatch.
pub fn report_all(doc: &Document) -> Vec<Option<Diagnostic>> {
    let line = |id: &str| {
        doc.block(id)
            .map(|b| b.line())
            .or_else(|| doc.footnotes.iter().find(|f| f.id == id).map(|f| f.line))
            .unwrap_or(0)
    };
    let file = Path::new(&doc.source);
    doc.citations
        .iter()
        .map(|c| {
            let what = if c.text.is_empty() {
                c.from.clone()
            } else {
                format!("`{}` ({})", c.text, c.from)
            };
            let msg = match c.status {
                CitationStatus::Unresolved => format!(
                    "{what}: unresolved reference{}",
                    c.note
                        .as_deref()
                        .map(|n| format!(": {n}"))
                        .unwrap_or_default()
                ),
                CitationStatus::Mismatch => format!(
                    "{what}: quoted text does not match {} {}{}",
                    c.target_symbol.as_deref().unwrap_or("the cited text"),
                    c.target_paragraphs.join(", "),
                    c.suggested
                        .as_deref()
                        .map(|s| format!("; it matches paragraph {s}"))
                        .unwrap_or_default()
                ),
                _ => return None,
            };
            Some(Diagnostic::warning(file, line(&c.from), msg))
        })
        .collect()
}

/// A reference to a paragraph, seen from the cited side: who cites it, how.
#[derive(Debug, Clone)]
pub struct Backlink {
    pub from_doc: String,
    pub from_id: String,
    pub kind: crate::model::CitationKind,
    pub status: CitationStatus,
}
