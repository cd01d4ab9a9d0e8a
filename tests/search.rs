//! Search over the corpus, checked query by query against the tantivy index: French and English,
//! accents typed or not, plural and singular, acronyms in either language (through the
//! glossary), and citations (the cited paragraph first, then the paragraphs citing it).

mod common;

use std::sync::OnceLock;

use wsis::search::index::{Hit, SearchIndex};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (records, glossary) = common::corpus_records();
        SearchIndex::in_memory(records, glossary).unwrap()
    })
}

fn search(q: &str, lang: &str) -> Vec<Hit> {
    index().search(q, lang, None, 10).unwrap()
}

fn at(hits: &[Hit], k: usize) -> String {
    hits.get(k)
        .map_or_else(|| "-".into(), |h| format!("{}#{}", h.doc, h.id))
}

/// The text of a hit's record.
fn text(h: &Hit) -> String {
    let r = index()
        .records
        .iter()
        .find(|r| r.doc == h.doc && r.id == h.id && r.lang == h.lang)
        .unwrap();
    r.text.to_lowercase().replace('’', "'")
}

#[test]
fn citations_put_the_cited_paragraph_first_then_those_citing_it() {
    for q in [
        "§67",
        "67",
        "par. 67",
        "paragraphe 67",
        "80/173 67",
        "A/RES/80/173 §67",
        "a/res/80/173, par. 67",
    ] {
        let hits = search(q, "fr");
        assert_eq!(at(&hits, 0), "a-res-80-173#p67", "{q}");
        let citing: Vec<String> = hits
            .iter()
            .filter(|h| h.reason == "citing")
            .map(|h| format!("{}#{}", h.doc, h.id))
            .collect();
        assert!(citing.contains(&"c26-93#t4".to_string()), "{q}: {citing:?}");
        assert!(
            citing.contains(&"itu-report-unga-wsis20-meeting#annex1-p67".to_string()),
            "{q}: {citing:?}"
        );
    }
    // An annex entry with a draft number is found from the paragraph it really reproduces.
    let hits = search("A/RES/80/173 §110", "fr");
    assert_eq!(at(&hits, 0), "a-res-80-173#p110");
    assert!(hits.iter().any(|h| h.id == "annex1-p108"), "{hits:?}");
    // §122 is quoted by the Secretary-General's report.
    let hits = search("§122", "fr");
    assert_eq!(at(&hits, 0), "a-res-80-173#p122");
    assert!(hits
        .iter()
        .any(|h| h.doc == "a-81-62-e-2026-48" && h.id == "p16"));
}

#[test]
fn a_document_symbol_finds_the_document() {
    assert_eq!(search("C26/93", "fr")[0].doc, "c26-93");
    assert_eq!(search("E/2026/48", "fr")[0].doc, "a-81-62-e-2026-48");
    assert_eq!(at(&search("E/2026/48 §5", "fr"), 0), "a-81-62-e-2026-48#p5");
}

#[test]
fn english_pages_cite_and_search_the_same_paragraphs() {
    let hits = search("§67", "en");
    assert_eq!(at(&hits, 0), "a-res-80-173#p67");
    assert!(hits[0].url.starts_with("en/"));
    assert!(
        hits[0].citation.contains("para. 67"),
        "{}",
        hits[0].citation
    );
    // An English query finds the French text through the glossary.
    let hits = search("digital divide", "en");
    assert!(
        hits.iter().take(3).all(|h| text(h).contains("fracture")),
        "{:?}",
        hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}

#[test]
fn accents_case_apostrophes_and_plurals_do_not_change_the_results() {
    let pairs = [
        ("fracture numérique", "fracture numerique"),
        ("fracture numérique", "FRACTURES NUMÉRIQUES"),
        ("cybersécurité", "cybersecurite"),
        ("gouvernance d'Internet", "gouvernance d’internet"),
        ("connectivité universelle", "connectivite universelles"),
        ("télécommunications", "telecommunication"),
    ];
    for (a, b) in pairs {
        let (x, y) = (search(a, "fr"), search(b, "fr"));
        assert_eq!(
            x.iter().take(5).map(|h| &h.id).collect::<Vec<_>>(),
            y.iter().take(5).map(|h| &h.id).collect::<Vec<_>>(),
            "{a} / {b}"
        );
        assert!(!x.is_empty(), "{a}");
    }
}

#[test]
fn words_find_the_paragraphs_that_hold_them() {
    // (query, words every one of the first three results must hold)
    let cases: [(&str, &[&str]); 12] = [
        ("connectivité universelle", &["connectivité"]),
        ("intelligence artificielle", &["intelligence artificielle"]),
        ("femmes et filles", &["femmes", "filles"]),
        ("cybersécurité", &["cybersécurité"]),
        ("gouvernance d'Internet", &["gouvernance"]),
        ("Forum sur la gouvernance d'Internet", &["forum"]),
        ("financement du développement numérique", &["financement"]),
        ("Agenda de Tunis", &["tunis"]),
        ("Pacte numérique mondial", &["pacte numérique mondial"]),
        ("handicap", &["handicap"]),
        ("CNUCED", &["cnuced"]),
        ("télécommunications", &["télécommunications"]),
    ];
    for (q, must) in cases {
        let hits = search(q, "fr");
        assert!(hits.len() >= 2, "{q}: {} results", hits.len());
        for h in hits.iter().take(3) {
            let t = text(h);
            for w in must {
                assert!(t.contains(w), "{q}: {}#{} lacks `{w}`", h.doc, h.id);
            }
        }
    }
    // The paragraph that says it in so many words comes first.
    assert_eq!(
        at(&search("connectivité universelle", "fr"), 0),
        "a-res-80-173#p9"
    );
    assert_eq!(at(&search("femmes et filles", "fr"), 0), "a-res-80-173#p22");
}

#[test]
fn acronyms_in_either_language_find_both_forms() {
    // (query, any of these must be in the text of each of the first three results)
    let cases: [(&str, &[&str]); 7] = [
        (
            "SMSI",
            &[
                "smsi",
                "sommet mondial sur la société de l'information",
                "wsis",
            ],
        ),
        (
            "WSIS",
            &[
                "smsi",
                "sommet mondial sur la société de l'information",
                "wsis",
            ],
        ),
        (
            "ITU",
            &["uit", "union internationale des télécommunications"],
        ),
        (
            "UIT",
            &["uit", "union internationale des télécommunications"],
        ),
        ("UNCTAD", &["cnuced", "unctad"]),
        ("IGF", &["gouvernance d'internet", "fgi", "igf"]),
        (
            "Global Digital Compact",
            &["pacte numérique mondial", "global digital"],
        ),
    ];
    for (q, any) in cases {
        let hits = search(q, "fr");
        assert!(hits.len() >= 3, "{q}");
        for h in hits.iter().take(3) {
            let t = text(h);
            assert!(
                any.iter().any(|w| t.contains(w)),
                "{q}: {}#{} has none of {any:?}",
                h.doc,
                h.id
            );
        }
    }
}

#[test]
fn filters_and_snippets() {
    let hits = index()
        .search("numérique", "fr", Some("c26-93"), 10)
        .unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.doc == "c26-93"));
    let hits = search("cybersécurité", "fr");
    assert!(
        hits[0].snippet.contains("<mark>cybersécurité</mark>"),
        "{}",
        hits[0].snippet
    );
    assert!(search("zzzqqq", "fr").is_empty());
}

#[test]
fn the_snippet_is_escaped() {
    let s = wsis::search::index::snippet("a <b> \"x\" numérique", &["numer".to_string()], "fr");
    assert_eq!(s, "a &lt;b&gt; &quot;x&quot; <mark>numérique</mark>");
}
