//! Quotations: annex entries that reproduce a paragraph under its number, unnumbered entries and
//! « … » passages that reproduce a paragraph, matched to their source by wording, and checked.

use std::collections::{HashMap, HashSet};

use super::similarity::{containment, shingles, sorted, Index, Shingles};
use super::targets::{paragraph_id, Targets};
use crate::model::{Citation, CitationKind, CitationStatus, Document, Paragraph, Role};

/// Two texts are the same paragraph when each carries this share of the other's shingles:
/// high enough to tell neighbouring paragraphs apart, low enough to forgive a typo or a changed
/// word.
pub const SAME_PARAGRAPH: f64 = 0.7;

/// A quoted passage is taken from a paragraph when that paragraph carries this share of its
/// shingles.
pub const QUOTED_FROM: f64 = 0.85;

/// An unattributed passage of this many words found word for word (this share of its shingles)
/// in a paragraph is a quotation of it, however small a part of the paragraph it is.
const LONG_QUOTE: usize = 15;
const VERBATIM: f64 = 0.95;

/// Where a paragraph of the corpus stands: (document index, block index).
pub type Key = (usize, usize);

/// Builds the index of every paragraph of the documents (one language).
pub fn index(docs: &[&Document]) -> Index<Key> {
    use rayon::prelude::*;
    let per_doc: Vec<Vec<super::similarity::Entry<Key>>> = docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            doc.blocks
                .iter()
                .enumerate()
                .filter_map(|(b, block)| {
                    let p = block.as_paragraph()?;
                    (p.role != Role::Heading).then(|| super::similarity::Entry {
                        key: (d, b),
                        shingles: sorted(&shingles(&p.text)),
                    })
                })
                .collect()
        })
        .collect();
    Index::new(per_doc.into_iter().flatten().collect())
}

fn paragraph<'a>(docs: &[&'a Document], key: Key) -> &'a Paragraph {
    docs[key.0].blocks[key.1]
        .as_paragraph()
        .expect("the index holds paragraphs only")
}

/// Can document `source` be quoted by document `quoting`? Not by itself, and not when it is
/// later (a text cannot quote a text written after it; both may quote a third).
pub fn may_quote(targets: &Targets, quoting: usize, source: usize) -> bool {
    let docs = targets.docs();
    source != quoting && targets.date(&docs[source].id) <= targets.date(&docs[quoting].id)
}

/// The paragraph of an earlier document with the same wording as `text`, if one stands out.
fn same_paragraph(
    index: &Index<Key>,
    targets: &Targets,
    from_doc: usize,
    text: &Shingles,
) -> Option<(Key, f64)> {
    let docs = targets.docs();
    index
        .candidates(&sorted(text))
        .into_iter()
        .filter(|m| may_quote(targets, from_doc, m.key.0))
        .find(|m| m.query_in_entry >= SAME_PARAGRAPH && m.entry_in_query >= SAME_PARAGRAPH)
        .map(|m| (*m.key, m.query_in_entry.min(m.entry_in_query)))
        .filter(|(k, _)| !paragraph(docs, *k).text.is_empty())
}

/// Links the annex entries of `doc` (role `annex-quotation`) to the paragraphs they reproduce.
/// A numbered entry is checked against the paragraph with its number; an unnumbered one is
/// matched by its wording alone.
pub fn annex_quotations(doc_index: usize, targets: &Targets, index: &Index<Key>) -> Vec<Citation> {
    let docs = targets.docs();
    let doc = docs[doc_index];
    let mut out = Vec::new();
    for p in doc.paragraphs().filter(|p| p.role == Role::AnnexQuotation) {
        let quote = shingles(&p.text);
        let best = same_paragraph(index, targets, doc_index, &quote);
        let kind = if p.number.is_some() {
            CitationKind::AnnexQuote
        } else {
            CitationKind::Quotation
        };
        let mut c = Citation::new(&p.id, 0, 0, p.number.as_deref().unwrap_or_default(), kind);
        c.target_paragraphs = p.number.iter().cloned().collect();
        let Some((key, score)) = best else {
            c.note = Some("no paragraph of the corpus has this wording".into());
            out.push(c);
            continue;
        };
        let source_doc = docs[key.0];
        let source = paragraph(docs, key);
        c.target_doc = Some(source_doc.id.clone());
        c.target_symbol = Some(source_doc.symbol.clone());
        c.similarity = Some(round(score));
        match &p.number {
            None => {
                c.status = CitationStatus::Verified;
                c.target_ids = vec![source.id.clone()];
                c.target_paragraphs = source.number.iter().cloned().collect();
                c.note = Some(format!("matched by wording: {}", source.id));
            }
            Some(n) if source.number.as_deref() == Some(n.as_str()) => {
                c.status = CitationStatus::Verified;
                c.target_ids = vec![source.id.clone()];
            }
            Some(n) => {
                c.status = CitationStatus::Mismatch;
                c.target_ids = vec![source.id.clone()];
                c.suggested = source.number.clone().or_else(|| Some(source.id.clone()));
                c.note = Some(match paragraph_id(source_doc, n) {
                    Some(cited) => format!(
                        "the text of {cited} differs ({:.0} % shared); this wording is {} ({})",
                        100.0 * similarity_to(docs, key.0, &cited, &quote),
                        source.id,
                        source.number.as_deref().unwrap_or("unnumbered")
                    ),
                    None => format!(
                        "{} has no paragraph {n}; this wording is {}",
                        source_doc.symbol, source.id
                    ),
                });
            }
        }
        out.push(c);
    }
    out
}

fn similarity_to(docs: &[&Document], doc: usize, id: &str, quote: &Shingles) -> f64 {
    docs[doc].block(id).map_or(0.0, |b| {
        let s = shingles(b.text());
        containment(quote, &s).min(containment(&s, quote))
    })
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Quoted passages (« … », “ … ”, " … ") of at least `min_words` words in `text`, with their
/// byte ranges (quote marks excluded).
pub fn quoted_passages(text: &str, min_words: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let pairs = [('«', '»'), ('“', '”'), ('"', '"')];
    for (open, close) in pairs {
        let mut from = 0;
        while let Some(o) = text[from..].find(open) {
            let start = from + o + open.len_utf8();
            let Some(c) = text[start..].find(close) else {
                break;
            };
            let end = start + c;
            let inner = text[start..end].trim_matches(|ch: char| ch.is_whitespace());
            if inner.split_whitespace().count() >= min_words {
                let lead = text[start..end].len() - text[start..end].trim_start().len();
                out.push((start + lead, start + lead + inner.len()));
            }
            from = end + close.len_utf8();
        }
    }
    out.sort_unstable();
    out
}

/// The wording of a quotation without the editor's marks: `[p]our` reads `pour`; a word the
/// editor put in brackets in place of the original ones (`[aux]`), and `[…]` or `[...]` (words
/// left out), cut the quotation into pieces that are each looked for.
pub fn quote_shingles(quote: &str) -> Shingles {
    let mut pieces = vec![String::new()];
    let mut rest = quote;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        let glued_before = rest[..open]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let glued_after = rest[close + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        let last = pieces.last_mut().expect("one piece at least");
        last.push_str(&rest[..open]);
        if (glued_before || glued_after) && inner.chars().all(char::is_alphabetic) {
            last.push_str(inner);
        } else {
            pieces.push(String::new());
        }
        rest = &rest[close + 1..];
    }
    pieces
        .last_mut()
        .expect("one piece at least")
        .push_str(rest);
    // A piece shorter than a shingle (`[p]our remédier [aux]` leaves `pour remédier`) cannot be
    // compared word run by word run: it is left out rather than counted as missing.
    pieces
        .iter()
        .flat_map(|p| p.split('…'))
        .filter(|p| super::similarity::words(p).len() >= super::similarity::SHINGLE)
        .flat_map(shingles)
        .collect()
}

/// The number of the note that gives the source of the quotation ending at byte `end` of `p`'s
/// text: the first note mark after it in the same sentence (`… conjointe », en 2026¹².`).
fn note_after(p: &Paragraph, end: usize) -> Option<&str> {
    const REACH: usize = 80;
    let mut pos = 0;
    for run in &p.runs {
        match run {
            crate::model::Inline::NoteRef { number } if pos >= end => {
                let between = &p.text[end..pos.min(p.text.len())];
                let same_sentence =
                    !between.contains(". ") && !between.contains('«') && !between.contains('"');
                return (same_sentence && between.len() <= REACH).then_some(number.as_str());
            }
            other => pos += other.text().len(),
        }
        if pos > end + REACH {
            return None;
        }
    }
    None
}

/// The telling words (longer than three letters) of the sentence around a quotation, outside it.
fn sentence_words(text: &str, start: usize, end: usize) -> HashSet<String> {
    let from = text[..start].rfind(". ").map_or(0, |i| i + 2);
    let to = text[end..].find(". ").map_or(text.len(), |i| end + i);
    let around = format!("{} {}", &text[from..start], &text[end..to]);
    super::similarity::words(&around)
        .into_iter()
        .filter(|w| w.chars().count() > 3)
        .collect()
}

/// How many of `words` a paragraph has.
fn overlap(words: &HashSet<String>, paragraph: &str) -> usize {
    let theirs: HashSet<String> = super::similarity::words(paragraph).into_iter().collect();
    words.intersection(&theirs).count()
}

/// Links « … » passages of `doc`'s paragraphs to the paragraph they reproduce. A passage whose
/// note names a corpus document (`note_targets`: note id → document id) is looked for in that
/// document only, and may be a phrase; an unattributed passage must reproduce a good part of a
/// paragraph of an earlier document (so that a title quoted in many texts is not taken for a
/// quotation of one of them).
pub fn quoted_passage_links(
    doc_index: usize,
    targets: &Targets,
    index: &Index<Key>,
    note_targets: &HashMap<String, String>,
) -> Vec<Citation> {
    const COVERS: f64 = 0.5;
    let docs = targets.docs();
    let doc = docs[doc_index];
    let mut out = Vec::new();
    for p in doc.paragraphs().filter(|p| p.role != Role::AnnexQuotation) {
        for (start, end) in quoted_passages(&p.text, 4) {
            let quote = quote_shingles(&p.text[start..end]);
            let attributed = note_after(p, end)
                .and_then(|n| doc.footnotes.iter().find(|f| f.number == n))
                .and_then(|f| note_targets.get(&f.id));
            // A quotation of a title names a document; it is not a quotation of a paragraph
            // that happens to repeat the title.
            let is_title = targets.repeats_a_title(&quote, QUOTED_FROM, 3);
            let fits = |m: &super::similarity::Match<'_, Key>| {
                let ok = match attributed {
                    Some(target) => docs[m.key.0].id == *target && m.query_in_entry >= QUOTED_FROM,
                    // Unattributed: a passage of a good part of a paragraph, or a long passage
                    // found word for word.
                    None => {
                        let n = p.text[start..end].split_whitespace().count();
                        n >= 8
                            && may_quote(targets, doc_index, m.key.0)
                            && m.query_in_entry >= QUOTED_FROM
                            && (m.entry_in_query >= COVERS
                                || (n >= LONG_QUOTE && m.query_in_entry >= VERBATIM))
                    }
                };
                ok && !is_title
            };
            // A phrase found in several paragraphs goes to the one that shares most words with
            // the sentence quoting it (`… au Groupe … d'établir une « feuille de route … », en
            // 2026`).
            let context = sentence_words(&p.text, start, end);
            let found = index
                .candidates(&sorted(&quote))
                .into_iter()
                .filter(fits)
                .max_by(|a, b| {
                    a.query_in_entry.total_cmp(&b.query_in_entry).then_with(|| {
                        overlap(&context, &paragraph(docs, *a.key).text)
                            .cmp(&overlap(&context, &paragraph(docs, *b.key).text))
                    })
                });
            if let Some(m) = found {
                let mut c = Citation::new(
                    &p.id,
                    start,
                    end,
                    &p.text[start..end],
                    CitationKind::Quotation,
                )
                .to_paragraph(
                    docs[m.key.0],
                    paragraph(docs, *m.key),
                    CitationStatus::Verified,
                );
                c.similarity = Some(round(m.query_in_entry));
                c.note = attributed.map(|_| "attributed by its note".to_string());
                out.push(c);
            }
        }
    }
    out
}

/// Checks a quotation attached to an explicit reference against the cited paragraph: verified
/// when the paragraph carries the quoted words; otherwise a mismatch naming the paragraph of the
/// same document that does, if any.
pub fn verify(
    quote: &str,
    cited: &Document,
    cited_ids: &[String],
    index: &Index<Key>,
    docs: &[&Document],
) -> (CitationStatus, Option<String>, f64) {
    let q = quote_shingles(quote);
    let best_cited = cited_ids
        .iter()
        .filter_map(|id| cited.block(id))
        .map(|b| containment(&q, &shingles(b.text())))
        .fold(0.0, f64::max);
    if best_cited >= QUOTED_FROM {
        return (CitationStatus::Verified, None, round(best_cited));
    }
    let elsewhere = index
        .candidates(&sorted(&q))
        .into_iter()
        .filter(|m| docs[m.key.0].id == cited.id && m.query_in_entry >= QUOTED_FROM)
        .map(|m| paragraph(docs, *m.key))
        .next();
    match elsewhere {
        Some(p) => (
            CitationStatus::Mismatch,
            p.number.clone().or_else(|| Some(p.id.clone())),
            round(best_cited),
        ),
        None => (CitationStatus::Mismatch, None, round(best_cited)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editorial_marks_do_not_hide_the_wording() {
        let source = shingles("Pour remédier à ces entraves à la participation à la société de l'information et aux difficultés rencontrées, il faut renforcer la coopération internationale");
        let quote = quote_shingles("[p]our remédier [aux] entraves à la participation à la société de l'information [...] il faut renforcer la coopération internationale");
        assert!(
            containment(&quote, &source) >= QUOTED_FROM,
            "{}",
            containment(&quote, &source)
        );
    }

    #[test]
    fn quoted_passages_need_enough_words() {
        let t = "conformément au point 7 selon lequel \"l'UIT doit poursuivre ses travaux sur la mise en œuvre des résultats\", et « Le Pacte pour l'avenir »";
        let q = quoted_passages(t, 8);
        assert_eq!(q.len(), 1);
        assert!(t[q[0].0..q[0].1].starts_with("l'UIT doit"));
        assert!(t[q[0].0..q[0].1].ends_with("résultats"));
    }
}
