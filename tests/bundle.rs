//! The offline bundle: what the zip holds, that every link in it resolves inside it or leads
//! online (marked), that nothing is loaded from another host, that the single-file documents
//! carry everything they need, and that the README names the versions of the sources.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::html::tags;
use wsis::bundle::{self, readme::Utc, BundleOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wsis-bundle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn options(out: &Path, langs: &[&str], docs: &[&str]) -> BundleOptions {
    BundleOptions {
        root: root(),
        langs: langs.iter().map(|s| s.to_string()).collect(),
        docs: docs.iter().map(|s| s.to_string()).collect(),
        out: out.to_path_buf(),
        when: Utc::from_unix(1_795_430_096),
    }
}

/// A zip's files: name and content.
type Files = Vec<(String, Vec<u8>)>;

/// The whole corpus in both languages, written and read back from the zip.
fn full() -> &'static (bundle::BundleReport, Files) {
    static FULL: OnceLock<(bundle::BundleReport, Files)> = OnceLock::new();
    FULL.get_or_init(|| {
        let out = temp("full").join("textes.zip");
        let report = bundle::bundle(&options(&out, &[], &[])).unwrap_or_else(|e| panic!("{e}"));
        let files = bundle::zip::read(&std::fs::read(&out).unwrap()).unwrap();
        (report, files)
    })
}

/// The files of a bundle relative to its folder, checking that everything is in that folder.
fn unpacked(files: &[(String, Vec<u8>)], folder: &str) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(n, b)| {
            let rel = n
                .strip_prefix(&format!("{folder}/"))
                .unwrap_or_else(|| panic!("{n} is outside {folder}/"));
            (rel.to_string(), b.clone())
        })
        .collect()
}

fn text(files: &[(String, Vec<u8>)], rel: &str) -> String {
    let (_, b) = files
        .iter()
        .find(|(n, _)| n == rel)
        .unwrap_or_else(|| panic!("no {rel} in the bundle"));
    String::from_utf8(b.clone()).unwrap()
}

#[test]
fn the_bundle_holds_the_site_the_single_files_and_the_readme() {
    let (report, files) = full();
    assert_eq!(report.folder, "textes");
    let files = unpacked(files, "textes");
    assert_eq!(report.files, files.len());
    for rel in [
        "index.html",
        "README.html",
        "LISEZMOI.html",
        "fr/index.html",
        "en/a-res-80-173.html",
        "fr/a-res-80-173-parallel.html",
        "fr/search.html",
        "static/search.js",
        "static/search/fr/manifest.js",
        "fr/a-res-80-173/data.json",
        "documents/a-res-80-173.fr.html",
        "documents/c26-93.en.html",
    ] {
        assert!(files.iter().any(|(n, _)| n == rel), "no {rel}");
    }
    // One single file per document and language.
    let singles = files
        .iter()
        .filter(|(n, _)| n.starts_with("documents/"))
        .count();
    assert_eq!((singles, report.single_files), (10, 10));
    // Nothing a server or a search engine needs, which means nothing offline.
    for rel in ["sitemap.xml", "robots.txt", "404.html"] {
        assert!(!files.iter().any(|(n, _)| n == rel), "{rel} in the bundle");
    }
    assert!(report.zip_bytes < report.unpacked_bytes / 2, "{report:?}");
}

#[test]
fn every_link_of_the_bundle_resolves_inside_it_or_is_marked_online() {
    let (_, files) = full();
    let files = unpacked(files, "textes");
    let links = wsis::check::crawl(&files);
    assert!(links.links > 2000, "{} links", links.links);
    assert!(links.broken.is_empty(), "{:#?}", links.broken);
    for (rel, bytes) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for t in tags(&html) {
            // Nothing is loaded from another host: no external script, style, image or frame.
            if let Some(src) = t.attr("src") {
                assert!(!src.contains("://"), "{rel}: {} loads {src}", t.name);
            }
            if t.name == "link" && t.attr("rel") == Some("stylesheet") {
                assert!(!t.attr("href").unwrap().contains("://"), "{rel}");
            }
        }
    }
}

#[test]
fn no_page_of_the_bundle_holds_a_control_character() {
    // Minifying inline scripts must not turn an escape (`\u0001`) into a raw control character,
    // which HTML forbids.
    let (_, files) = full();
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        let bad = text
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r' | '\u{c}'));
        assert!(bad.is_none(), "{name} holds {bad:?}");
    }
}

#[test]
fn a_single_file_document_carries_its_styles_scripts_and_search() {
    let (_, files) = full();
    let files = unpacked(files, "textes");
    let html = text(&files, "documents/a-res-80-173.fr.html");
    let t = tags(&html);
    assert!(
        !t.iter().any(|x| x.attr("src").is_some()),
        "a script or image is loaded"
    );
    assert!(!t
        .iter()
        .any(|x| x.name == "link" && x.attr("rel") == Some("stylesheet")));
    assert!(t.iter().any(|x| x.name == "style"));
    let manifest = regex::Regex::new(r#"WSIS_SEARCH_LOAD\(["'`]manifest["'`]"#).unwrap();
    assert!(manifest.is_match(&html), "no search index");
    assert!(t.iter().any(|x| x.attr("id") == Some("search-q")));
    assert!(t.iter().any(|x| x.attr("id") == Some("p67")));
    // Its own anchors stay; every other link leads online and says so.
    let mut online = 0;
    for x in t.iter().filter(|x| x.name == "a") {
        let href = x.attr("href").unwrap();
        if href.starts_with('#') {
            continue;
        }
        if href.starts_with("https://wsis.example.org/") {
            assert!(x.attr("data-online").is_some(), "{href} is not marked");
            online += 1;
        } else {
            assert!(
                href.contains("://"),
                "relative link {href} in a single file"
            );
        }
    }
    assert!(online > 5, "{online}");
    // §67's "cited in" leads to the ITU report online, and the language switch too.
    assert!(
        html.contains("https://wsis.example.org/fr/itu-report-unga-wsis20-meeting.html#annex1-p67")
    );
    let switch = t
        .iter()
        .find(|x| x.attr("class") == Some("lang-switch"))
        .unwrap();
    assert_eq!(
        switch.attr("href"),
        Some("https://wsis.example.org/en/a-res-80-173.html")
    );
}

#[test]
fn the_readme_names_the_date_the_documents_and_each_source_digest() {
    let (_, files) = full();
    let files = unpacked(files, "textes");
    let readme = text(&files, "README.html");
    let lisezmoi = text(&files, "LISEZMOI.html");
    assert!(readme.contains("23 November 2026"), "no date");
    assert!(lisezmoi.contains("23 novembre 2026"), "no date");
    let entries = wsis::registry::load(&root()).unwrap();
    for e in &entries {
        assert!(readme.contains(&e.name_in("en")), "{} missing", e.id);
        for s in e.sources.values() {
            let digest = wsis::bundle::sha256::hex(&std::fs::read(&s.path).unwrap());
            assert!(
                readme.contains(&digest) && lisezmoi.contains(&digest),
                "{} has no digest",
                s.relative
            );
            assert!(readme.contains(&s.relative));
        }
    }
    // The README's links to pages and single files resolve (checked by the crawl) and are local.
    assert!(readme.contains("href=documents/a-res-80-173.en.html"));
}

#[test]
fn a_bundle_of_one_document_in_one_language_sends_the_rest_online() {
    let out = temp("one").join("a-res-80-173-en.zip");
    let report = bundle::bundle(&options(&out, &["en"], &["a-res-80-173"])).unwrap();
    assert_eq!((report.documents, report.single_files), (1, 1));
    let files = bundle::zip::read(&std::fs::read(&out).unwrap()).unwrap();
    let files = unpacked(&files, "a-res-80-173-en");
    assert!(!files.iter().any(|(n, _)| n.starts_with("fr/")));
    assert!(!files
        .iter()
        .any(|(n, _)| n.contains("itu-report-unga-wsis20-meeting.html")));
    let links = wsis::check::crawl(&files);
    assert!(links.broken.is_empty(), "{:#?}", links.broken);
    // The link to the French text now leads online, marked.
    let page = text(&files, "en/a-res-80-173.html");
    assert!(
        page.contains("href=\"https://wsis.example.org/fr/a-res-80-173.html\" data-online"),
        "no online link to the French text"
    );
}

#[test]
fn a_bundle_never_replaces_a_file_it_did_not_write_and_names_unknown_documents() {
    let dir = temp("guard");
    let out = dir.join("notes.zip");
    std::fs::write(&out, "my own notes").unwrap();
    let err = bundle::bundle(&options(&out, &["fr"], &["c26-93"]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a bundle wsis wrote"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    // A bundle wsis wrote is replaced.
    let ours = dir.join("ours.zip");
    bundle::bundle(&options(&ours, &["fr"], &["c26-93"])).unwrap();
    bundle::bundle(&options(&ours, &["fr"], &["c26-93"])).unwrap();
    let err = bundle::bundle(&options(&dir.join("x.zip"), &[], &["a-res-99-1"]))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a-res-99-1") && err.contains("a-res-80-173"),
        "{err}"
    );
    let err = bundle::bundle(&options(&dir.join("x.zip"), &["de"], &[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("`de`"), "{err}");
    assert!(!dir.join("x.zip").exists());
}
