//! The built site, crawled: every internal link and fragment resolves, every page is a well-formed
//! page (language, title, one `h1`, landmarks), and the documents' paragraphs and notes are all
//! there with their anchors, citations and dates in both languages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::html::{json_ld, resolve, tags, text_after, Tag};
use wsis::site::{self, BuildOptions};

/// The bundled corpus, built once for all the tests of this file.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = std::env::temp_dir()
            .join(format!("wsis-site-test-{}", std::process::id()))
            .join("public");
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
        let opts = BuildOptions {
            root: root.to_path_buf(),
            out: out.clone(),
        };
        if let Err(e) = site::build(&opts) {
            panic!("the corpus does not build: {e}");
        }
        out
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(built().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every HTML page of the output, by path relative to the output folder.
fn pages() -> BTreeMap<String, String> {
    let root = built();
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn ids(html: &str) -> BTreeSet<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let pages = pages();
    let page_ids: BTreeMap<&String, BTreeSet<String>> =
        pages.iter().map(|(p, h)| (p, ids(h))).collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (page, html) in &pages {
        for tag in tags(html) {
            for attr in ["href", "src"] {
                let Some(href) = tag.attr(attr) else { continue };
                let Some((target, fragment)) = resolve(page, href) else {
                    continue;
                };
                checked += 1;
                if !built().join(&target).is_file() {
                    broken.push(format!("{page}: {href} → {target} does not exist"));
                    continue;
                }
                if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    match page_ids.iter().find(|(p, _)| ***p == target) {
                        Some((_, set)) if set.contains(&f) => {}
                        Some(_) => broken.push(format!("{page}: {href}: no id `{f}` in {target}")),
                        None => broken.push(format!(
                            "{page}: {href}: fragment into a file that is not a page"
                        )),
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken of {checked}:\n{}",
        broken.len(),
        broken.join("\n")
    );
    // Every block of the five documents has a permalink in each language: about 1,500 links.
    assert!(checked > 1500, "only {checked} links were checked");
}

#[test]
fn every_page_has_language_title_one_h1_and_landmarks() {
    for (page, html) in pages() {
        let tags = tags(&html);
        let count = |name: &str| tags.iter().filter(|t| t.name == name).count();
        let html_tag = tags
            .iter()
            .find(|t| t.name == "html")
            .unwrap_or_else(|| panic!("{page}: no <html>"));
        assert!(
            matches!(html_tag.attr("lang"), Some("fr" | "en")),
            "{page}: lang {:?}",
            html_tag.attr("lang")
        );
        let title = tags
            .iter()
            .find(|t| t.name == "title")
            .unwrap_or_else(|| panic!("{page}: no <title>"));
        assert!(
            !text_after(&html, title).trim().is_empty(),
            "{page}: empty title"
        );
        assert_eq!(count("h1"), 1, "{page}: {} h1", count("h1"));
        assert_eq!(count("main"), 1, "{page}: main");
        assert!(
            count("header") >= 1 && count("footer") >= 1,
            "{page}: header/footer"
        );
        assert!(
            tags.iter().any(|t| t.name == "a"
                && t.attr("class") == Some("skip-link")
                && t.attr("href") == Some("#main")),
            "{page}: skip link"
        );
        if page.starts_with("fr/") || page.starts_with("en/") {
            assert!(
                tags.iter()
                    .any(|t| t.name == "nav" && t.attr("aria-label").is_some()),
                "{page}: site navigation"
            );
        }
        let ids: Vec<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();
        let unique: BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(ids.len(), unique.len(), "{page}: duplicate ids");
    }
}

#[test]
fn every_paragraph_and_note_of_the_model_has_its_anchor_in_both_languages() {
    let index: serde_json::Value = serde_json::from_str(&read("data/index.json")).unwrap();
    let mut documents = 0;
    for entry in index.as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let data: serde_json::Value =
            serde_json::from_str(&read(&format!("fr/{id}/data.json"))).unwrap();
        for lang in ["fr", "en"] {
            let page = read(&format!("{lang}/{id}.html"));
            let page_ids = ids(&page);
            for block in data["blocks"].as_array().unwrap() {
                let bid = block["id"].as_str().unwrap();
                assert!(page_ids.contains(bid), "{lang}/{id}.html has no #{bid}");
            }
            for note in data["footnotes"].as_array().unwrap() {
                let nid = note["id"].as_str().unwrap();
                assert!(page_ids.contains(nid), "{lang}/{id}.html has no #{nid}");
            }
        }
        documents += 1;
    }
    assert_eq!(documents, 5);
}

fn tag_with_id<'a>(tags: &'a [Tag], id: &str) -> &'a Tag {
    tags.iter()
        .find(|t| t.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no #{id}"))
}

#[test]
fn citations_are_given_in_the_page_language() {
    for (lang, expected) in [
        ("fr", "A/RES/80/173, par. 67"),
        ("en", "A/RES/80/173, para. 67"),
    ] {
        let html = read(&format!("{lang}/a-res-80-173.html"));
        let tags = tags(&html);
        let pos = tags
            .iter()
            .position(|t| t.attr("id") == Some("p67"))
            .unwrap();
        let button = tags[pos..].iter().find(|t| t.name == "button").unwrap();
        assert_eq!(button.attr("data-cite"), Some(expected));
        assert_eq!(
            button.attr("data-url"),
            Some(format!("https://wsis.example.org/{lang}/a-res-80-173.html#p67").as_str())
        );
    }
    let html = read("fr/c26-93.html");
    let tags = tags(&html);
    let pos = tags
        .iter()
        .position(|t| t.attr("id") == Some("decide-3-a"))
        .unwrap();
    let button = tags[pos..].iter().find(|t| t.name == "button").unwrap();
    assert_eq!(button.attr("data-cite"), Some("C26/93, décide, point 3 a)"));
    let pos = tags
        .iter()
        .position(|t| t.attr("id") == Some("rappelant-a"))
        .unwrap();
    let button = tags[pos..].iter().find(|t| t.name == "button").unwrap();
    assert_eq!(button.attr("data-cite"), Some("C26/93, rappelant, point a"));
}

#[test]
fn dates_are_written_in_each_language() {
    assert!(read("fr/index.html").contains("17 décembre 2025"));
    assert!(read("en/index.html").contains("17 December 2025"));
    assert!(read("fr/c26-93.html").contains("14 avril 2026"));
    assert!(read("en/c26-93.html").contains("14 April 2026"));
}

#[test]
fn an_english_page_with_english_headings_only_marks_the_french_paragraphs() {
    // C26/93 has English headings (a paragraph-keyed file) and French paragraphs.
    let html = read("en/c26-93.html");
    assert!(html.contains("This English text is partial"), "no notice");
    assert!(!html.contains("This document has no English text yet"));
    let tags = tags(&html);
    let text = tags
        .iter()
        .find(|t| t.attr("class") == Some("doc-text"))
        .unwrap();
    assert_eq!(text.attr("lang"), Some("en"));
    // The clause heading is English, in the page's language; its items are French, marked.
    let heading = tag_with_id(&tags, "decide");
    assert_eq!(heading.attr("lang"), None);
    assert!(
        html.contains(">resolves<"),
        "the English clause heading is missing"
    );
    assert_eq!(tag_with_id(&tags, "decide-3-a").attr("lang"), Some("fr"));
    // The table of contents is English too.
    let toc = html.split("id=toc-title").nth(1).unwrap();
    assert!(
        toc.contains("instructs the Secretary-General"),
        "{}",
        &toc[..400]
    );
    // Every block of the French text is on the English page: none is dropped.
    let fr = ids(&read("fr/c26-93.html"));
    let en = ids(&html);
    let lost: Vec<&String> = fr.difference(&en).collect();
    assert!(lost.is_empty(), "{lost:?}");
    // The French page has no such notice.
    assert!(!read("fr/c26-93.html").contains("is partial"));
}

#[test]
fn the_root_page_offers_both_languages_without_script() {
    let html = read("index.html");
    let tags = tags(&html);
    let links: Vec<&str> = tags
        .iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href"))
        .collect();
    assert!(
        links.contains(&"fr/index.html") && links.contains(&"en/index.html"),
        "{links:?}"
    );
    assert!(tags
        .iter()
        .any(|t| t.name == "li" && t.attr("lang") == Some("en")));
}

#[test]
fn pages_carry_canonical_alternates_open_graph_and_legislation_data() {
    let html = read("fr/a-res-80-173.html");
    let tags = tags(&html);
    let link = |rel: &str, hreflang: Option<&str>| {
        tags.iter()
            .find(|t| {
                t.name == "link" && t.attr("rel") == Some(rel) && t.attr("hreflang") == hreflang
            })
            .and_then(|t| t.attr("href"))
    };
    assert_eq!(
        link("canonical", None),
        Some("https://wsis.example.org/fr/a-res-80-173.html")
    );
    assert_eq!(
        link("alternate", Some("en")),
        Some("https://wsis.example.org/en/a-res-80-173.html")
    );
    assert!(tags.iter().any(|t| t.attr("property") == Some("og:title")));
    let ld: serde_json::Value = serde_json::from_str(&json_ld(&html).expect("JSON-LD")).unwrap();
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationIdentifier"][0], "A/RES/80/173");
    assert_eq!(ld["legislationDate"], "2025-12-17");
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://wsis.example.org/en/c26-93.html</loc>"));
    assert!(sitemap.contains("hreflang=\"fr\" href=\"https://wsis.example.org/fr/c26-93.html\""));
    assert!(!sitemap.contains("404"));
    assert!(read("robots.txt").contains("Sitemap: https://wsis.example.org/sitemap.xml"));
}

#[test]
fn notes_link_back_to_each_of_their_marks() {
    let html = read("fr/a-res-80-173.html");
    let tags = tags(&html);
    let mark = tag_with_id(&tags, "fnref6");
    assert_eq!(mark.attr("href"), Some("#fn6"));
    let note = tags
        .iter()
        .position(|t| t.attr("id") == Some("fn6"))
        .unwrap();
    let back = tags[note..]
        .iter()
        .find(|t| t.attr("class") == Some("backref"))
        .unwrap();
    assert_eq!(back.attr("href"), Some("#fnref6"));
}

#[test]
fn pages_load_nothing_from_other_hosts() {
    for (page, html) in pages() {
        // The bundled wsis.yaml sets no search.api: the search runs from the static index.
        assert!(
            tags(&html)
                .iter()
                .all(|t| t.attr("data-search-api").is_none()),
            "{page} names a search service"
        );
        for tag in tags(&html) {
            let loads = match tag.name.as_str() {
                "script" | "img" | "iframe" | "audio" | "video" | "source" => tag.attr("src"),
                "link"
                    if tag.attr("rel") == Some("stylesheet")
                        || tag.attr("rel") == Some("preload") =>
                {
                    tag.attr("href")
                }
                _ => None,
            };
            if let Some(url) = loads {
                assert!(
                    !url.contains("://") && !url.starts_with("//"),
                    "{page} loads {url}"
                );
            }
        }
    }
}

#[test]
fn the_english_text_is_aligned_paragraph_by_paragraph_and_read_side_by_side() {
    let fr = read("fr/a-res-80-173.html");
    let en = read("en/a-res-80-173.html");
    // The English page shows the English text, says it is unofficial, and links the official one.
    let t = tags(&en);
    assert_eq!(
        t.iter()
            .find(|x| x.attr("class") == Some("doc-text"))
            .unwrap()
            .attr("lang"),
        Some("en")
    );
    assert!(en.contains("Unofficial translation"));
    assert!(t
        .iter()
        .any(|x| x.name == "a" && x.attr("href") == Some("https://undocs.org/en/A/RES/80/173")));
    // Every block id of the French page is on the English page: the switch from #p67 lands on #p67.
    let en_ids = ids(&en);
    for id in ids(&fr)
        .iter()
        .filter(|i| i.starts_with('p') || i.starts_with("fn"))
    {
        if !id.starts_with("pv") {
            assert!(en_ids.contains(id), "no #{id} on the English page");
        }
    }
    assert!(en_ids.contains("p67"));
    let switch = tags(&fr)
        .into_iter()
        .find(|x| x.attr("class") == Some("lang-switch"))
        .unwrap();
    assert_eq!(switch.attr("href"), Some("../en/a-res-80-173.html"));
    // The side-by-side page has one row per block, each with both texts.
    let parallel = read("en/a-res-80-173-parallel.html");
    let rows: Vec<Tag> = tags(&parallel)
        .into_iter()
        .filter(|x| {
            x.name == "div"
                && x.attr("class").is_some_and(|c| c.starts_with("pair"))
                && x.attr("id").is_some()
        })
        .collect();
    let numbered = rows
        .iter()
        .filter(|r| {
            r.attr("id").is_some_and(|i| {
                i.strip_prefix('p')
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            })
        })
        .count();
    assert_eq!(numbered, 127);
    assert_eq!(rows.len(), 169, "one row per block and note");
    assert!(
        !parallel.contains("not in this text"),
        "every row has both texts"
    );
    // The coverage line and page.
    assert!(
        fr.contains("Texte anglais : 169 blocs alignés sur 169"),
        "coverage line"
    );
    assert!(read("en/coverage.html").contains("English text: 169 of 169 blocks aligned"));
}

#[test]
fn each_document_page_links_its_data_and_akoma_ntoso_beside_it() {
    let index: serde_json::Value = serde_json::from_str(&read("data/index.json")).unwrap();
    let mut checked = 0;
    for entry in index.as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        for lang in ["fr", "en"] {
            let json_rel = format!("{lang}/{id}/data.json");
            let akn_rel = format!("{lang}/{id}/data.akn.xml");
            // Every document of the corpus has a text in both languages (full or keyed).
            let listed = |key: &str, rel: &str| {
                entry[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p.as_str() == Some(rel))
            };
            assert!(listed("data", &json_rel), "index lacks {json_rel}");
            assert!(listed("akn", &akn_rel), "index lacks {akn_rel}");
            // The page names both in its head, as relative addresses that resolve to them.
            let page_rel = format!("{lang}/{id}.html");
            let page = read(&page_rel);
            for (kind, rel) in [
                ("application/json", &json_rel),
                ("application/akn+xml", &akn_rel),
            ] {
                let link = tags(&page)
                    .into_iter()
                    .find(|t| {
                        t.name == "link"
                            && t.attr("rel") == Some("alternate")
                            && t.attr("type") == Some(kind)
                    })
                    .unwrap_or_else(|| panic!("{page_rel}: no <link rel=alternate type={kind}>"));
                assert_eq!(
                    resolve(&page_rel, link.attr("href").unwrap()),
                    Some((rel.clone(), None)),
                    "{page_rel}"
                );
            }
            // The Akoma Ntoso file holds every block and note of the original (a partial
            // translation is completed by it, as on the page).
            let data: serde_json::Value =
                serde_json::from_str(&read(&format!("fr/{id}/data.json"))).unwrap();
            let back = wsis::export::akn_read::read(&read(&akn_rel))
                .unwrap_or_else(|e| panic!("{akn_rel}: {e}"));
            assert_eq!(
                back.language,
                if lang == "fr" { "fra" } else { "eng" },
                "{akn_rel}"
            );
            let model_blocks: Vec<String> = data["blocks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| wsis::export::akn::block_eid(b["id"].as_str().unwrap()))
                .collect();
            let read_blocks: BTreeSet<&str> = back.blocks.iter().map(|b| b.eid.as_str()).collect();
            for eid in &model_blocks {
                assert!(read_blocks.contains(eid.as_str()), "{akn_rel} has no {eid}");
            }
            assert_eq!(
                back.notes.len(),
                data["footnotes"].as_array().unwrap().len(),
                "{akn_rel}: notes"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}
