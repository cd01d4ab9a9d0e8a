//! Seed: C26/93, draft revision of ITU Council Resolution 1332 (French, Word export), with
//! tracked changes flattened into the text. Counts below were taken from the source with
//! grep/awk (see each comment), not from the reader's output.

mod common;

use wsis::ingest::Layout;
use wsis::model::{Document, Paragraph, Role};

const SEED: &str = "c26-93.txt";

fn doc() -> Document {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::WordExport, "layout detection");
    ingested.document
}

fn para<'d>(d: &'d Document, id: &str) -> &'d Paragraph {
    d.block(id)
        .and_then(|b| b.as_paragraph())
        .unwrap_or_else(|| panic!("no paragraph `{id}`"))
}

/// The direct children of a block, by id.
fn children<'d>(d: &'d Document, parent: &str) -> Vec<&'d Paragraph> {
    d.paragraphs()
        .filter(|p| p.parent.as_deref() == Some(parent))
        .collect()
}

#[test]
fn cover_fields_and_header_debris() {
    // Lines 4, 5, 8, 11, 16 are TAB-indented header fields; 20–26 the labelled fields; 153
    // `Annexe: 1`. Lines 1–3 (`[image: ]`, `- 2 -`, `C2001/#-F`) are page-header debris.
    let d = doc();
    let fields: Vec<(&str, Option<&str>, &str, usize)> = d
        .cover
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_deref(), f.value.as_str(), f.line))
        .collect();
    assert_eq!(fields.len(), 9);
    assert_eq!(
        fields[..5],
        [
            ("agenda-item", Some("Point de l'ordre du jour"), "PL 2", 4),
            ("symbol", Some("Document"), "C26/93-F", 5),
            ("date", None, "14 avril 2026", 8),
            ("original-language", Some("Original"), "russe", 11),
            (
                "author",
                None,
                "Contribution de la Fédération de Russie",
                16
            ),
        ]
    );
    let rest: Vec<(&str, Option<&str>, usize)> =
        fields[5..].iter().map(|f| (f.0, f.1, f.3)).collect();
    assert_eq!(
        rest,
        [
            ("subject", Some("Objet"), 20),
            ("action", Some("Suite à donner par le Conseil"), 22),
            ("references", Some("Références"), 25),
            ("annexes", Some("Annexe"), 153),
        ]
    );
    assert_eq!(
        d.cover_value("references"),
        Some("Résolutions 80/173 et 80/118 de l'Assemblée générale des Nations Unies; Documents C26/59 et C26/60 du Conseil, Document CWG-WSIS&SDG-44/8(Rév.1)")
    );
    assert_eq!(d.cover_value("annexes"), Some("1"));
    for f in &d.cover {
        for bad in ["C2001", "- 2 -", "image", "bookmark", "___"] {
            assert!(!f.value.contains(bad), "{}: {}", f.key, f.value);
        }
    }
}

#[test]
fn headings() {
    // Level 1: capitals title (18), ` RÉSOLUTION 1332 …` (41), `ANNEXE` (155), annex title
    // (156). Level 2: `I\tIntroduction` (31), `II\tProposition` (38), the resolution's title
    // over lines 43–44. Level 4: the 9 clause lines (46, 59, 83, 100, 104, 115, 123, 140, 146).
    let d = doc();
    let by_level = |l: u8| -> Vec<(&str, &str)> {
        d.headings()
            .filter(|h| h.level == l)
            .map(|h| (h.id.as_str(), h.text.as_str()))
            .collect()
    };
    let l1 = by_level(1);
    assert_eq!(l1.len(), 4);
    assert!(l1[0]
        .1
        .starts_with("PROJET DE RÉVISION DE LA RÉSOLUTION 1332 DU CONSEIL"));
    assert_eq!(l1[1], ("h2", "RÉSOLUTION 1332 (C11, DERNIÈRE MOD. C24C26)"));
    assert_eq!(l1[2], ("annex1-h1", "ANNEXE"));
    assert_eq!(
        l1[3],
        (
            "annex1-h2",
            "Mandat du Groupe de travail du Conseil sur le SMSI et les ODD"
        )
    );
    assert_eq!(
        by_level(2),
        [
            ("s-i", "Introduction"),
            ("s-ii", "Proposition"),
            (
                "h3",
                "Rôle de l'UIT dans la mise en œuvre des résultats du SMSI et du Programme de développement durable à l'horizon 2030"
            ),
        ]
    );
    assert_eq!(by_level(3).len(), 0);
}

#[test]
fn clauses_and_their_item_counts() {
    // Per clause, depth-1 items counted with awk over the lines between clause lines:
    // rappelant a–l (12); considérant a b c d e e f fg gh hi (10); reconnaissant a–f g g h i
    // (10); notant a b b (3); décide 1 2 3 4 5 46 57 6 (8); charge le Groupe de travail 1 2
    // (2); charge le Secrétaire général 1–5 5 6–12 1213 1314 1415 (16); … et les Directeurs
    // 1–5 (5); invite 1–6 (6).
    let d = doc();
    let expected: [(&str, Role, usize); 9] = [
        ("rappelant", Role::Preambular, 12),
        ("considerant", Role::Preambular, 10),
        ("reconnaissant", Role::Preambular, 10),
        ("notant", Role::Preambular, 3),
        ("decide", Role::Operative, 8),
        ("charge-groupe-travail-conseil", Role::Operative, 2),
        ("charge-secretaire-general", Role::Operative, 16),
        ("charge-secretaire-general-directeurs", Role::Operative, 5),
        ("invite-etats-membres-membres", Role::Operative, 6),
    ];
    let clause_ids: Vec<&str> = d
        .headings()
        .filter(|h| h.level == 4)
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(clause_ids, expected.map(|e| e.0));
    for (clause, role, count) in expected {
        let items: Vec<&Paragraph> = children(&d, clause)
            .into_iter()
            .filter(|p| p.number.is_some())
            .collect();
        assert_eq!(items.len(), count, "items of {clause}");
        assert!(
            items
                .iter()
                .all(|p| p.role == role && p.clause.as_deref() == Some(clause)),
            "{clause}"
        );
    }
    assert_eq!(
        d.block("charge-groupe-travail-conseil").unwrap().text(),
        "charge le Groupe de travail du Conseil sur le Sommet mondial sur la société de l'information et les ODD"
    );
    // The formula (line 45) and the adoption note (line 42).
    assert_eq!(para(&d, "formula-1").text, "Le Conseil de l'UIT,");
    assert_eq!(para(&d, "formula-1").role, Role::Formula);
    assert_eq!(
        para(&d, "t7").text,
        "(adoptée à la onzième séance plénière)"
    );
}

#[test]
fn flattened_tracked_changes_keep_the_printed_numbers() {
    let d = doc();
    // Printed label → id, for every duplicated or run-together label.
    for (id, printed) in [
        ("considerant-e", "e"),
        ("considerant-e-dup2", "e"),
        ("considerant-g", "fg"),
        ("considerant-h", "gh"),
        ("considerant-i", "hi"),
        ("reconnaissant-g", "g"),
        ("reconnaissant-g-dup2", "g"),
        ("notant-b", "b"),
        ("notant-b-dup2", "b"),
        ("decide-6", "46"),
        ("decide-7", "57"),
        ("decide-6-dup2", "6"),
        ("charge-secretaire-general-5", "5"),
        ("charge-secretaire-general-5-dup2", "5"),
        ("charge-secretaire-general-13", "1213"),
        ("charge-secretaire-general-14", "1314"),
        ("charge-secretaire-general-15", "1415"),
    ] {
        assert_eq!(para(&d, id).number.as_deref(), Some(printed), "{id}");
    }
    assert!(para(&d, "decide-6")
        .text
        .starts_with("que le Groupe de travail du Conseil sur le SMSI et les ODD, ouvert"));
    assert!(para(&d, "decide-6-dup2")
        .text
        .starts_with("que le Forum 2025 du SMSI devrait être considéré"));
    // Operative numbers of décide exactly as printed.
    let decide: Vec<&str> = children(&d, "decide")
        .iter()
        .map(|p| p.number.as_deref().unwrap())
        .collect();
    assert_eq!(decide, ["1", "2", "3", "4", "5", "46", "57", "6"]);
    let sg: Vec<&str> = children(&d, "charge-secretaire-general")
        .iter()
        .map(|p| p.number.as_deref().unwrap())
        .collect();
    assert_eq!(
        sg,
        [
            "1", "2", "3", "4", "5", "5", "6", "7", "8", "9", "10", "11", "12", "1213", "1314",
            "1415"
        ]
    );
    // The unnumbered line 122 stays an unnumbered paragraph of its clause.
    let t = para(&d, "charge-groupe-travail-conseil-t1");
    assert_eq!(t.number, None);
    assert_eq!(t.line, 122);
    assert_eq!(t.parent.as_deref(), Some("charge-groupe-travail-conseil"));
    assert!(t
        .text
        .starts_with("de lancer un appel à contributions pour illustrer"));
}

#[test]
fn sub_items_roman_numbers_dashes_and_indented_lines() {
    let d = doc();
    // décide 3 a) b) (lines 108–109).
    let ids = |parent: &str| -> Vec<String> {
        children(&d, parent).iter().map(|p| p.id.clone()).collect()
    };
    assert_eq!(ids("decide-3"), ["decide-3-a", "decide-3-b"]);
    // considérant gh): two indented lines (69–70), i)–v) (71–75), two indented lines (79–80);
    // the `i)` on line 71 is roman because `ii)` follows.
    assert_eq!(
        ids("considerant-h"),
        [
            "considerant-h-t1",
            "considerant-h-t2",
            "considerant-h-i",
            "considerant-h-ii",
            "considerant-h-iii",
            "considerant-h-iv",
            "considerant-h-v",
            "considerant-h-t3",
            "considerant-h-t4",
        ]
    );
    assert_eq!(para(&d, "considerant-h-i").role, Role::Item);
    assert_eq!(
        para(&d, "considerant-h-t2").text,
        "le Conseil a également été prié:"
    );
    // Three dash items under v) (76–78), six under reconnaissant h) (93–98).
    assert_eq!(children(&d, "considerant-h-v").len(), 3);
    assert_eq!(children(&d, "reconnaissant-h").len(), 6);
    assert!(children(&d, "reconnaissant-h")
        .iter()
        .all(|p| p.role == Role::ListItem));
    // rappelant i) (line 55) is the letter after h): a sibling, not a roman sub-item.
    assert_eq!(para(&d, "rappelant-i").parent.as_deref(), Some("rappelant"));
    assert_eq!(para(&d, "rappelant-i").line, 55);
    // charge le Groupe de travail 1: i)–iv) (117–120).
    assert_eq!(
        ids("charge-groupe-travail-conseil-1"),
        [
            "charge-groupe-travail-conseil-1-i",
            "charge-groupe-travail-conseil-1-ii",
            "charge-groupe-travail-conseil-1-iii",
            "charge-groupe-travail-conseil-1-iv",
        ]
    );
}

#[test]
fn introduction_proposal_and_annex() {
    // Chapter I: 6 unnumbered lines (32–37); chapter II: 2.1, 2.2 (39–40); annex a)–l)
    // (157–168).
    let d = doc();
    let texts: Vec<&str> = d
        .paragraphs()
        .filter(|p| p.role == Role::Text)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(texts, ["t1", "t2", "t3", "t4", "t5", "t6", "t7"]);
    assert_eq!(
        para(&d, "t2").text,
        "Le secrétariat a présenté les Documents С26/59 et С26/60"
    );
    let numbered: Vec<(&str, &str)> = d
        .paragraphs()
        .filter(|p| p.parent.is_none() && p.number.is_some() && p.annex.is_none())
        .map(|p| (p.id.as_str(), p.number.as_deref().unwrap()))
        .collect();
    assert_eq!(numbered, [("p2-1", "2.1"), ("p2-2", "2.2")]);
    assert_eq!(para(&d, "p2-1").role, Role::Operative);
    let annex: Vec<&str> = d
        .paragraphs()
        .filter(|p| p.annex == Some(1))
        .map(|p| p.number.as_deref().unwrap())
        .collect();
    assert_eq!(
        annex,
        ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
    );
    assert_eq!(para(&d, "annex1-i").role, Role::Item);
    assert!(para(&d, "annex1-l")
        .text
        .starts_with("Travailler en étroite collaboration"));
}

#[test]
fn the_footnote_resolves_to_the_item_printed_hi() {
    // `grep -c footnoteRef` = 1 (line 81), one note `[1: …]` at the end of that line.
    let d = doc();
    assert_eq!(d.footnotes.len(), 1);
    let n = &d.footnotes[0];
    assert_eq!(n.number, "1");
    assert_eq!(n.referenced_from, ["considerant-i"]);
    assert!(n
        .text
        .starts_with("Organisations comprenant, entre autres, l'Internet Corporation"));
    assert!(n.text.ends_with("sur une base de réciprocité."));
    let hi = para(&d, "considerant-i");
    assert_eq!(hi.footnotes, ["1"]);
    assert!(hi
        .text
        .contains("les organisations compétentes participant au développement"));
    assert!(hi
        .text
        .ends_with("de favoriser une connectivité internationale financièrement abordable,"));
    for b in &d.blocks {
        for bad in [
            "Organisations comprenant",
            "footnoteRef",
            "bookmark",
            "image",
            "C2001",
        ] {
            assert!(!b.text().contains(bad), "{}: {}", b.id(), b.text());
        }
    }
}

#[test]
fn warnings_are_exactly_the_tracked_change_debris() {
    let ingested = common::ingest_seed(SEED);
    let got: Vec<(usize, String)> = ingested
        .warnings
        .iter()
        .map(|w| (w.line, w.message.clone()))
        .collect();
    // (line, a piece of the message): duplicated labels give two warnings (the label, the id).
    let expected: [(usize, &str); 19] = [
        (65, "`e` is used twice"),
        (65, "`considerant-e-dup2`"),
        (67, "`fg` reads as `f` and `g`"),
        (68, "`gh` reads as `g` and `h`"),
        (81, "`hi` reads as `h` and `i`"),
        (91, "`g` is used twice"),
        (91, "`reconnaissant-g-dup2`"),
        (103, "`b` is used twice"),
        (103, "`notant-b-dup2`"),
        (112, "`46` reads as `4` and `6`"),
        (113, "`57` reads as `5` and `7`"),
        (114, "`6` is used twice"),
        (114, "`decide-6-dup2`"),
        (122, "without number among the numbered items"),
        (129, "`5` is used twice"),
        (129, "`charge-secretaire-general-5-dup2`"),
        (137, "`1213` reads as `12` and `13`"),
        (138, "`1314` reads as `13` and `14`"),
        (139, "`1415` reads as `14` and `15`"),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((line, msg), (eline, piece)) in got.iter().zip(expected) {
        assert_eq!(*line, eline, "{msg}");
        assert!(msg.contains(piece), "line {line}: {msg:?} lacks {piece:?}");
    }
}

#[test]
fn nothing_is_lost_or_duplicated() {
    let source = common::seed_text(SEED);
    common::assert_conserved(
        &source,
        &[
            // The opening of a note mark: the number stays glued to the word, as printed.
            r"\[footnoteRef:",
            // Bookmark field traces are not text.
            r"\[bookmark: [^\]]*\]",
            // An image placeholder from the page header.
            r"\[image: [^\]]*\]",
            // The page number of the running header (`- 2 -`).
            r"(?m)^- \d+ -$",
            // The template's running header: a symbol placeholder alone on its line.
            r"(?m)^C\d+/#-F$",
            // Separator line of the cover page (no words; named for completeness).
            r"(?m)^_{3,}$",
        ],
        &doc(),
    );
}

#[test]
fn header_debris_is_really_dropped() {
    // Without naming the header debris, the conservation check sees it missing from the model.
    let source = common::seed_text(SEED);
    let (missing, extra) = common::conservation_diff(
        &source,
        &[r"\[footnoteRef:", r"\[bookmark: [^\]]*\]"],
        &doc(),
    );
    assert_eq!(missing.get("image"), Some(&1));
    assert_eq!(missing.get("C2001"), Some(&1));
    assert_eq!(missing.get("2"), Some(&1));
    assert!(extra.is_empty(), "{extra:?}");
}
