//! A/81/62–E/2026/48, report of the Secretary-General (French), text extracted from its PDF.
//!
//! Counts pinned here were read off the source with grep, not copied from the reader's output:
//! - `grep -oE '^ ?[0-9]+\. ' FILE` gives 83 line starts: 1..20, `1` (the subsection heading
//!   ` 1. Activités menées au titre des grandes orientations`), 21..67, `2` (` 2. Activités menées
//!   au titre des thèmes`), 68..81: 81 numbered paragraphs.
//! - `grep -oE '^ +[0-9]+ ' FILE` gives the notes 1..54, each once, plus ` * E/2026/1.`.
//! - Glued numbers in the running text, in order: `(SMSI)1.` `perdurent2.` … `20326.` (2032 + 6)
//!   … `2025-202820.` (2025-2028 + 20) … `ménages54.`; `C2`, `C7`, `G7`, `G20` are not marks.
//! - Headings, by reading: level 2 `Résumé`, `Introduction`, I–IV (6); level 3 A–C, A–E, A–F
//!   (14); level 4 `1.`, `2.` (2); level 5 a)–k), a)–c) (14); level 6 the seven unnumbered
//!   headings under g) (`Administration en ligne` … `Cyberscience`).

mod common;

use std::path::Path;

use wsis::ingest::{self, Layout};
use wsis::model::{Block, Document, Inline, Role};

const SEED: &str = "a-81-62-e-2026-48.txt";

fn doc() -> Document {
    common::ingest_seed(SEED).document
}

fn text(doc: &Document, id: &str) -> String {
    doc.block(id)
        .unwrap_or_else(|| panic!("no block {id}"))
        .text()
        .to_string()
}

fn numbered(doc: &Document) -> Vec<String> {
    doc.paragraphs()
        .filter(|p| p.role == Role::Operative)
        .map(|p| p.number.clone().unwrap_or_default())
        .collect()
}

#[test]
fn is_detected_as_pdf_text_and_warns_only_about_the_agenda_note() {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::PdfText);
    let warnings: Vec<String> = ingested
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    // The agenda note `*` belongs to the title, which this extraction does not carry.
    assert_eq!(warnings, ["29: note * has no mark in the text"]);
}

#[test]
fn numbered_paragraphs_run_from_1_to_81() {
    let doc = doc();
    let expected: Vec<String> = (1..=81).map(|n| n.to_string()).collect();
    assert_eq!(numbered(&doc), expected);
    let ids: Vec<&str> = doc
        .paragraphs()
        .filter(|p| p.role == Role::Operative)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(ids.first(), Some(&"p1"));
    assert_eq!(ids.last(), Some(&"p81"));
    // The only unnumbered paragraph is the summary.
    let texts: Vec<_> = doc.paragraphs().filter(|p| p.role == Role::Text).collect();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].id, "t1");
    assert!(texts[0]
        .text
        .starts_with("Le présent rapport a été établi en application de la résolution 2006/46 du Conseil économique et social, dans laquelle"));
    assert!(texts[0]
        .text
        .ends_with("des organisations internationales et d’autres parties prenantes."));
    assert_eq!(doc.paragraphs().count(), 82);
}

#[test]
fn headings_by_level() {
    let doc = doc();
    let count = |level: u8| doc.headings().filter(|h| h.level == level).count();
    assert_eq!(
        [count(1), count(2), count(3), count(4), count(5), count(6)],
        [0, 6, 14, 2, 14, 7]
    );
    let chapters: Vec<(&str, Option<&str>, &str)> = doc
        .headings()
        .filter(|h| h.level == 2)
        .map(|h| (h.id.as_str(), h.number.as_deref(), h.text.as_str()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("h1", None, "Résumé"),
            ("h2", None, "Introduction"),
            ("s-i", Some("I"), "Grandes tendances"),
            (
                "s-ii",
                Some("II"),
                "Application et suivi au niveau régional"
            ),
            (
                "s-iii",
                Some("III"),
                "Application et suivi au niveau international"
            ),
            ("s-iv", Some("IV"), "Conclusions et propositions"),
        ]
    );
    // Headings printed over two lines.
    assert_eq!(
        text(&doc, "s-iii-c"),
        "Commission de la science et de la technique au service du développement"
    );
    assert_eq!(
        text(&doc, "s-iii-f"),
        "Grandes orientations et aperçu des activités menées par les entités des Nations Unies"
    );
    assert_eq!(
        text(&doc, "s-iii-f-1-a"),
        "Mobiliser les pouvoirs publics et toutes les parties prenantes pour mettre les TIC au service du développement (C1)"
    );
    assert_eq!(
        text(&doc, "s-iii-f-1-h"),
        "Agir en faveur de la diversité culturelle, du respect des identités culturelles, de la diversité linguistique et de l’offre de contenus locaux (C8)"
    );
    assert_eq!(
        text(&doc, "s-iii-f-1"),
        "Activités menées au titre des grandes orientations"
    );
    assert_eq!(
        text(&doc, "s-iii-f-2-c"),
        "Mesure de la contribution des TIC au développement"
    );
    let minor: Vec<&str> = doc
        .headings()
        .filter(|h| h.level == 6)
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(
        minor,
        [
            "Administration en ligne",
            "Commerce électronique",
            "Apprentissage en ligne",
            "Télémédecine",
            "Cybertravail",
            "Cyberécologie",
            "Cyberscience"
        ]
    );
}

#[test]
fn cover_fields() {
    let doc = doc();
    let cover: Vec<(&str, Option<&str>, &str)> = doc
        .cover
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_deref(), f.value.as_str()))
        .collect();
    assert_eq!(
        cover,
        [
            ("symbol", Some("Nations Unies"), "A/81/62−E/2026/48"),
            ("body", None, "Assemblée générale"),
            ("body", None, "Conseil économique et social"),
            ("distribution", None, "Distr. générale"),
            ("date", None, "9 février 2026"),
            ("language", None, "Français"),
            ("original-language", Some("Original"), "anglais"),
        ]
    );
}

#[test]
fn every_mark_resolves_to_exactly_one_note() {
    let doc = doc();
    let numbers: Vec<&str> = doc.footnotes.iter().map(|f| f.number.as_str()).collect();
    let mut expected = vec!["*".to_string()];
    expected.extend((1..=54).map(|n| n.to_string()));
    assert_eq!(numbers, expected);
    assert_eq!(doc.footnotes[0].text, "E/2026/1.");
    assert!(doc.footnotes[0].referenced_from.is_empty());
    for f in &doc.footnotes[1..] {
        assert_eq!(f.referenced_from.len(), 1, "note {}", f.number);
    }
    // The marks, read in document order, are 1..54 once each.
    let marks: Vec<String> = doc
        .blocks
        .iter()
        .flat_map(|b| b.runs())
        .filter_map(|r| match r {
            Inline::NoteRef { number } => Some(number.clone()),
            _ => None,
        })
        .collect();
    let expected: Vec<String> = (1..=54).map(|n| n.to_string()).collect();
    assert_eq!(marks, expected);
    let from = |n: usize| doc.footnotes[n].referenced_from[0].as_str();
    assert_eq!(
        [
            from(1),
            from(2),
            from(3),
            from(4),
            from(5),
            from(6),
            from(7)
        ],
        ["p1", "p5", "p6", "p7", "p7", "p8", "p9"]
    );
    assert_eq!([from(12), from(20), from(54)], ["p16", "p20", "p76"]);
}

#[test]
fn marks_glued_to_years_are_split_off() {
    let doc = doc();
    // `d’ici à 20326.`: the year 2032 and the mark of note 6.
    assert!(text(&doc, "p8").contains("449 milliards de dollars d’ici à 2032. Par leur présence"));
    // `2025-202820.`: the years 2025-2028 and the mark of note 20.
    assert!(
        text(&doc, "p20").contains("dans ses objectifs stratégiques 2025-2028. Les entreprises")
    );
    // `en 202612.`: 2026 and the mark of note 12.
    assert!(text(&doc, "p16")
        .ends_with("« feuille de route pour une mise en œuvre conjointe », en 2026."));
    let p16 = doc.block("p16").unwrap().as_paragraph().unwrap();
    assert_eq!(p16.footnotes, ["11", "12"]);
    // Codes that end with digits are left alone.
    assert!(text(&doc, "p11").contains("Groupe des Sept (G7), sous"));
    assert!(text(&doc, "p51").contains("dont la grande orientation C7."));
}

#[test]
fn paragraph_1_ends_with_the_mark_of_note_1() {
    let doc = doc();
    let p1 = doc.block("p1").unwrap();
    let runs = p1.runs();
    let n = runs.len();
    assert!(n >= 3);
    assert!(
        matches!(&runs[n - 3], Inline::Text { text } if text.ends_with("l’information (SMSI)"))
    );
    assert_eq!(runs[n - 2], Inline::NoteRef { number: "1".into() });
    assert_eq!(runs[n - 1], Inline::Text { text: ".".into() });
    assert!(p1.text().starts_with(
        "Le présent rapport a été établi en application de la résolution 2006/46 du Conseil économique et social. Il contient"
    ));
}

#[test]
fn paragraphs_split_by_notes_and_page_breaks_are_whole() {
    let doc = doc();
    // Par. 9: interrupted by notes 4 to 6 and their repeated URL lines.
    let p9 = text(&doc, "p9");
    assert!(p9.starts_with("Comme la CNUCED l’a souligné, un dispositif d’information publique sur l’intelligence artificielle"));
    assert!(p9.contains("permettrait de démocratiser les connaissances et les ressources, contribuerait à une innovation inclusive"));
    assert!(p9.ends_with("qui inclut le Pacte numérique mondial (voir chap. III)."));
    // Par. 3: split by note 1 and the page header `A/81/62` / `E/2026/48` / `GE.26-01527 3`.
    let p3 = text(&doc, "p3");
    assert!(p3.starts_with(
        "Les avancées technologiques sont le fait d’un petit nombre de grandes entreprises"
    ));
    assert!(p3.contains(
        "Tout dépend de la rapidité avec laquelle les pays seront capables de mettre au point"
    ));
    assert!(p3.ends_with(
        "qui permettent aux pays en développement de rattraper leur retard technologique."
    ));
    // Par. 4 goes on past a full line that ends a sentence.
    assert!(text(&doc, "p4").contains("de la communication (TIC). L’Engagement de Séville, adopté"));
    // Par. 66 resumes with an indented line after notes 38 to 41.
    assert!(text(&doc, "p66").contains("y compris le développement numérique. La CESAO travaille"));
    // Par. 19 resumes with ` et la collaboration multipartite` after notes 13 to 16.
    assert!(text(&doc, "p19")
        .contains("à l’éthique, et la collaboration multipartite. La base de données"));
    // Par. 7 and par. 73 begin at the top of a page, indented.
    assert!(text(&doc, "p7").starts_with("Les coûts financiers, en particulier"));
    assert!(text(&doc, "p73")
        .starts_with("La vingtième édition du Forum sur la gouvernance d’Internet"));
}

#[test]
fn wrapped_lines_that_begin_with_a_number_are_not_paragraphs() {
    let doc = doc();
    assert!(text(&doc, "p5").contains("contre 53 % en 2019. Pendant cette période"));
    assert!(
        text(&doc, "p7").contains("pouvant aller jusqu’à 1 500 milliards de dollars. De son côté")
    );
    assert!(text(&doc, "p16").contains("de 17 observateurs, il tend"));
    assert!(text(&doc, "p33").contains("en formant plus de 3 200 professionnels de la santé"));
    assert!(text(&doc, "p75").contains("rassemble 14 entités des Nations Unies"));
}

#[test]
fn notes_are_whole_with_their_urls_joined() {
    let doc = doc();
    let note = |n: &str| {
        doc.footnotes
            .iter()
            .find(|f| f.number == n)
            .unwrap_or_else(|| panic!("no note {n}"))
            .text
            .clone()
    };
    assert_eq!(
        note("5"),
        "https://www.unido.org/sites/default/files/unido-publications/2024-10/IID%20Policy%20Brief%2012_0.pdf ; https://www.unido.org/events/unido-side-event-22nd-session-high-level-committee-south-south-cooperation."
    );
    let n1 = note("1");
    assert!(
        n1.starts_with("Association for Progressive Communications (APC), Bureau des technologies")
    );
    assert!(n1.ends_with(
        "Voir https://unctad.org/publication/2025-report-secretary-general-progress-made-implementation-and-follow-outcomes-world. Note : Tous les sites Web mentionnés dans les notes de bas de page ont été consultés en janvier 2026."
    ));
    // A URL wrapped over three lines, the middle one looking like a repeated URL line.
    assert!(note("34").ends_with(
        " ; https://www.itu.int/en/ITU-D/Digital-Inclusion/Indigenous-Peoples/Pages/Blended-Training-Program-for-ICT-Network-Managers-in-Rural%2C-Remote%2C-and-Indigenous-Communities-of-Latin-America-2025%E2%80%932026.aspx."
    ));
    assert_eq!(
        note("51"),
        "https://www.coe.int/fr/web/north-south-centre/lisbon-forum-2025 ; https://www.oecd.org/fr/networks/global-forum-on-digital-security-for-prosperity.html ; https://www.ietf.org/proceedings/35/ietf-overview.html."
    );
    assert_eq!(note("12"), "A/RES/80/173.");
    assert_eq!(note("13"), "Ibid.");
    assert_eq!(
        note("37"),
        "https://www.wipo.int/meetings/en/doc_details.jsp?doc_id=641183**."
    );
    // No URL is repeated inside a note.
    for f in &doc.footnotes {
        let urls: Vec<&str> = f
            .text
            .split(' ')
            .filter(|w| w.starts_with("http"))
            .collect();
        let mut unique = urls.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(urls.len(), unique.len(), "note {}: {}", f.number, f.text);
    }
}

#[test]
fn no_block_holds_furniture_or_note_text() {
    let doc = doc();
    let forbidden = [
        "GE.26",
        "https://",
        "A/81/62",
        "E/2026/48",
        "Nations Unies A/",
        "Distr.",
        "Original :",
        "Note : Tous les sites",
        "Association for Progressive Communications",
        "Ibid.",
        "A/RES/79/325",
        "The Gender Snapshot",
        "E/2026/1",
    ];
    for b in &doc.blocks {
        for f in forbidden {
            assert!(
                !b.text().contains(f),
                "{} holds `{f}`: {}",
                b.id(),
                b.text()
            );
        }
    }
    // Every block's text is its own: no block repeats the text of the next.
    for w in doc.blocks.windows(2) {
        assert!(!w[1].text().is_empty());
        assert!(
            !w[0].text().contains(w[1].text()),
            "{} / {}",
            w[0].id(),
            w[1].id()
        );
    }
}

#[test]
fn words_are_conserved() {
    let source = common::seed_text(SEED);
    let furniture = [
        // Page headers: the document's two symbols, each on a line of its own.
        r"(?m)^A/81/62 $",
        r"(?m)^E/2026/48 $",
        // Page headers and footers: the job number, with the page number before or after it.
        r"(?m)^(\d+ )?GE\.26-01527( \d+)? $",
        // The extractor's repetition of the notes' URLs: a line that is only a URL, with no
        // trailing space. A URL cut inside a note ends with `-` and is not one of them.
        r"(?m)^https?://\S*[^\s-]$",
    ];
    common::assert_conserved(&source, &furniture, &doc());
}

#[test]
fn no_break_spaces_crlf_and_bom_do_not_change_the_structure() {
    let source = common::seed_text(SEED);
    let nbsp = regex::Regex::new(r"(?m)^( ?\d+)\. ")
        .unwrap()
        .replace_all(&source, "$1.\u{a0}")
        .into_owned();
    let nbsp = regex::Regex::new(r"(?m)^ (\d+) ")
        .unwrap()
        .replace_all(&nbsp, "\u{a0}$1\u{a0}")
        .into_owned();
    let nbsp = nbsp
        .replace(" I. ", "\u{a0}I.\u{a0}")
        .replace("53 %", "53\u{a0}%");
    assert_ne!(nbsp, source);
    let crlf = format!("\u{FEFF}{}", source.replace('\n', "\r\n"));
    let base = doc();
    let shape = |d: &Document| -> Vec<(String, Option<String>, Vec<String>)> {
        d.blocks
            .iter()
            .map(|b| {
                let notes = match b {
                    Block::Heading(h) => h.footnotes.clone(),
                    Block::Paragraph(p) => p.footnotes.clone(),
                };
                (b.id().to_string(), b.number().map(str::to_string), notes)
            })
            .collect()
    };
    for variant in [nbsp.as_bytes(), crlf.as_bytes()] {
        let other = ingest::read_bytes(variant, Path::new(SEED), Some(Layout::PdfText))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shape(&other.document), shape(&base));
        assert_eq!(other.document.footnotes.len(), base.footnotes.len());
        assert_eq!(other.warnings.len(), 1);
    }
}
