//! The linker against the hand-made oracle (`tests/oracle/citations.tsv`, built by reading the
//! sources; see its README): every explicit paragraph citation, annex quotation and quotation of
//! the corpus, with its check. Precision and recall must both be 1.0, and every mismatch must be
//! found with the paragraph the quoted text really is.

use std::collections::BTreeSet;
use std::path::Path;

use wsis::ingest::builder::clause_slug;
use wsis::model::CitationKind;
use wsis::{link, registry, site};

/// One reference, in the form both sides can be compared in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    from_doc: String,
    from_block: String,
    kind: String,
    target: String,
    numbers: String,
    status: String,
    suggested: String,
}

/// `29,30,…,82` → `29-82`: runs of three or more consecutive numbers written as a range.
fn compress(numbers: &[String]) -> String {
    let ints: Option<Vec<u32>> = numbers.iter().map(|n| n.parse().ok()).collect();
    let Some(ints) = ints.filter(|v| v.len() >= 3 && v.windows(2).all(|w| w[1] == w[0] + 1)) else {
        return numbers.join(",");
    };
    format!("{}-{}", ints[0], ints[ints.len() - 1])
}

fn oracle() -> BTreeSet<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/citations.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (
                from_doc,
                from_block,
                kind,
                target_doc,
                symbol,
                numbers,
                clause,
                status,
                suggested,
            ) = (f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
            let numbers = if kind == "quotation" {
                // Quotations are compared by the paragraph they were matched to.
                numbers
                    .split(',')
                    .map(|n| {
                        if n.starts_with("pp") {
                            n.to_string()
                        } else {
                            format!("p{n}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            } else if clause != "-" {
                numbers
                    .split(',')
                    .map(|n| format!("{}-{n}", clause_slug(clause)))
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                numbers.to_string()
            };
            Row {
                from_doc: from_doc.into(),
                from_block: from_block.into(),
                kind: kind.into(),
                target: if target_doc != "-" {
                    target_doc.into()
                } else {
                    symbol.into()
                },
                numbers,
                status: status.into(),
                suggested: suggested.into(),
            }
        })
        .collect()
}

fn produced() -> BTreeSet<Row> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let entries = registry::load(root).unwrap();
    let (mut docs, _) = site::ingest_all(&entries).unwrap();
    link::link(&entries, &mut docs);
    let mut out = BTreeSet::new();
    for d in &docs {
        for c in &d.citations {
            if !matches!(
                c.kind,
                CitationKind::Explicit | CitationKind::AnnexQuote | CitationKind::Quotation
            ) {
                continue;
            }
            let numbers = match (c.kind, &c.target_clause) {
                (CitationKind::Quotation, _) => c.target_ids.join(","),
                (_, Some(clause)) => c
                    .target_paragraphs
                    .iter()
                    .map(|n| format!("{}-{n}", clause_slug(clause)))
                    .collect::<Vec<_>>()
                    .join(","),
                _ => compress(&c.target_paragraphs),
            };
            out.insert(Row {
                from_doc: d.id.clone(),
                from_block: c.from.clone(),
                kind: c.kind.as_str().into(),
                target: c
                    .target_doc
                    .clone()
                    .or_else(|| c.target_symbol.clone())
                    .unwrap_or_default(),
                numbers,
                status: c.status.as_str().into(),
                suggested: c.suggested.clone().unwrap_or_else(|| "-".into()),
            });
        }
    }
    out
}

#[test]
fn precision_and_recall_are_one_on_the_oracle() {
    let expected = oracle();
    let got = produced();
    let false_positives: Vec<&Row> = got.difference(&expected).collect();
    let missed: Vec<&Row> = expected.difference(&got).collect();
    let tp = got.intersection(&expected).count();
    let precision = tp as f64 / got.len().max(1) as f64;
    let recall = tp as f64 / expected.len().max(1) as f64;
    assert!(
        false_positives.is_empty() && missed.is_empty(),
        "precision {precision:.3}, recall {recall:.3}\nnot in the oracle:\n{false_positives:#?}\nmissed:\n{missed:#?}"
    );
    assert!(
        expected.len() >= 30,
        "the oracle has {} rows",
        expected.len()
    );
}

#[test]
fn every_mismatch_names_the_paragraph_that_matches() {
    let mismatches: Vec<Row> = oracle()
        .into_iter()
        .filter(|r| r.status == "mismatch")
        .collect();
    assert_eq!(mismatches.len(), 5);
    let got = produced();
    for m in &mismatches {
        assert!(got.contains(m), "not found: {m:?}");
    }
}
