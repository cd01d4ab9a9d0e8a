//! Seed: ITU final report on WSIS and the 2030 Agenda (French, Word export). Counts below were
//! taken from the source with grep/awk (see each comment), not from the reader's output.

mod common;

use wsis::ingest::Layout;
use wsis::model::{Document, Role};

const SEED: &str = "itu-final-report-wsis.txt";

fn doc() -> Document {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::WordExport, "layout detection");
    ingested.document
}

#[test]
fn reads_without_warnings() {
    let ingested = common::ingest_seed(SEED);
    let msgs: Vec<String> = ingested
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    assert!(msgs.is_empty(), "{msgs:#?}");
}

#[test]
fn cover_fields() {
    // Lines 3–12; `Lien pertinent` (singular) on line 7; `Références` empty (line 13 is the
    // title, which begins with a space).
    let d = doc();
    let fields: Vec<(&str, Option<&str>, usize)> = d
        .cover
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_deref(), f.line))
        .collect();
    assert_eq!(
        fields,
        [
            ("subject", Some("Objet"), 3),
            ("action", Some("Suite à donner par le Conseil"), 5),
            (
                "strategic-link",
                Some("Lien pertinent avec le plan stratégique"),
                7
            ),
            ("financial-implications", Some("Incidences financières"), 9),
            ("references", Some("Références"), 12),
        ]
    );
    assert!(d
        .cover_value("subject")
        .unwrap()
        .ends_with("ainsi que sur des propositions relatives à des activités futures."));
    assert_eq!(
        d.cover_value("strategic-link"),
        Some("Le présent document est conforme au Plan stratégique de l'UIT pour la période 2024-2027.")
    );
    assert_eq!(d.cover_value("references"), Some(""));
    assert_eq!(d.cover_value("annexes"), None);
}

#[test]
fn two_titles_the_second_wrapped_over_three_lines() {
    // Line 1 ` \tRAPPORT FINAL …` and lines 13–15 (` Rapport final …` / `durable …` /
    // `relatives …`); no chapter headings (`grep -cP '^ ?[IVX]+\t'` = 0).
    let d = doc();
    let headings: Vec<(u8, &str, &str)> = d
        .headings()
        .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(headings.len(), 2);
    assert_eq!((headings[0].0, headings[0].1), (1, "h1"));
    assert!(headings[0]
        .2
        .starts_with("RAPPORT FINAL ET EXHAUSTIF SUR LES ACTIVITÉS"));
    assert!(headings[0]
        .2
        .ends_with("PROPOSITIONS RELATIVES À DES ACTIVITÉS FUTURES"));
    assert_eq!(
        headings[1],
        (
            1,
            "h2",
            "Rapport final et exhaustif sur les activités menées par l'UIT dans le cadre de la mise en œuvre des résultats du SMSI et du Programme de développement durable à l'horizon 2030 ainsi que sur des propositions relatives à des activités futures"
        )
    );
}

#[test]
fn text_paragraphs_and_dash_items() {
    // `awk 'NR>=16 && NR<=41' | grep -vcP '^\s*$'` = 26 paragraphs; `grep -cP '^–\t'` = 7
    // dash items, all after line 41 (`… les activités suivantes:`).
    let d = doc();
    let texts: Vec<&str> = d
        .paragraphs()
        .filter(|p| p.role == Role::Text)
        .map(|p| p.id.as_str())
        .collect();
    let expected: Vec<String> = (1..=26).map(|k| format!("t{k}")).collect();
    assert_eq!(texts, expected);
    let items: Vec<&str> = d
        .paragraphs()
        .filter(|p| p.role == Role::ListItem)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        items,
        ["t26-li1", "t26-li2", "t26-li3", "t26-li4", "t26-li5", "t26-li6", "t26-li7"]
    );
    assert_eq!(
        d.block("t26").unwrap().text(),
        "Sur la base de l'examen du SMSI+20 et des Résolutions de l'UIT, il est prévu de mener les activités suivantes:"
    );
    assert_eq!(
        d.block("t26-li7").unwrap().text(),
        "Maintenir la coordination du système des Nations Unies sur les questions numériques, l'UIT faisant office de secrétariat permanent du Groupe UNGIS."
    );
    // Line 17 starts with a bookmark trace: the paragraph starts with its first word.
    assert!(d
        .block("t2")
        .unwrap()
        .text()
        .starts_with("L'Union internationale des télécommunications (UIT) continue"));
    assert_eq!(d.paragraphs().count(), 33);
}

#[test]
fn no_footnotes_no_annex_no_debris() {
    // `grep -c footnoteRef` = 0.
    let d = doc();
    assert!(d.footnotes.is_empty());
    assert!(d.paragraphs().all(|p| p.annex.is_none()));
    for b in &d.blocks {
        for bad in ["bookmark", "_Hlk", "___", "["] {
            assert!(!b.text().contains(bad), "{}: {}", b.id(), b.text());
        }
    }
}

#[test]
fn nothing_is_lost_or_duplicated() {
    let source = common::seed_text(SEED);
    common::assert_conserved(
        &source,
        &[
            // Bookmark field traces (`[bookmark: _Hlk224289297]`) are not text.
            r"\[bookmark: [^\]]*\]",
            // Separator lines (cover page, end of document): no words, named for completeness.
            r"(?m)^_{3,}$",
        ],
        &doc(),
    );
}

#[test]
fn the_bookmark_pattern_matters() {
    // Without naming the bookmarks as furniture, their words are missing from the model.
    let source = common::seed_text(SEED);
    let (missing, extra) = common::conservation_diff(&source, &[], &doc());
    assert_eq!(missing.get("bookmark"), Some(&2));
    assert!(extra.is_empty(), "{extra:?}");
}
