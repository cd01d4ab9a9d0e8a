//! What kind of document a reading is, told from its structure, not from its layout: a
//! resolution has an adoption line, a resolution title or an enacting formula with preambular
//! paragraphs; a draft resolution says so in its title; a report says so, or numbers its
//! paragraphs without a formula.

use crate::model::{Block, Document, DocumentType, Role};

/// The type of `doc` and why, with the source line that tells it.
pub fn recognise(doc: &Document) -> (DocumentType, String) {
    let title = doc.headings().find(|h| h.level == 1);
    if let Some(h) = title {
        let t = fold(&h.text);
        let draft = (t.contains("projet de") || t.contains("draft"))
            && (t.contains("résolution") || t.contains("resolution"));
        if draft {
            return (
                DocumentType::DraftResolution,
                format!("its title says so, line {}: `{}`", h.line, excerpt(&h.text)),
            );
        }
    }
    if let Some(f) = doc.cover.iter().find(|f| f.key == "adoption") {
        return (
            DocumentType::Resolution,
            format!("adoption line {}: `{}`", f.line, excerpt(&f.value)),
        );
    }
    if let Some(h) = doc.headings().find(|h| {
        h.number.as_deref().is_some_and(|n| {
            n.split_once('/')
                .is_some_and(|(a, b)| is_number(a) && is_number(b))
        })
    }) {
        return (
            DocumentType::Resolution,
            format!("resolution title, line {}: `{}`", h.line, excerpt(&h.text)),
        );
    }
    let first = |role: Role| {
        doc.blocks.iter().find_map(|b| match b {
            Block::Paragraph(p) if p.role == role => Some(p),
            _ => None,
        })
    };
    if let (Some(f), Some(_)) = (first(Role::Formula), first(Role::Preambular)) {
        return (
            DocumentType::Resolution,
            format!(
                "enacting formula and preambular paragraphs, line {}: `{}`",
                f.line,
                excerpt(&f.text)
            ),
        );
    }
    let says_report = doc.headings().take(3).chain(title).find(|h| {
        fold(&h.text)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "rapport" || w == "report")
    });
    if let Some(h) = says_report {
        return (
            DocumentType::Report,
            format!("a heading says so, line {}: `{}`", h.line, excerpt(&h.text)),
        );
    }
    let numbered: Vec<usize> = doc
        .paragraphs()
        .filter(|p| p.role == Role::Operative && p.parent.is_none() && p.number.is_some())
        .map(|p| p.line)
        .collect();
    if numbered.len() >= 5 {
        return (
            DocumentType::Report,
            format!(
                "{} numbered paragraphs and no enacting formula, from line {}",
                numbered.len(),
                numbered[0]
            ),
        );
    }
    (
        DocumentType::Document,
        "no adoption line, resolution title, enacting formula or numbered paragraphs".to_string(),
    )
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

fn excerpt(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_text;
    use std::path::Path;

    fn type_of(text: &str) -> DocumentType {
        let read = read_text(text, Path::new("t.txt"), None).unwrap();
        read.document.doc_type
    }

    #[test]
    fn resolutions_reports_and_drafts_are_told_apart() {
        let resolution = "L'Assemblée générale,\n\nRappelant sa résolution 70/125,\n\n1. Décide de poursuivre ses travaux ;\n\n2. Prie le Secrétaire général de lui faire rapport.\n";
        assert_eq!(type_of(resolution), DocumentType::Resolution);
        let long = "x".repeat(210);
        let report: String = (1..=6).map(|n| format!("{n}. {long}.\n\n")).collect();
        assert_eq!(type_of(&report), DocumentType::Report);
    }
}
