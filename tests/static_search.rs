//! The static search index of the corpus, and what the tantivy index answers for a set of
//! queries: writes `target/static-search/` (the generated script files) and
//! `target/static-search-expected.json` (the top 5 of every query), which
//! `node --test tests/js/` reads to check that the browser's search gives the same answers.

mod common;

use std::path::Path;

use wsis::search::index::SearchIndex;
use wsis::search::static_index;

/// (query, page language, document filter)
const QUERIES: &[(&str, &str, Option<&str>)] = &[
    // Citations.
    ("§67", "fr", None),
    ("67", "fr", None),
    ("par. 67", "fr", None),
    ("paragraphe 67", "fr", None),
    ("80/173 67", "fr", None),
    ("A/RES/80/173 §67", "fr", None),
    ("a/res/80/173, par. 67", "fr", None),
    ("A/RES/80/173 §110", "fr", None),
    ("§122", "fr", None),
    ("C26/93", "fr", None),
    ("E/2026/48", "fr", None),
    ("E/2026/48 §5", "fr", None),
    ("§ 67 financement", "fr", None),
    ("§67", "en", None),
    ("para. 12", "en", None),
    // Words, accents, case, plurals.
    ("fracture numérique", "fr", None),
    ("fracture numerique", "fr", None),
    ("FRACTURES NUMÉRIQUES", "fr", None),
    ("cybersécurité", "fr", None),
    ("cybersecurite", "fr", None),
    ("gouvernance d'Internet", "fr", None),
    ("gouvernance d’internet", "fr", None),
    ("connectivité universelle", "fr", None),
    ("connectivite universelles", "fr", None),
    ("télécommunications", "fr", None),
    ("telecommunication", "fr", None),
    ("intelligence artificielle", "fr", None),
    ("femmes et filles", "fr", None),
    ("Forum sur la gouvernance d'Internet", "fr", None),
    ("financement du développement numérique", "fr", None),
    ("Agenda de Tunis", "fr", None),
    ("Pacte numérique mondial", "fr", None),
    ("handicap", "fr", None),
    ("objectifs 2030", "fr", None),
    ("zzzqqq", "fr", None),
    // Acronyms and the glossary, in either language.
    ("SMSI", "fr", None),
    ("WSIS", "fr", None),
    ("ITU", "fr", None),
    ("UIT", "fr", None),
    ("UNCTAD", "fr", None),
    ("CNUCED", "fr", None),
    ("IGF", "fr", None),
    ("Global Digital Compact", "fr", None),
    ("le rôle de l'UIT dans le SMSI", "fr", None),
    // English pages.
    ("digital divide", "en", None),
    ("WSIS", "en", None),
    ("artificial intelligence", "en", None),
    ("human rights", "en", None),
    ("connectivity", "en", None),
    // Filters.
    ("numérique", "fr", Some("c26-93")),
    ("§67", "fr", Some("c26-93")),
    ("SMSI", "en", Some("a-res-80-173")),
];

fn target() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

#[test]
fn the_static_index_and_the_answers_it_must_give() {
    let (records, glossary) = common::corpus_records();
    let started = std::time::Instant::now();
    let files = static_index::files(&records, &glossary);
    let took = started.elapsed();
    let index = SearchIndex::in_memory(records, glossary).unwrap();

    let out = target().join("static-search");
    let _ = std::fs::remove_dir_all(&out);
    let mut bytes = 0;
    for f in &files {
        assert!(f.path.starts_with("static/search/"), "{}", f.path);
        let path = out.join(&f.path["static/search/".len()..]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.bytes).unwrap();
        bytes += f.bytes.len();
    }
    let mut expected = Vec::new();
    for (q, lang, doc) in QUERIES {
        let hits = index.search(q, lang, *doc, 5).unwrap();
        let top: Vec<String> = hits.iter().map(|h| format!("{}#{}", h.doc, h.id)).collect();
        expected.push(serde_json::json!({"q": q, "lang": lang, "doc": doc, "top": top}));
    }
    let report = serde_json::json!({
        "queries": expected,
        "files": files.len(),
        "bytes": bytes,
        "build_ms": took.as_secs_f64() * 1000.0,
    });
    std::fs::write(
        target().join("static-search-expected.json"),
        serde_json::to_vec_pretty(&report).unwrap(),
    )
    .unwrap();
    assert!(QUERIES.len() >= 30);
    // Every language has its manifest, and the queries that find something in tantivy are many.
    let config = wsis::config::Config::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    for lang in &config.languages {
        assert!(out.join(lang).join("manifest.js").is_file(), "{lang}");
    }
    let found = expected
        .iter()
        .filter(|e| !e["top"].as_array().unwrap().is_empty())
        .count();
    assert!(found >= 30, "{found}");
}
