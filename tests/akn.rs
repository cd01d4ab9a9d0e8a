//! The Akoma Ntoso export of the bundled corpus: every document, in every language it has, is
//! valid against the Akoma Ntoso 3.0 schema (when `WSIS_AKN_XSD` names it: see
//! `scripts/akn-schema.sh`), and reads back into the blocks and notes of the model, in order,
//! with the same ids, numbers, text and language: nothing lost, added or altered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use wsis::align;
use wsis::export::akn::{self, block_eid, note_eid, AknOptions};
use wsis::export::akn_read::{self, Element, Node};
use wsis::model::{Block, Document};
use wsis::registry::{self, DocumentEntry};

struct Export {
    id: String,
    lang: String,
    xml: String,
}

struct Corpus {
    entries: Vec<DocumentEntry>,
    documents: Vec<Document>,
    exports: Vec<Export>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let entries = registry::load(root).unwrap_or_else(|e| panic!("{e}"));
        let (mut documents, _) = wsis::site::ingest_all(&entries).unwrap_or_else(|e| panic!("{e}"));
        wsis::link::link(&entries, &mut documents);
        let opts = AknOptions {
            generated: "2026-01-01".into(),
        };
        let mut exports = Vec::new();
        for entry in &entries {
            for lang in entry.sources.keys() {
                let xml = akn::akn(&entries, &documents, entry, lang, &opts)
                    .unwrap_or_else(|e| panic!("{} {lang}: {e}", entry.id));
                exports.push(Export {
                    id: entry.id.clone(),
                    lang: lang.clone(),
                    xml,
                });
            }
        }
        Corpus {
            entries,
            documents,
            exports,
        }
    })
}

fn entry(id: &str) -> &'static DocumentEntry {
    corpus().entries.iter().find(|e| e.id == id).unwrap()
}

fn export(id: &str, lang: &str) -> &'static str {
    &corpus()
        .exports
        .iter()
        .find(|x| x.id == id && x.lang == lang)
        .unwrap_or_else(|| panic!("no export of {id} in {lang}"))
        .xml
}

/// Writes every export to a folder: `<id>.<lang>.akn.xml`.
fn write_all() -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("wsis-akn-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    corpus()
        .exports
        .iter()
        .map(|x| {
            let path = dir.join(format!("{}.{}.akn.xml", x.id, x.lang));
            std::fs::write(&path, &x.xml).unwrap();
            path
        })
        .collect()
}

#[test]
fn every_export_is_valid_against_the_akoma_ntoso_schema() {
    let files = write_all();
    assert_eq!(files.len(), 10, "five documents in two languages");
    let Some(xsd) = std::env::var_os("WSIS_AKN_XSD").filter(|v| !v.is_empty()) else {
        println!(
            "WSIS_AKN_XSD is not set: skipped the schema validation of {} Akoma Ntoso files \
             (set it to the path `scripts/akn-schema.sh` prints)",
            files.len()
        );
        let _ = std::fs::remove_dir_all(files[0].parent().unwrap());
        return;
    };
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run xmllint (Debian: apt-get install libxml2-utils): {e}")
        });
    let report = String::from_utf8_lossy(&out.stderr);
    for f in &files {
        let name = f.display().to_string();
        let verdict = if report.contains(&format!("{name} validates")) {
            "validates"
        } else {
            "FAILS"
        };
        println!("{verdict}: {}", f.file_name().unwrap().to_string_lossy());
    }
    assert!(
        out.status.success(),
        "xmllint against {}:\n{report}",
        Path::new(&xsd).display()
    );
    assert_eq!(
        report.matches(" validates").count(),
        files.len(),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(files[0].parent().unwrap());
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number as printed, without its closing punctuation: `67.` → `67`, `a)` → `a`.
fn bare(n: &str) -> &str {
    n.trim_end_matches(['.', ')'])
}

#[test]
fn every_export_reads_back_into_the_blocks_and_notes_it_was_made_from() {
    let c = corpus();
    for x in &c.exports {
        let what = format!("{} {}", x.id, x.lang);
        let shown = align::shown(&c.documents, entry(&x.id), &x.lang).unwrap();
        let back = akn_read::read(&x.xml).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(back.language, akn::lang3(&x.lang), "{what}");

        // Every block, in order: its eId, number, text and language.
        let want: Vec<(String, Option<String>, String, String)> = shown
            .blocks
            .iter()
            .map(|(b, from)| {
                (
                    block_eid(b.id()),
                    b.number().map(str::to_string),
                    normalise(b.text()),
                    from.lang.clone(),
                )
            })
            .collect();
        let got: Vec<(String, Option<String>, String, String)> = back
            .blocks
            .iter()
            .map(|b| {
                (
                    b.eid.clone(),
                    b.num.as_deref().map(|n| bare(n).to_string()),
                    normalise(&b.text),
                    b.lang.clone(),
                )
            })
            .collect();
        assert_eq!(got.len(), want.len(), "{what}: number of blocks");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{what}");
        }
        // Paragraphs keep their ids and numbers: `p67` is `para_67` numbered `67.`.
        for (b, _) in &shown.blocks {
            if let Block::Paragraph(p) = b {
                if p.id.starts_with('p') && p.number.as_deref() == Some(&p.id[1..]) {
                    let read = back
                        .blocks
                        .iter()
                        .find(|r| r.eid == block_eid(&p.id))
                        .unwrap();
                    assert_eq!(read.eid, format!("para_{}", &p.id[1..]), "{what}");
                }
            }
        }

        // Every note once, with its marker, text and language.
        let mut want: Vec<(String, String, String, String)> = shown
            .notes
            .iter()
            .map(|(f, from)| {
                (
                    note_eid(&f.id),
                    f.number.clone(),
                    normalise(&f.text),
                    from.lang.clone(),
                )
            })
            .collect();
        let mut got: Vec<(String, String, String, String)> = back
            .notes
            .iter()
            .map(|n| {
                (
                    n.eid.clone(),
                    n.marker.clone(),
                    normalise(&n.text),
                    n.lang.clone(),
                )
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{what}: notes");
    }
}

/// Elements that stand inside a run of text (their text joins the text around them).
const INLINE: [&str; 14] = [
    "ref",
    "i",
    "b",
    "a",
    "docTitle",
    "docNumber",
    "docDate",
    "docAuthority",
    "session",
    "docCommittee",
    "docProponent",
    "inline",
    "noteRef",
    "span",
];

/// Counts the words of the text outside `<meta>`: text joined across inline elements, split at
/// any other element (a note's text is not joined to the sentence that marks it).
fn words_outside_meta(e: &Element, out: &mut BTreeMap<String, i64>) {
    fn flush(buf: &mut String, out: &mut BTreeMap<String, i64>) {
        for w in wsis::text::words(buf) {
            *out.entry(w).or_default() += 1;
        }
        buf.clear();
    }
    fn walk(e: &Element, buf: &mut String, out: &mut BTreeMap<String, i64>) {
        for n in &e.children {
            match n {
                Node::Text(t) => buf.push_str(t),
                Node::Element(c) if c.name == "meta" => {}
                Node::Element(c) if INLINE.contains(&c.name.as_str()) => walk(c, buf, out),
                Node::Element(c) => {
                    flush(buf, out);
                    walk(c, buf, out);
                    flush(buf, out);
                }
            }
        }
    }
    let mut buf = String::new();
    walk(e, &mut buf, out);
    flush(&mut buf, out);
}

#[test]
fn every_word_of_the_text_is_in_the_export_once() {
    let c = corpus();
    for x in &c.exports {
        let what = format!("{} {}", x.id, x.lang);
        let shown = align::shown(&c.documents, entry(&x.id), &x.lang).unwrap();
        // The cover shown is the text's own, or the reference text's for a translation that has
        // none.
        let cover_from = if shown.main.cover.is_empty() {
            c.documents
                .iter()
                .find(|d| d.id == x.id && d.lang == align::reference_language(entry(&x.id)))
                .unwrap()
        } else {
            shown.main
        };
        let mut want: BTreeMap<String, i64> = BTreeMap::new();
        let mut add = |s: &str| {
            for w in wsis::text::words(s) {
                *want.entry(w).or_default() += 1;
            }
        };
        for f in &cover_from.cover {
            if let Some(l) = &f.label {
                add(l);
            }
            add(&f.value);
        }
        for (b, _) in &shown.blocks {
            if let Some(n) = b.number() {
                add(n);
            }
            add(b.text());
        }
        for (f, _) in &shown.notes {
            add(&f.text);
        }
        let mut got = BTreeMap::new();
        words_outside_meta(&akn_read::parse(&x.xml).unwrap(), &mut got);
        let diff: Vec<(&String, i64)> = want
            .keys()
            .chain(got.keys())
            .map(|w| {
                (
                    w,
                    got.get(w).copied().unwrap_or(0) - want.get(w).copied().unwrap_or(0),
                )
            })
            .filter(|(_, d)| *d != 0)
            .collect();
        assert!(
            diff.is_empty(),
            "{what}: words added (+) or lost (-): {diff:?}"
        );
    }
}

#[test]
fn documents_are_typed_and_named_as_akn4un_does() {
    let c = corpus();
    let cases = [
        (
            "a-res-80-173",
            "statement",
            "resolution",
            "/akn/un/statement/deliberation/unga/2025-12-17/80-173",
        ),
        (
            "a-81-62-e-2026-48",
            "doc",
            "report",
            "/akn/un/doc/report/unga-ecosoc/2026-02-09/a-81-62",
        ),
        (
            "c26-93",
            "doc",
            "resolutionDraft",
            "/akn/un/doc/resolutionDraft/itu-council/2026-04-14/c26-93",
        ),
        (
            "itu-final-report-wsis",
            "doc",
            "report",
            "/akn/un/doc/report/itu-council/2026/itu-final-report-wsis",
        ),
        (
            "itu-report-unga-wsis20-meeting",
            "doc",
            "report",
            "/akn/un/doc/report/itu-council/2026/itu-report-unga-wsis20-meeting",
        ),
    ];
    assert_eq!(c.entries.len(), cases.len());
    for (id, element, name, work) in cases {
        assert_eq!(akn::work_iri(entry(id)), work);
        for (lang, code) in [("fr", "fra"), ("en", "eng")] {
            let back = akn_read::read(export(id, lang)).unwrap();
            assert_eq!((back.element.as_str(), back.name.as_str()), (element, name));
            assert_eq!(
                back.frbr_this,
                [
                    format!("{work}/!main"),
                    format!("{work}/{code}@/!main"),
                    format!("{work}/{code}@/!main.akn"),
                ]
            );
        }
    }
    // The French texts are the official ones; the English, the project's translations of them.
    let fr = export("a-res-80-173", "fr");
    assert!(fr.contains("<FRBRauthoritative value=\"true\"/>"));
    assert!(fr.contains("<FRBRauthor href=\"#unga\" as=\"#author\"/>"));
    let en = export("a-res-80-173", "en");
    assert!(en.contains("<FRBRauthoritative value=\"false\"/>"));
    assert!(en.contains(
        "<FRBRtranslation href=\"/akn/un/statement/deliberation/unga/2025-12-17/80-173/fra@\" fromLanguage=\"fra\" authoritative=\"false\" by=\"#wsis\"/>"
    ));
    // A date printed without its day is a full date in FRBRdate, and says so.
    assert!(export("itu-final-report-wsis", "fr")
        .contains("<FRBRdate date=\"2026-01-01\" name=\"publication (year only)\"/>"));
}

#[test]
fn a_partial_translation_gives_the_rest_in_french_and_says_so() {
    // The ITU final report's English text is its two headings; the rest is shown in French.
    let xml = export("itu-final-report-wsis", "en");
    let back = akn_read::read(xml).unwrap();
    let langs: Vec<(&str, &str)> = back
        .blocks
        .iter()
        .map(|b| (b.eid.as_str(), b.lang.as_str()))
        .collect();
    assert_eq!(langs[..3], [("h1", "en"), ("h2", "en"), ("t1", "fr")]);
    assert!(xml.contains("<FRBRlanguage language=\"eng\"/>\n"));
    assert!(xml.contains("<FRBRlanguage language=\"fra\"/>\n"));
    assert!(xml.contains("<!-- Fallback: 33 of 35 blocks and 0 of 0 notes have no en text"));
    assert!(xml.contains("<wsis:fallback language=\"fr\" blocks=\"t1 t2 "));
    // The full English translation of the resolution has nothing in French.
    let res = export("a-res-80-173", "en");
    assert!(!res.contains("xml:lang") && !res.contains("Fallback"));
}

#[test]
fn structure_follows_the_text() {
    let res = export("a-res-80-173", "fr");
    // The resolution's number and title head the preface; its formula is the preamble.
    assert!(res.contains("<blockContainer eId=\"s-80-173\" class=\"title\"><num>80/173</num><p><docTitle>Document final"));
    assert!(res.contains("<preamble>\n      <formula name=\"enactingFormula\" eId=\"formula-1\" class=\"formula\"><p>L'Assemblée générale</p></formula>"));
    assert!(res.contains("<paragraph eId=\"para_67\" class=\"operative\"><num>67.</num><content><p>Nous invitons l'Union internationale des télécommunications"));
    assert!(res.contains("<paragraph eId=\"rec_1\" class=\"preambular\">"));
    assert!(
        res.contains("<conclusions>\n      <blockContainer eId=\"closing-1\" class=\"closing\">")
    );
    // ITU clauses hold their items, items their sub-items.
    let c26 = export("c26-93", "fr");
    assert!(c26.contains(
        "<hcontainer eId=\"considerant\" name=\"preambularClause\"><heading>considérant</heading>"
    ));
    assert!(c26
        .contains("<hcontainer eId=\"decide\" name=\"operativeClause\"><heading>décide</heading>"));
    assert!(c26.contains("<paragraph eId=\"decide-3\" class=\"operative\"><num>3</num><intro><p>"));
    assert!(c26.contains("<point eId=\"decide-3-a\" class=\"item\"><num>a)</num><content><p>"));
    assert!(c26.contains("<indent eId=\"considerant-h-v-li1\" class=\"list-item\"><content><p>"));
    // Annexes are attachments.
    assert!(c26.contains("<attachments>\n      <attachment>\n        <doc name=\"annex\">"));
    assert!(c26.contains("<FRBRthis value=\"/akn/un/doc/resolutionDraft/itu-council/2026-04-14/c26-93/fra@/!annex_1\"/>"));
    assert!(c26.contains("<point eId=\"annex_1__a\" class=\"item\"><num>a)</num>"));
}

#[test]
fn notes_and_references_stand_where_they_are_printed() {
    let res = export("a-res-80-173", "fr");
    let back = akn_read::read(res).unwrap();
    assert_eq!(back.notes.len(), 12);
    assert!(res.contains("<authorialNote marker=\"1\" placement=\"bottom\" eId=\"fn_1\"><p>"));
    // C26/93 cites paragraphs 67 and 113 of A/RES/80/173: the reference links the first.
    let c26 = export("c26-93", "fr");
    assert!(
        c26.contains(
            "<ref href=\"/akn/un/statement/deliberation/unga/2025-12-17/80-173#para_67\">"
        ),
        "a reference to §67 of A/RES/80/173"
    );
    // The note of the report's cover, marked in no block, stands in the preface.
    let report = export("a-81-62-e-2026-48", "fr");
    let preface = &report[report.find("<preface>").unwrap()..report.find("</preface>").unwrap()];
    assert!(preface.contains("<authorialNote marker=\"*\" placement=\"bottom\" eId=\"fn_star\">"));
}
