//! Explicit references: what the citation grammar finds in each paragraph and note, resolved to
//! paragraphs of the corpus, to official copies of UN documents outside it, or reported.

use std::collections::HashMap;

use super::citation::{self, CitationKind as Found, DocRef};
use super::quotation::{quoted_passages, verify, Key};
use super::similarity::Index;
use super::targets::{clause_item_id, paragraph_id, undocs_url, Targets};
use crate::model::{Block, Citation, CitationKind, CitationStatus, Document};

/// How a document reference resolves.
enum Resolved<'a> {
    Corpus(&'a Document),
    /// Outside the corpus: canonical symbol or name, and an official address when there is one.
    Outside {
        symbol: String,
        url: Option<String>,
    },
    Unresolved {
        printed: String,
        reason: String,
    },
}

/// The canonical symbol of a reference, as stored in `target_symbol`.
fn symbol_of(d: &DocRef) -> String {
    match d {
        DocRef::Un { symbol } | DocRef::ItuDocument { symbol } => symbol.clone(),
        DocRef::ItuCouncilResolution { number, .. } => format!("ITU-Council-Res-{number}"),
        DocRef::ItuAssemblyResolution {
            assembly, number, ..
        } => format!("ITU-{assembly}-Res-{number}"),
        DocRef::ItuPlenipotentiaryResolution { number, .. } => format!("ITU-PP-Res-{number}"),
        DocRef::External { name } => name.clone(),
        DocRef::Flattened { printed, .. } | DocRef::Unresolvable { printed, .. } => printed.clone(),
    }
}

fn resolve_doc<'a>(d: &DocRef, targets: &Targets<'a>, lang: &str) -> Resolved<'a> {
    match d {
        DocRef::Un { symbol } => match targets.by_symbol(symbol) {
            Some(doc) => Resolved::Corpus(doc),
            None => Resolved::Outside {
                symbol: symbol.clone(),
                url: Some(undocs_url(symbol, lang)),
            },
        },
        DocRef::ItuDocument { symbol } => match targets.by_symbol(symbol) {
            Some(doc) => Resolved::Corpus(doc),
            None => Resolved::Outside {
                symbol: symbol.clone(),
                url: None,
            },
        },
        DocRef::ItuCouncilResolution { .. }
        | DocRef::ItuPlenipotentiaryResolution { .. }
        | DocRef::ItuAssemblyResolution { .. }
        | DocRef::External { .. } => Resolved::Outside {
            symbol: symbol_of(d),
            url: None,
        },
        DocRef::Unresolvable { printed, reason } => Resolved::Unresolved {
            printed: printed.clone(),
            reason: reason.clone(),
        },
        DocRef::Flattened { printed, .. } => Resolved::Unresolved {
            printed: printed.clone(),
            reason: "two symbols run together by flattened tracked changes".into(),
        },
    }
}

/// The texts to scan in a document: every paragraph and heading, then every note, with the id
/// they are cited from.
fn texts(doc: &Document) -> Vec<(&str, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.id(), b.text()))
        .chain(
            doc.footnotes
                .iter()
                .map(|f| (f.id.as_str(), f.text.as_str())),
        )
        .collect()
}

/// The nearest resolution an item is about: named earlier in its own text or in its parents'
/// (`aux termes de la Résolution 140 (Rév. Bucarest, 2022)`), for `point 7 du décide` written
/// without `ci-dessus`.
fn context_resolution(doc: &Document, from: &str, before: &str, lang: &str) -> Option<DocRef> {
    let is_resolution = |d: &DocRef| {
        matches!(
            d,
            DocRef::ItuPlenipotentiaryResolution { .. }
                | DocRef::ItuCouncilResolution { .. }
                | DocRef::Un { .. }
        )
    };
    let last_in = |text: &str| {
        citation::find(text, lang)
            .into_iter()
            .filter_map(|c| c.document)
            .rfind(is_resolution)
    };
    if let Some(d) = last_in(before) {
        return Some(d);
    }
    let mut parent = doc
        .block(from)
        .and_then(Block::as_paragraph)
        .and_then(|p| p.parent.clone());
    while let Some(id) = parent {
        let Some(Block::Paragraph(p)) = doc.block(&id) else {
            break;
        };
        if let Some(d) = last_in(&p.text) {
            return Some(d);
        }
        parent = p.parent.clone();
    }
    None
}

/// Does the reference, or the words right after it, say it points into the text itself
/// (`ci-dessus`, `above`, `de la présente résolution`)?
fn points_here(reference: &str, after: &str) -> bool {
    const HERE: [&str; 7] = [
        "ci-dessus",
        "ci-après",
        "above",
        "below",
        "de la présente",
        "of the present",
        "of this",
    ];
    let r = reference.to_lowercase();
    let a = after.trim_start().to_lowercase();
    HERE.iter().any(|w| r.contains(w) || a.starts_with(w))
}

/// The quoted passage that a reference introduces (`… selon lequel "l'UIT doit …"`): the first
/// quotation starting shortly after it.
fn attached_quote(text: &str, end: usize) -> Option<(usize, usize)> {
    quoted_passages(text, 3)
        .into_iter()
        .find(|&(s, _)| s >= end && s - end <= 40)
}

/// Explicit references of document `doc_index`; also returns, for each note, the corpus
/// document its reference points to (for the quotations the note attributes).
pub fn explicit(
    doc_index: usize,
    targets: &Targets,
    index: &Index<Key>,
) -> (Vec<Citation>, HashMap<String, String>) {
    let docs = targets.docs();
    let doc = docs[doc_index];
    let lang = doc.lang.as_str();
    let mut out = Vec::new();
    let mut note_targets: HashMap<String, String> = HashMap::new();
    let mut previous_note: Option<Citation> = None;
    for (from, text) in texts(doc) {
        let is_note = doc.footnotes.iter().any(|f| f.id == from);
        if is_note && citation::is_ibid(text) {
            if let Some(prev) = &previous_note {
                let mut c = prev.clone();
                c.from = from.to_string();
                let ibid_len = text
                    .find(|ch: char| !(ch.is_alphabetic() || ch == '.'))
                    .unwrap_or(text.len());
                c.start = 0;
                c.end = ibid_len;
                c.text = text[..ibid_len].to_string();
                if let Some(t) = &c.target_doc {
                    note_targets.insert(from.to_string(), t.clone());
                }
                out.push(c);
            }
            continue;
        }
        for found in citation::find(text, lang) {
            let printed = &text[found.start..found.end];
            let kind = if found.kind == Found::Document {
                CitationKind::Symbol
            } else {
                CitationKind::Explicit
            };
            if let Some(DocRef::Flattened {
                parts,
                printed: token,
            }) = &found.document
            {
                out.extend(flattened(from, text, &found, token, parts, targets, lang));
                continue;
            }
            let mut c = Citation::new(from, found.start, found.end, printed, kind);
            c.target_paragraphs = found.numbers.clone();
            c.target_clause = found.clause.clone();
            let document = match (&found.document, found.kind, &found.clause) {
                (None, Found::Points, Some(_)) if !points_here(printed, &text[found.end..]) => {
                    context_resolution(doc, from, &text[..found.start], lang)
                }
                (d, _, _) => d.clone(),
            };
            let resolved = match &document {
                None => Resolved::Corpus(doc),
                Some(d) => resolve_doc(d, targets, lang),
            };
            match resolved {
                Resolved::Corpus(target) => {
                    c.target_doc = Some(target.id.clone());
                    c.target_symbol = Some(target.symbol.clone());
                    let mut missing = Vec::new();
                    for n in &found.numbers {
                        let id = match &found.clause {
                            Some(clause) => clause_item_id(target, clause, n),
                            None => paragraph_id(target, n),
                        };
                        match id {
                            Some(id) => c.target_ids.push(id),
                            None => missing.push(n.clone()),
                        }
                    }
                    if !missing.is_empty() {
                        c.status = CitationStatus::Unresolved;
                        c.note = Some(format!(
                            "{} has no {} {}",
                            target.symbol,
                            found
                                .clause
                                .as_deref()
                                .map_or("paragraph".to_string(), |cl| format!("point of « {cl} »")),
                            missing.join(", ")
                        ));
                    } else if let Some((qs, qe)) =
                        attached_quote(text, found.end).filter(|_| kind == CitationKind::Explicit)
                    {
                        let (status, suggested, similarity) =
                            verify(&text[qs..qe], target, &c.target_ids, index, docs);
                        c.status = status;
                        c.suggested = suggested;
                        c.similarity = Some(similarity);
                    } else {
                        c.status = CitationStatus::Unverified;
                    }
                    if is_note {
                        note_targets.insert(from.to_string(), target.id.clone());
                    }
                }
                Resolved::Outside { symbol, url } => {
                    c.status = CitationStatus::External;
                    c.target_symbol = Some(symbol);
                    c.url = url;
                }
                Resolved::Unresolved { printed, reason } => {
                    c.status = CitationStatus::Unresolved;
                    c.target_symbol = Some(printed);
                    c.note = Some(reason);
                }
            }
            if is_note && c.target_symbol.is_some() {
                previous_note = Some(c.clone());
            }
            out.push(c);
        }
    }
    (out, note_targets)
}

/// Two symbols run together by flattened tracked changes (`70/12580/173`): each part that can be
/// found in the printed token is linked on its own stretch of text, as a reference to a document.
fn flattened(
    from: &str,
    text: &str,
    found: &citation::Citation,
    token: &str,
    parts: &[DocRef],
    targets: &Targets,
    lang: &str,
) -> Vec<Citation> {
    let Some(token_at) = text[found.start..found.end]
        .find(token)
        .map(|i| found.start + i)
    else {
        let mut c = Citation::new(
            from,
            found.start,
            found.end,
            &text[found.start..found.end],
            CitationKind::Symbol,
        );
        c.note = Some(format!(
            "`{token}`: two symbols run together by flattened tracked changes"
        ));
        return vec![c];
    };
    let mut out = Vec::new();
    let mut cursor = token_at;
    for part in parts {
        // The part as the token prints it: `A/RES/70/125` is printed `70/125`, `A/78/L.49`
        // `78/L.49`.
        let full = symbol_of(part);
        let forms = [
            full.clone(),
            full.trim_start_matches("A/RES/")
                .trim_start_matches("E/RES/")
                .to_string(),
            full.trim_start_matches("A/")
                .trim_start_matches("E/")
                .to_string(),
        ];
        let window = &text[cursor..token_at + token.len()];
        let Some((i, short)) = forms
            .iter()
            .find_map(|f| window.find(f.as_str()).map(|i| (i, f.clone())))
        else {
            continue;
        };
        let (s, e) = (cursor + i, cursor + i + short.len());
        cursor = e;
        let mut c = Citation::new(from, s, e, &text[s..e], CitationKind::Symbol);
        c.note = Some(format!(
            "part of `{token}`, two symbols run together by flattened tracked changes"
        ));
        match resolve_doc(part, targets, lang) {
            Resolved::Corpus(doc) => {
                c.status = CitationStatus::Unverified;
                c.target_doc = Some(doc.id.clone());
                c.target_symbol = Some(doc.symbol.clone());
            }
            Resolved::Outside { symbol, url } => {
                c.status = CitationStatus::External;
                c.target_symbol = Some(symbol);
                c.url = url;
            }
            Resolved::Unresolved { printed, reason } => {
                c.target_symbol = Some(printed);
                c.note = Some(reason);
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_into_the_text_itself_are_recognised() {
        assert!(points_here("point 4 du décide ci-dessus", ","));
        assert!(points_here("point 5 du décide", " ci-dessus, …"));
        assert!(points_here("resolves 3", " of the present resolution"));
        assert!(!points_here(
            "point 7 du décide",
            " selon lequel \"l'UIT doit\""
        ));
    }

    #[test]
    fn symbols_are_named_canonically() {
        assert_eq!(
            symbol_of(&DocRef::ItuCouncilResolution {
                number: "1332".into(),
                revision: None
            }),
            "ITU-Council-Res-1332"
        );
        assert_eq!(
            symbol_of(&DocRef::ItuPlenipotentiaryResolution {
                number: "140".into(),
                revision: Some("Bucarest, 2022".into())
            }),
            "ITU-PP-Res-140"
        );
        assert_eq!(
            symbol_of(&DocRef::Un {
                symbol: "A/RES/70/125".into()
            }),
            "A/RES/70/125"
        );
    }
}
