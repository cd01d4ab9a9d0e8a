//! A/RES/80/173 (WSIS+20 outcome document, French), UN text with Markdown traces.
//!
//! Every count below was established by reading the source (grep/awk over
//! `seeds/fr/a-res-80-173.txt`), not by copying the reader's output:
//! - numbered paragraphs: lines matching `^[0-9]+\. `: 127, numbered 1..127 in order;
//! - preambular paragraphs: lines 32–46 between the `Nous, …` formula (line 30) and the
//!   `Introduction` heading (line 48), each ending with `,`: 7;
//! - section headings: short lines without final punctuation: 17 (lines 48 … 366);
//! - notes: lines starting with a superscript number: 12 (lines 56 … 278); marks: 12, one each;
//! - page-break fragments: lines that do not start a numbered paragraph and follow a paragraph
//!   without final punctuation: 14 (pars 11, 16, 21, 26, 42, 49, 55, 61, 66, 97, 104, 111,
//!   116, 122).

mod common;

use wsis::ingest::Layout;
use wsis::model::{Block, Document, Emphasis, Inline, Role};

const SEED: &str = "a-res-80-173.txt";

fn doc() -> Document {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::UnMarkdown);
    ingested.document
}

fn para<'a>(doc: &'a Document, id: &str) -> &'a wsis::model::Paragraph {
    doc.block(id)
        .and_then(Block::as_paragraph)
        .unwrap_or_else(|| panic!("no paragraph {id}"))
}

#[test]
fn no_warnings() {
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
    let doc = doc();
    let cover: Vec<(&str, &str, usize)> = doc
        .cover
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_str(), f.line))
        .collect();
    assert_eq!(
        cover,
        [
            ("body", "Assemblée générale", 5),
            ("distribution", "Distr. générale", 7),
            ("date", "19 décembre 2025", 8),
            ("session", "Quatre-vingtième session", 10),
            ("agenda-item", "Point 15 de l'ordre du jour", 12),
            (
                "agenda-title",
                "Les technologies de l'information et des communications au service du développement durable",
                14
            ),
            (
                "adoption",
                "Résolution adoptée par l'Assemblée générale le 17 décembre 2025",
                18
            ),
            (
                "committee",
                "sans renvoi à une grande commission (A/80/L.41)",
                20
            ),
        ]
    );
    assert_eq!(
        doc.cover_value("symbol"),
        None,
        "the symbol comes from the registry"
    );
}

#[test]
fn operative_numbers_are_exactly_1_to_127_in_order() {
    let doc = doc();
    let numbered: Vec<(&str, &str)> = doc
        .paragraphs()
        .filter(|p| p.number.is_some())
        .map(|p| (p.id.as_str(), p.number.as_deref().unwrap_or("")))
        .collect();
    let expected: Vec<(String, String)> = (1..=127)
        .map(|n| (format!("p{n}"), n.to_string()))
        .collect();
    let expected: Vec<(&str, &str)> = expected
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(numbered, expected);
    assert!(doc
        .paragraphs()
        .filter(|p| p.number.is_some())
        .all(|p| p.role == Role::Operative));
}

#[test]
fn preamble_and_formulas() {
    let doc = doc();
    let pre: Vec<(&str, String)> = doc
        .paragraphs()
        .filter(|p| p.role == Role::Preambular)
        .map(|p| {
            (
                p.id.as_str(),
                p.text.split(' ').take(2).collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    assert_eq!(
        pre,
        [
            ("pp1", "Rappelant le".to_string()),
            ("pp2", "Réaffirmant la".to_string()),
            ("pp3", "Se félicitant".to_string()),
            ("pp4", "Rappelant la".to_string()),
            ("pp5", "Rappelant également".to_string()),
            ("pp6", "Se félicitant".to_string()),
            ("pp7", "S'appuyant sur".to_string()),
        ]
    );
    assert!(doc
        .paragraphs()
        .filter(|p| p.role == Role::Preambular)
        .all(|p| p.text.ends_with(',')));
    let f1 = para(&doc, "formula-1");
    assert_eq!(
        (f1.role, f1.text.as_str()),
        (Role::Formula, "L'Assemblée générale")
    );
    let f2 = para(&doc, "formula-2");
    assert_eq!(f2.role, Role::Formula);
    assert!(f2
        .text
        .starts_with("Nous, Ministres et chefs de délégation participant"));
    assert!(f2
        .text
        .ends_with("qui s'est tenue à New York les 16 et 17 décembre 2025,"));
    let adopt = para(&doc, "t1");
    assert_eq!(
        (adopt.role, adopt.number.as_deref()),
        (Role::Operative, None)
    );
    assert!(adopt
        .text
        .starts_with("Adopte le document final de la réunion de haut niveau"));
    assert!(adopt.text.ends_with("dont le texte figure ci-après :"));
    // Order at the top of the body: title, formula, operative, annexed title, formula, preamble.
    let head: Vec<&str> = doc.blocks.iter().take(6).map(Block::id).collect();
    assert_eq!(
        head,
        ["s-80-173", "formula-1", "t1", "h1", "formula-2", "pp1"]
    );
    let roles = doc.paragraphs().filter(|p| p.role == Role::Text).count();
    assert_eq!(
        roles, 0,
        "every paragraph of this resolution has a structural role"
    );
}

#[test]
fn headings() {
    let doc = doc();
    let titles: Vec<(u8, Option<&str>, &str)> = doc
        .headings()
        .filter(|h| h.level == 1)
        .map(|h| (h.level, h.number.as_deref(), h.text.as_str()))
        .collect();
    let title = "Document final de la réunion de haut niveau de l'Assemblée générale sur l'examen d'ensemble de la mise en œuvre des textes issus du Sommet mondial sur la société de l'information";
    assert_eq!(titles, [(1, Some("80/173"), title), (1, None, title)]);
    let sections: Vec<&str> = doc
        .headings()
        .filter(|h| h.level == 2)
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "Introduction",
            "Les technologies de l'information et des communications au service du développement",
            "Réduction de toutes les fractures numériques",
            "L'économie numérique",
            "Développement économique et social",
            "Effets sur l'environnement",
            "L'environnement favorable au développement numérique",
            "Renforcer la confiance dans l'utilisation des technologies de l'information et des communications et assurer leur sécurité",
            "Développement des capacités",
            "Mécanismes de financement",
            "Droits humains et questions éthiques afférentes à la société de l'information",
            "Gouvernance des données",
            "Intelligence artificielle",
            "Gouvernance d'Internet",
            "Renforcement du cadre arrêté au Sommet mondial sur la société de l'information",
            "Observation et mesure de l'action menée",
            "Suivi et examen de l'action menée",
        ]
    );
    assert_eq!(doc.headings().count(), 19);
    // Section headings sit where the source prints them.
    assert_eq!(doc.block("h2").map(Block::line), Some(48));
    assert_eq!(doc.block("h18").map(Block::line), Some(366));
}

/// (paragraph, end of the first fragment, start of the rest, end of the whole) as printed.
const SPLITS: [(&str, &str, &str, &str); 14] = [
    (
        "p11",
        "pleine, égale et réelle à",
        "l'espace numérique, sont",
        "l'ingénierie et des mathématiques.",
    ),
    (
        "p16",
        "de connaissances et de compétences",
        "numériques. Nous réaffirmons",
        "de politiques à cet égard.",
    ),
    (
        "p21",
        "des télécommunications, a accès à",
        "Internet dans les zones urbaines",
        "contre 58 % dans les zones rurales.",
    ),
    (
        "p26",
        "de la coopération Sud-Sud et de la coopération",
        "triangulaire, afin de connecter",
        "et de faire baisser son coût.",
    ),
    (
        "p42",
        "des processus. La coopération que nous",
        "entendons bâtir mettra",
        "leur incidence sur l'environnement.",
    ),
    (
        "p49",
        "transparent et doté",
        "d'un cadre normatif, juridique",
        "et l'entrepreneuriat numérique.",
    ),
    (
        "p55",
        "numériques de la menace croissante",
        "que représentent les activités malveillantes",
        "pesant sur les infrastructures.",
    ),
    (
        "p61",
        "toutes les parties prenantes de promouvoir les",
        "compétences et la culture numériques",
        "sa sécurité et sa vie privée.",
    ),
    (
        "p66",
        "à des mécanismes, usuels ou",
        "nouveaux, qui permettent de financer",
        "services d'information et de communications.",
    ),
    (
        "p97",
        "d'États Membres, le dialogue multipartite",
        "concernant ces questions.",
        "du Groupe de direction du Forum.",
    ),
    (
        "p104",
        "acquise pendant et depuis le",
        "Sommet mondial et compte tenu",
        "cohérentes avec le Pacte numérique mondial.",
    ),
    (
        "p111",
        "le Plan d'action de Genève et l'Agenda de Tunis pour la",
        "société de l'information. Nous constatons",
        "durable à l'horizon 2030.",
    ),
    (
        "p116",
        "technologies de l'information et des",
        "communications, compte tenu",
        "de faire part d'études de cas nationales.",
    ),
    (
        "p122",
        "de la technique au service du",
        "développement à sa vingt-neuvième session",
        "dans l'ensemble du système des Nations Unies.",
    ),
];

#[test]
fn paragraphs_split_by_page_breaks_are_joined_with_one_space() {
    let doc = doc();
    for (id, end, start, whole_end) in SPLITS {
        let p = para(&doc, id);
        let join = format!("{end} {start}");
        assert!(p.text.contains(&join), "{id}: no `{join}` in {:?}", p.text);
        assert!(p.text.ends_with(whole_end), "{id}: ends {:?}", p.text);
        assert!(!p.text.contains("  "), "{id}: double space");
    }
    // Full start and end of some joined paragraphs, and their first line.
    let p11 = para(&doc, "p11");
    assert!(p11
        .text
        .starts_with("Nous réaffirmons que l'égalité des genres et l'autonomisation"));
    assert_eq!(p11.line, 80);
    let p21 = para(&doc, "p21");
    assert!(p21
        .text
        .starts_with("Nous sommes toutefois très préoccupés par les fractures numériques"));
    assert!(p21.text.ends_with("a accès à Internet dans les zones urbaines du monde entier est estimée à près de 85 %, contre 58 % dans les zones rurales."));
    assert!(
        !p21.text.contains("Résolution 70/1"),
        "note 6 printed inside paragraph 21"
    );
    let p26 = para(&doc, "p26");
    assert!(p26
        .text
        .starts_with("Nous sommes déterminés à imprimer un nouvel élan"));
    assert!(!p26.text.contains("Recueil") && !p26.text.contains("79/1, annexe"));
    let p122 = para(&doc, "p122");
    assert!(p122
        .text
        .starts_with("Nous prenons note de la grille Pacte numérique mondial-Sommet mondial"));
    // A fragment never becomes a block of its own.
    let starts: Vec<&str> = SPLITS.iter().map(|s| s.2).collect();
    for b in &doc.blocks {
        assert!(
            !starts.iter().any(|s| b.text().starts_with(s)),
            "fragment read as its own block: {}",
            b.id()
        );
    }
    // The paragraphs right after the joined ones are intact and numbered.
    assert!(para(&doc, "p12")
        .text
        .starts_with("Nous sommes déterminés à remédier"));
    assert!(para(&doc, "p27")
        .text
        .starts_with("Nous sommes déterminés à faire que les prix"));
}

#[test]
fn footnotes_resolve_one_to_one() {
    let doc = doc();
    let notes: Vec<(&str, &str, Vec<&str>)> = doc
        .footnotes
        .iter()
        .map(|f| {
            (
                f.number.as_str(),
                f.text.as_str(),
                f.referenced_from.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("1", "Résolution 79/323, annexe.", vec!["pp5"]),
            ("2", "Résolution 217 A (III).", vec!["p1"]),
            ("3", "Voir A/C.2/59/3, annexe.", vec!["p2"]),
            ("4", "Ibid.", vec!["p2"]),
            ("5", "Voir A/60/687.", vec!["p2"]),
            ("6", "Résolution 70/1.", vec!["p18"]),
            (
                "7",
                "Nations Unies, Recueil des Traités, vol. 2515, no 44910.",
                vec!["p23"]
            ),
            ("8", "Résolution 79/1, annexe I.", vec!["p25"]),
            ("9", "A/CONF.157/24 (Part I), chap. III.", vec!["p69"]),
            ("10", "A/HRC/17/31, annexe.", vec!["p71"]),
            ("11", "Voir résolution 2200 A (XXI), annexe.", vec!["p74"]),
            (
                "12",
                "Nations Unies, Recueil des Traités, vol. 1577, n° 27531.",
                vec!["p80"]
            ),
        ]
    );
    // Each mark appears once in the text, glued where it was printed.
    let marks: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.footnotes.len(),
            Block::Heading(h) => h.footnotes.len(),
        })
        .sum();
    assert_eq!(marks, 12);
    assert_eq!(para(&doc, "p2").footnotes, ["3", "4", "5"]);
    let pp5 = para(&doc, "pp5");
    assert!(pp5.text.contains("l'Engagement de Séville, qui établit"));
    assert!(!pp5.text.contains('¹'));
    // Two-digit mark.
    assert_eq!(para(&doc, "p71").footnotes, ["10"]);
    // Note runs keep italics and links.
    assert!(doc.footnotes[6].runs.contains(&Inline::Emphasis {
        style: Emphasis::Italic,
        text: "Recueil des Traités".into()
    }));
    assert_eq!(
        doc.footnotes[8].runs[0],
        Inline::Link {
            text: "A/CONF.157/24 (Part I)".into(),
            target: None
        }
    );
}

#[test]
fn links_and_traces() {
    let doc = doc();
    let pp1 = para(&doc, "pp1");
    assert!(pp1.runs.contains(&Inline::Link {
        text: "70/125".into(),
        target: None
    }));
    assert!(pp1
        .text
        .contains("dans sa résolution 70/125 du 16 décembre 2015"));
    let links: usize = doc
        .blocks
        .iter()
        .flat_map(|b| b.runs())
        .chain(doc.footnotes.iter().flat_map(|f| f.runs.iter()))
        .filter(|r| matches!(r, Inline::Link { .. }))
        .count();
    // 11 `](#)` traces in the source; one is the committee's, in the cover.
    assert_eq!(links, 10);
}

#[test]
fn no_furniture_note_text_or_marker_debris_in_blocks() {
    let doc = doc();
    let forbidden = [
        "**",
        "*",
        "](#)",
        "[",
        "\\",
        "^",
        "Ibid",
        "Recueil des Traités",
        "A/HRC/17/31",
        "A/C.2/59/3",
        "A/60/687",
        "217 A (III)",
        "2200 A",
        "A/CONF.157",
        "Distr",
        "ordre du jour",
        "Résolution 70/1",
        "79/323",
    ];
    for b in &doc.blocks {
        for f in forbidden {
            // 79/323 is also cited in paragraph 65's text.
            if f == "79/323" && b.id() == "p65" {
                continue;
            }
            assert!(
                !b.text().contains(f),
                "{}: contains {f:?}: {}",
                b.id(),
                b.text()
            );
        }
        for r in b.runs() {
            assert!(
                !r.text().contains('¹') && !r.text().contains('⁰'),
                "{}",
                b.id()
            );
        }
    }
}

#[test]
fn closing_lines() {
    let doc = doc();
    let last = doc
        .blocks
        .last()
        .and_then(Block::as_paragraph)
        .expect("a paragraph");
    assert_eq!(
        (last.id.as_str(), last.role, last.text.as_str(), last.line),
        (
            "closing-1",
            Role::Closing,
            "68e séance plénière 17 décembre 2025",
            388
        )
    );
    assert_eq!(
        doc.paragraphs().filter(|p| p.role == Role::Closing).count(),
        1
    );
}

#[test]
fn every_word_is_kept_once() {
    let source = common::seed_text(SEED);
    let doc = doc();
    common::assert_conserved(
        &source,
        &[
            // `68^e`: the superscript marker of the ordinal; the model prints `68e`, so the
            // marker must go for the source's word to read `68e` too.
            r"\^",
        ],
        &doc,
    );
}

#[test]
fn no_break_spaces_do_not_change_the_structure() {
    let source = common::seed_text(SEED);
    // No-break spaces after paragraph numbers, after note numbers and before `:` / `»`.
    let mut nbsp = String::new();
    for line in source.lines() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let line = if digits > 0 && line[digits..].starts_with(". ") {
            format!("{}.\u{a0}{}", &line[..digits], &line[digits + 2..])
        } else if line.starts_with(|c: char| wsis::text::is_superscript_digit(c)) {
            line.replacen(' ', "\u{a0}", 1)
        } else {
            line.to_string()
        };
        nbsp.push_str(&line.replace(" :", "\u{a0}:").replace(" »", "\u{a0}»"));
        nbsp.push('\n');
    }
    assert_ne!(nbsp, source);
    let path = common::seed_path(SEED);
    let a = wsis::ingest::read_text(&source, &path, Some(Layout::UnMarkdown)).expect("reads");
    let b = wsis::ingest::read_text(&nbsp, &path, Some(Layout::UnMarkdown)).expect("reads");
    let shape = |d: &Document| {
        d.blocks
            .iter()
            .map(|x| {
                let role = x.as_paragraph().map(|p| p.role);
                (x.id().to_string(), x.number().map(String::from), role)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&a.document), shape(&b.document));
    let refs = |d: &Document| {
        d.footnotes
            .iter()
            .map(|f| (f.number.clone(), f.referenced_from.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(refs(&a.document), refs(&b.document));
    assert_eq!(a.document.cover.len(), b.document.cover.len());
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
}
