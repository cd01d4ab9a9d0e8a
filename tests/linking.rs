//! Links both ways on the built pages: each annex entry of the ITU report points to the
//! paragraph of A/RES/80/173 it reproduces (the one its wording is, when its number is a draft
//! number), and that paragraph lists the entry under "Cited in", in both languages.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::html::tags;
use wsis::site::{self, BuildOptions};

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = std::env::temp_dir()
            .join(format!("wsis-linking-test-{}", std::process::id()))
            .join("public");
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
        site::build(&BuildOptions {
            root: root.to_path_buf(),
            out: out.clone(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        out
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(built().join(rel)).unwrap()
}

/// The hrefs of the links inside the element with id `id` (up to the next paragraph).
fn links_in(html: &str, id: &str) -> Vec<String> {
    let t = tags(html);
    let start = t
        .iter()
        .position(|x| x.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no #{id}"));
    t[start + 1..]
        .iter()
        .take_while(|x| {
            !(x.name == "div" && x.attr("class").is_some_and(|c| c.starts_with("para ")))
        })
        .filter(|x| x.name == "a")
        .filter_map(|x| x.attr("href").map(str::to_string))
        .collect()
}

#[test]
fn annex_entries_link_to_the_paragraph_they_reproduce_and_back() {
    for lang in ["fr", "en"] {
        let report = read(&format!("{lang}/itu-report-unga-wsis20-meeting.html"));
        // Entry 67 is paragraph 67; entry 108 reproduces paragraph 110 (a draft number).
        assert!(links_in(&report, "annex1-p67").contains(&"a-res-80-173.html#p67".to_string()));
        assert!(links_in(&report, "annex1-p108").contains(&"a-res-80-173.html#p110".to_string()));
        let resolution = read(&format!("{lang}/a-res-80-173.html"));
        assert!(links_in(&resolution, "p110")
            .contains(&"itu-report-unga-wsis20-meeting.html#annex1-p108".to_string()));
        assert!(links_in(&resolution, "p67")
            .contains(&"itu-report-unga-wsis20-meeting.html#annex1-p67".to_string()));
        // Paragraph 108 is not what entry 108 reproduces: it does not list it.
        assert!(!links_in(&resolution, "p108")
            .iter()
            .any(|h| h.ends_with("#annex1-p108")));
    }
}

#[test]
fn mismatches_are_said_on_the_page() {
    let report = read("fr/itu-report-unga-wsis20-meeting.html");
    assert!(report.contains("le texte cité est le paragraphe 110"));
    let en = read("en/itu-report-unga-wsis20-meeting.html");
    assert!(en.contains("the quoted text is paragraph 110"));
}

#[test]
fn the_citations_and_concordance_pages_list_every_check() {
    let page = read("fr/citations.html");
    let statuses = tags(&page)
        .iter()
        .filter(|t| t.attr("class") == Some("status status-mismatch"))
        .count();
    // Five mismatches in the table, plus the count at the top.
    assert_eq!(statuses, 6, "mismatch badges");
    let concordance = read("en/concordance-a-res-80-173.html");
    assert!(concordance.contains("itu-report-unga-wsis20-meeting.html#annex1-p108"));
}

#[test]
fn the_data_carries_each_citation() {
    let data: serde_json::Value =
        serde_json::from_str(&read("fr/itu-report-unga-wsis20-meeting/data.json")).unwrap();
    let c = data["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["from"] == "annex1-p108")
        .expect("annex entry 108 is a citation");
    assert_eq!(c["kind"], "annex-quote");
    assert_eq!(c["status"], "mismatch");
    assert_eq!(c["target_symbol"], "A/RES/80/173");
    assert_eq!(c["target_paragraphs"][0], "108");
    assert_eq!(c["suggested"], "110");
}

#[test]
fn flattened_symbols_are_split_into_two_links_never_one_bogus_one() {
    let data: serde_json::Value = serde_json::from_str(&read("fr/c26-93/data.json")).unwrap();
    let parts: Vec<(String, String)> = data["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["from"] == "rappelant-g" && c["kind"] == "symbol")
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["target_symbol"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("70/125".to_string(), "A/RES/70/125".to_string()),
            ("80/173".to_string(), "A/RES/80/173".to_string())
        ]
    );
    // 70/125 is outside the corpus: its official copy; 80/173 is in it: its page.
    let page = read("fr/c26-93.html");
    assert!(page.contains("https://undocs.org/fr/A/RES/70/125"));
    assert!(page.contains("href=a-res-80-173.html"));
}

#[test]
fn documents_outside_the_corpus_link_to_their_official_copy_in_the_page_language() {
    assert!(read("fr/c26-93.html").contains("https://undocs.org/fr/A/RES/70/125"));
    assert!(read("en/c26-93.html").contains("https://undocs.org/en/A/RES/70/125"));
    assert!(!read("en/c26-93.html").contains("https://undocs.org/fr/"));
}

/// The English annex entries (a paragraph-keyed translation) quote the English text of the
/// resolution: each one checks against it exactly as its French entry checks against the
/// French text (same paragraph, same status, same suggested number).
#[test]
fn the_english_annex_quotes_the_english_resolution_as_the_french_quotes_the_french() {
    let verdicts = |lang: &str| -> Vec<(String, String, Vec<String>, Option<String>)> {
        let json = read(&format!("{lang}/itu-report-unga-wsis20-meeting/data.json"));
        let doc: wsis::model::Document = serde_json::from_str(&json).unwrap();
        doc.citations
            .iter()
            .filter(|c| c.from.starts_with("annex1-") && c.end == 0)
            .map(|c| {
                (
                    c.from.clone(),
                    c.status.as_str().to_string(),
                    c.target_ids.clone(),
                    c.suggested.clone(),
                )
            })
            .collect()
    };
    let fr = verdicts("fr");
    assert_eq!(fr.len(), 21, "{fr:?}");
    assert_eq!(verdicts("en"), fr);
}
