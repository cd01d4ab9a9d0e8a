//! Reuse: a paragraph that takes over most of a paragraph of an earlier document without citing
//! it (a draft resolution restating a mandate). Found through the shingle index, so each
//! paragraph is compared only with the paragraphs it shares telling word runs with.

use std::collections::HashSet;

use super::quotation::Key;
use super::similarity::{shingles, Index};
use super::targets::Targets;
use crate::model::{Citation, CitationKind, CitationStatus, Role};

/// Share of the earlier paragraph's shingles the later one must carry.
pub const TAKES_OVER: f64 = 0.6;

/// An earlier paragraph shorter than this many shingles is a phrase, not a paragraph.
const MIN_SHINGLES: usize = 12;

/// Reuse links from the paragraphs of `doc_index` to paragraphs of earlier documents. Pairs
/// already linked (`linked`: (from id, target document, target id)) are left out.
pub fn reuse_links(
    doc_index: usize,
    targets: &Targets,
    index: &Index<Key>,
    linked: &HashSet<(String, String, String)>,
) -> Vec<Citation> {
    let docs = targets.docs();
    let doc = docs[doc_index];
    let my_date = targets.date(&doc.id);
    let mut out = Vec::new();
    // The index holds every paragraph's shingles already, in document order.
    let entries = index.entries();
    let start = entries.partition_point(|e| e.key.0 < doc_index);
    let end = entries.partition_point(|e| e.key.0 <= doc_index);
    for entry in &entries[start..end] {
        let Some(p) = doc.blocks[entry.key.1].as_paragraph() else {
            continue;
        };
        if matches!(p.role, Role::AnnexQuotation | Role::Heading) {
            continue;
        }
        let mine = &entry.shingles;
        let best = index
            .candidates(mine)
            .into_iter()
            .filter(|m| m.key.0 != doc_index)
            .filter(|m| m.entry_len >= MIN_SHINGLES && m.entry_in_query >= TAKES_OVER)
            .find(|m| {
                let other = docs[m.key.0];
                // The later text takes over the earlier one; same dates: by id, so each pair is
                // reported once.
                (targets.date(&other.id), other.id.as_str()) < (my_date, doc.id.as_str())
            });
        let Some(m) = best else { continue };
        // A paragraph that is mostly a title (`Adopte le document final de …, dont le texte
        // figure ci-après :`): texts that repeat the title do not take the paragraph over.
        if targets.repeats_a_title(&shingles(docs[m.key.0].blocks[m.key.1].text()), 0.5, 0) {
            continue;
        }
        let source_doc = docs[m.key.0];
        let source = source_doc.blocks[m.key.1]
            .as_paragraph()
            .expect("paragraph");
        if linked.contains(&(p.id.clone(), source_doc.id.clone(), source.id.clone())) {
            continue;
        }
        let mut c = Citation::new(&p.id, 0, 0, "", CitationKind::Reuse).to_paragraph(
            source_doc,
            source,
            CitationStatus::Verified,
        );
        c.similarity = Some((m.entry_in_query * 100.0).round() / 100.0);
        out.push(c);
    }
    out
}
