//! Seed: ITU Council report on the UNGA WSIS+20 high-level meeting (French, Word export).
//! Counts below were taken from the source with grep/awk (see each comment), not from the
//! reader's output.

mod common;

use wsis::ingest::Layout;
use wsis::model::{Block, Document, Role};

const SEED: &str = "itu-report-unga-wsis20-meeting.txt";

fn doc() -> Document {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::WordExport, "layout detection");
    ingested.document
}

fn paragraphs_with_role(doc: &Document, role: Role) -> Vec<&wsis::model::Paragraph> {
    doc.paragraphs().filter(|p| p.role == role).collect()
}

#[test]
fn is_detected_as_word_export_without_warnings() {
    let ingested = common::ingest_seed(SEED);
    assert_eq!(ingested.layout, Layout::WordExport);
    let msgs: Vec<String> = ingested
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    assert!(msgs.is_empty(), "{msgs:#?}");
}

#[test]
fn cover_fields_in_order() {
    // Lines 3–12: Objet / Suite à donner / Lien(s) / Incidences / Références (empty, line 13
    // is a chapter heading); line 52 `Annexe: 1`.
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
                Some("Lien(s) pertinent(s) avec le plan stratégique"),
                7
            ),
            ("financial-implications", Some("Incidences financières"), 9),
            ("references", Some("Références"), 12),
            ("annexes", Some("Annexe"), 52),
        ]
    );
    assert!(d
        .cover_value("subject")
        .unwrap()
        .starts_with("Conformément la Résolution 140 (Rév. Bucarest, 2022)"));
    assert_eq!(
        d.cover_value("action"),
        Some("Le Conseil est invité à prendre note du présent document.")
    );
    assert_eq!(
        d.cover_value("financial-implications"),
        Some("Dans les limites du budget alloué pour 2025-2026.")
    );
    assert_eq!(d.cover_value("references"), Some(""));
    assert_eq!(d.cover_value("annexes"), Some("1"));
}

#[test]
fn headings_per_level() {
    // Level 1: the capitals title (line 1), the `ANNEXE` line (54) and the annex title over
    // lines 55–57. Level 2: `grep -cP '^ ?[IVX]+\t'` = 7 (I … VII).
    let d = doc();
    let level =
        |l: u8| -> Vec<&wsis::model::Heading> { d.headings().filter(|h| h.level == l).collect() };
    let l1 = level(1);
    assert_eq!(l1.len(), 3);
    assert!(l1[0]
        .text
        .starts_with("RAPPORT DE L'ASSEMBLÉE GÉNÉRALE DES NATIONS UNIES"));
    assert_eq!(l1[1].text, "ANNEXE");
    assert_eq!(l1[1].id, "annex1-h1");
    assert_eq!(
        l1[2].text,
        "Paragraphes du document final du SMSI+20 faisant référence à l'engagement et aux activités de l'UIT en faveur de la mise en œuvre du processus du SMSI"
    );
    let l2: Vec<Option<&str>> = level(2).iter().map(|h| h.number.as_deref()).collect();
    assert_eq!(
        l2,
        [
            Some("I"),
            Some("II"),
            Some("III"),
            Some("IV"),
            Some("V"),
            Some("VI"),
            Some("VII")
        ]
    );
    assert_eq!(level(2)[0].id, "s-i");
    assert!(level(2)[0].text.starts_with("Informations générales"));
    assert_eq!(d.headings().count(), 10);
}

#[test]
fn text_paragraphs_and_list_items() {
    // Lines 14–51 minus blank lines, the 7 chapter headings, the 2 dash items and the note's
    // continuation line 26: 25 text paragraphs.
    let d = doc();
    let texts = paragraphs_with_role(&d, Role::Text);
    assert_eq!(texts.len(), 25);
    let ids: Vec<&str> = texts.iter().map(|p| p.id.as_str()).collect();
    let expected: Vec<String> = (1..=25).map(|k| format!("t{k}")).collect();
    assert_eq!(ids, expected);
    // `grep -cP '^–\t'` = 2, both after line 44.
    let items = paragraphs_with_role(&d, Role::ListItem);
    let items: Vec<(&str, Option<&str>)> = items
        .iter()
        .map(|p| (p.id.as_str(), p.parent.as_deref()))
        .collect();
    assert_eq!(items, [("t21-li1", Some("t21")), ("t21-li2", Some("t21"))]);
    assert_eq!(
        d.block("t21").unwrap().text(),
        "En marge de la réunion de haut niveau, l'UIT a organisé les manifestations suivantes:"
    );
    assert!(d
        .block("t21-li1")
        .unwrap()
        .text()
        .starts_with("Célébrer le 20ème anniversaire"));
    assert!(d
        .block("t25")
        .unwrap()
        .text()
        .ends_with("planification stratégique à l'échelle de l'Union."));
}

#[test]
fn annex_quotations_keep_the_quoted_numbers() {
    // `awk 'NR>54' | grep -oP '^[0-9]+(?=\t)'`: 20 numbered quotations, plus the unnumbered
    // preambular quotation on line 58.
    let d = doc();
    let quotes = paragraphs_with_role(&d, Role::AnnexQuotation);
    assert_eq!(quotes.len(), 21);
    assert!(quotes.iter().all(|p| p.annex == Some(1)));
    assert_eq!(quotes[0].id, "annex1-q1");
    assert_eq!(quotes[0].number, None);
    assert!(quotes[0]
        .text
        .starts_with("S'appuyant sur le rapport d'examen 20 ans après"));
    assert!(quotes[0]
        .text
        .ends_with("mondial sur la société de l'information,"));
    let numbers: Vec<&str> = quotes[1..]
        .iter()
        .map(|p| p.number.as_deref().unwrap())
        .collect();
    assert_eq!(
        numbers,
        [
            "9", "18", "20", "21", "22", "53", "67", "86", "100", "107", "108", "109", "110",
            "113", "114", "115", "117", "121", "122", "127"
        ]
    );
    assert_eq!(quotes[7].id, "annex1-p67");
    assert!(quotes[1]
        .text
        .starts_with("Nous savons que la connectivité universelle"));
    assert!(quotes[20]
        .text
        .ends_with("les domaines dont il faut continuer de s'occuper."));
}

#[test]
fn footnotes_resolve_and_stay_out_of_the_text() {
    // `grep -o '\[footnoteRef:[0-9]*\]'` = 4 marks (lines 15, 20, 23, 25); `grep -oP
    // '\[[0-9]+: '` = 4 notes, note 4 running over to line 26.
    let d = doc();
    let notes: Vec<(&str, Vec<String>, usize)> = d
        .footnotes
        .iter()
        .map(|f| (f.number.as_str(), f.referenced_from.clone(), f.line))
        .collect();
    assert_eq!(
        notes,
        [
            ("1", vec!["t2".to_string()], 15),
            ("2", vec!["t5".to_string()], 20),
            ("3", vec!["t7".to_string()], 23),
            ("4", vec!["t8".to_string()], 25),
        ]
    );
    // The paragraph ends where the note text begins.
    let t2 = d.block("t2").unwrap();
    assert!(t2
        .text()
        .ends_with("autour de la société de l'information."));
    assert!(!t2.text().contains("Liste des États Membres"));
    let t5 = d.block("t5").unwrap();
    assert!(t5
        .text()
        .ends_with("liées aux données et aux technologies émergentes."));
    assert!(t5
        .text()
        .contains("deux jours de réunion. Dans leurs déclarations"));
    assert!(d
        .block("t7")
        .unwrap()
        .text()
        .ends_with("aux côtés de ses membres et des partenaires des Nations Unies."));
    let t8 = d.block("t8").unwrap();
    assert!(t8.text().ends_with("faire perdurer la vision du SMSI."));
    // Note 4's URL was broken over lines 25–26: joined without a space.
    let n4 = &d.footnotes[3];
    assert!(n4
        .text
        .starts_with("Déclaration de S. E. M. Solly Malatsi, Ministre"));
    assert!(n4.text.ends_with(
        "https://estatements.un.org/estatements/10.0010/20251216100000000/fsvEYyHnNDt/sJcKcYYu_nyc_en.pdf."
    ));
    assert_eq!(
        d.footnotes[1].text,
        "Déclarations prononcées le 16 décembre: https://journal.un.org/en/new-york/officials/2025-12\u{2011}16; et le 17 décembre: https://journal.un.org/en/new-york/officials/2025-12-17."
    );
    // No note text, URL, mark or debris in any block.
    for b in &d.blocks {
        let t = b.text();
        for bad in [
            "https://",
            "footnoteRef",
            "bookmark",
            "20251216100000000",
            "[",
            "]",
        ] {
            assert!(!t.contains(bad), "{} contains {bad:?}: {t}", b.id());
        }
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
            // Bookmark field traces (`[bookmark: ANNEXE]`) are not text.
            r"\[bookmark: [^\]]*\]",
            // Separator line of the cover page (holds no word; named for completeness).
            r"(?m)^_{3,}$",
        ],
        &doc(),
    );
}

#[test]
fn blocks_are_in_source_order() {
    let d = doc();
    let lines: Vec<usize> = d.blocks.iter().map(Block::line).collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
}
