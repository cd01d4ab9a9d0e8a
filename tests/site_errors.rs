//! Hostile sources render as inert text; theme mistakes are clear errors that name the template
//! and line; a failed build leaves the previous site whole.

mod common;

use std::path::{Path, PathBuf};

use common::html::tags;
use wsis::config::Config;
use wsis::site::{self, BuildOptions};

/// A throw-away site with one document.
struct Site(PathBuf);

impl Site {
    fn new(name: &str, source: &str, title: &str) -> Site {
        let dir = std::env::temp_dir().join(format!("wsis-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let entry = format!(
            "symbols: [A/RES/99/1]\nbody: {{fr: Assemblée générale, en: General Assembly}}\ndate: 2026-01-05\ntitle:\n  fr: {title:?}\n  en: Title\nsources:\n  fr: seeds/fr/x.txt\nlayout: un-markdown\n"
        );
        let site = Site(dir);
        site.write("wsis.yaml", Config::starter());
        site.write("content/documents/x.yaml", &entry);
        site.write("seeds/fr/x.txt", source);
        site
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn build(&self) -> Result<site::BuildReport, wsis::diagnostic::Error> {
        site::build(&BuildOptions::load(&self.0).unwrap())
    }

    fn out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.0.join("public").join(rel)).unwrap()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PLAIN: &str = "Rappelant la résolution 70/125,\n\n1. Nous réaffirmons notre attachement aux textes du Sommet.\n\n2. Nous décidons de poursuivre nos travaux.\n";

#[test]
fn script_and_markup_in_a_source_render_as_inert_text() {
    let source = "Rappelant la résolution <script>alert(1)</script>,\n\n1. Nous \"><img src=x onerror=alert(2)> décidons de poursuivre.\n\n2. Nous <b onmouseover=alert(3)>notons</b> les progrès.\n";
    let site = Site::new("xss", source, "</title><script>alert('t')</script> Titre");
    site.build().unwrap();
    for page in ["fr/x.html", "en/x.html", "fr/index.html", "en/index.html"] {
        let html = site.out(page);
        for tag in tags(&html) {
            assert_ne!(tag.name, "img", "{page}: an <img> got through");
            assert_ne!(tag.name, "b", "{page}: a <b> got through");
            assert!(
                tag.attrs.iter().all(|(n, _)| !n.starts_with("on")),
                "{page}: an event handler got through: {tag:?}"
            );
            if tag.name == "script" {
                assert!(
                    tag.attr("src").is_some() || tag.attr("type") == Some("application/ld+json"),
                    "{page}: inline script {tag:?}"
                );
            }
        }
    }
    let doc = site.out("fr/x.html");
    assert!(
        doc.contains("&lt;script>alert(1)&lt;/script>")
            || doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is shown"
    );
    assert!(
        doc.contains("onerror=alert(2)"),
        "the text is kept, as text"
    );
}

#[test]
fn a_template_error_names_the_template_and_its_line() {
    let site = Site::new("tplerr", PLAIN, "Titre");
    site.write("themes/default/templates/home.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ site_title | no_such_filter }}</p>\n{% endblock main %}\n");
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("home.html"), "{err}");
    assert!(err.contains(":3:"), "the line is named: {err}");
    assert!(
        err.contains("themes/default/templates/home.html"),
        "the file is named: {err}"
    );
}

#[test]
fn a_missing_template_or_asset_is_a_clear_error() {
    let site = Site::new("missing", PLAIN, "Titre");
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}{% include \"partials/absent.html\" %}{% endblock main %}\n");
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("partials/absent.html"), "{err}");
    let theme = wsis::theme::Theme::load(&site.0).unwrap();
    let err = theme.file("static/absent.css").unwrap_err().to_string();
    assert!(
        err.contains("static/absent.css") && err.contains("themes/default"),
        "{err}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_whole() {
    let site = Site::new("keep", PLAIN, "Titre");
    site.build().unwrap();
    let before = site.out("fr/x.html");
    site.write("content/documents/x.yaml", "symbols: [A/RES/99/1\n");
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("x.yaml:"), "{err}");
    assert_eq!(site.out("fr/x.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site.0)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("wsis-staging"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn an_editorial_page_missing_in_one_language_falls_back_marked() {
    let site = Site::new("fallback", PLAIN, "Titre");
    site.write(
        "content/pages/notes.fr.md",
        "# Notes de la rédaction\n\nUn texte.\n",
    );
    site.build().unwrap();
    let en = site.out("en/notes.html");
    assert!(
        en.contains("This document has no English text yet") || en.contains("class=notice"),
        "notice shown"
    );
    let t = tags(&en);
    assert!(
        t.iter()
            .any(|t| t.name == "div" && t.attr("lang") == Some("fr")),
        "French content marked"
    );
    assert!(Path::new(&site.0.join("public/fr/notes.html")).is_file());
}

#[test]
fn check_finds_a_broken_link_and_reports_without_writing() {
    let site = Site::new("check", PLAIN, "Titre");
    let report = wsis::check::check(&site.0).unwrap();
    assert!(report.broken_links.is_empty(), "{:?}", report.broken_links);
    assert!(report.links > 20);
    assert!(!site.0.join("public").exists(), "check writes nothing");
    site.write(
        "themes/default/templates/home.html",
        "{% extends \"base.html\" %}\n{% block main %}<h1>x</h1><a href=\"absent.html\">a</a><a href=\"x.html#p99\">b</a>{% endblock main %}\n",
    );
    let report = wsis::check::check(&site.0).unwrap();
    assert!(report.has_errors());
    assert!(
        report
            .broken_links
            .iter()
            .any(|l| l.contains("fr/index.html: absent.html")),
        "{:?}",
        report.broken_links
    );
    assert!(
        report.broken_links.iter().any(|l| l.contains("no #p99")),
        "{:?}",
        report.broken_links
    );
}

#[test]
fn a_broken_translation_is_reported_by_paragraph() {
    let fr = "Rappelant la résolution 70/125,\n\n1. Nous réaffirmons notre attachement aux textes du Sommet.\n\n2. Nous décidons de poursuivre nos travaux.\n\n3. Nous prions le Secrétaire général de présenter un rapport.\n";
    // Paragraph 2 is missing and 3 is there twice.
    let en = "Recalling resolution 70/125,\n\n1. We reaffirm our commitment to the outcomes of the Summit.\n\n3. We request the Secretary-General to submit a report.\n\n3. We request the Secretary-General to submit a report.\n";
    let site = Site::new("broken-en", fr, "Titre");
    site.write("seeds/en/x.txt", en);
    let entry = "symbols: [A/RES/99/1]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2026-01-05\ntitle:\n  fr: Titre\n  en: Title\nsources:\n  fr: seeds/fr/x.txt\n  en: seeds/en/x.txt\nlayout: un-markdown\n";
    site.write("content/documents/x.yaml", entry);
    // The English source's numbering skips and repeats: the build refuses it, naming the lines.
    let Err(wsis::diagnostic::Error::Input(errors)) = site.build() else {
        panic!("a numbering gap must stop the build");
    };
    let e: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        e.iter().any(|m| m.contains("seeds/en/x.txt:5")
            && m.contains("`3` skips after `1`: expected `2`")
            && m.contains("accept: {numbering-gap")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("seeds/en/x.txt:7") && m.contains("`3` repeats")),
        "{e:#?}"
    );
    // Accepted with a reason, it builds, and the translation's faults are reported by paragraph.
    site.write(
        "content/documents/x.yaml",
        &format!("{entry}accept:\n  numbering-gap: the English text is a draft\n"),
    );
    let report = site.build().unwrap();
    let w: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|m| m.contains("seeds/en/x.txt") && m.contains("lacks") && m.contains("p2")),
        "{w:#?}"
    );
    assert!(
        w.iter()
            .any(|m| m.contains("seeds/en/x.txt:7") && m.contains("used twice")),
        "{w:#?}"
    );
    let check = wsis::check::check(&site.0).unwrap();
    assert_eq!(
        (check.coverage[0].aligned, check.coverage[0].total),
        (check.coverage[0].total - 1, check.coverage[0].total)
    );
    // Nothing is dropped: the duplicate is on the page under its own id.
    assert!(site.out("en/x.html").contains("id=p3-dup2"));
}

#[test]
fn an_english_page_without_english_text_says_so_and_marks_the_french_text() {
    let site = Site::new("no-en", PLAIN, "Titre");
    site.build().unwrap();
    let html = site.out("en/x.html");
    assert!(
        html.contains("This document has no English text yet"),
        "no notice"
    );
    let tags = tags(&html);
    assert_eq!(
        tags.iter().find(|t| t.name == "html").unwrap().attr("lang"),
        Some("en")
    );
    let text = tags
        .iter()
        .find(|t| t.attr("class") == Some("doc-text"))
        .unwrap();
    assert_eq!(text.attr("lang"), Some("fr"));
    assert!(!site.out("fr/x.html").contains("no English text"));
}

const KEYED_ENTRY: &str = "symbols: [A/RES/99/1]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2026-01-05\ntitle:\n  fr: Titre\n  en: Title\nsources:\n  fr: seeds/fr/x.txt\n  en: content/translations/en/x.yaml\nlayout: un-markdown\n";

#[test]
fn a_paragraph_keyed_translation_is_laid_on_the_original_and_completed_by_it() {
    let site = Site::new("keyed", PLAIN, "Titre");
    site.write("content/documents/x.yaml", KEYED_ENTRY);
    site.write(
        "content/translations/en/x.yaml",
        "blocks:\n  p2: We *decide* to continue our work.\n",
    );
    let report = site.build().unwrap();
    let w: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|m| m.contains("content/translations/en/x.yaml")
                && m.contains("lacks 2")
                && m.contains("t1, p1")),
        "{w:#?}"
    );
    let html = site.out("en/x.html");
    let tags = tags(&html);
    let by_id = |id: &str| tags.iter().find(|t| t.attr("id") == Some(id)).unwrap();
    // p2 is English with its emphasis; p1 and the preamble are French, marked as such.
    assert!(
        html.contains("We <em>decide</em> to continue our work."),
        "{html}"
    );
    assert_eq!(by_id("p2").attr("lang"), None);
    assert_eq!(by_id("p1").attr("lang"), Some("fr"));
    assert_eq!(by_id("t1").attr("lang"), Some("fr"));
    assert!(html.contains("Nous réaffirmons notre attachement"));
    // The English data file holds the translated block only, with the original's structure.
    let data = site.out("en/x/data.json");
    assert!(data.contains("\"layout\":\"paragraph-keyed\""), "{data}");
    assert!(data.contains("\"number\":\"2\"") && !data.contains("réaffirmons"));
}

#[test]
fn a_keyed_translation_naming_an_unknown_paragraph_is_refused_with_its_line() {
    let site = Site::new("keyed-bad", PLAIN, "Titre");
    site.write("content/documents/x.yaml", KEYED_ENTRY);
    site.write(
        "content/translations/en/x.yaml",
        "blocks:\n  p1: We reaffirm.\n  p7: A paragraph the original does not have.\n",
    );
    let err = site.build().unwrap_err().to_string();
    assert!(
        err.contains("content/translations/en/x.yaml:3") && err.contains("`p7`"),
        "{err}"
    );
    // Nothing was written.
    assert!(!site.0.join("public").exists());
}

#[test]
fn a_concordance_in_one_language_only_links_to_no_missing_page() {
    // y cites x in French; its English (keyed) paragraph does not: x has a French concordance
    // and no English one, and nothing may link to the English one.
    let site = Site::new("concordance", PLAIN, "Titre");
    site.write(
        "content/documents/y.yaml",
        "symbols: [A/RES/99/2]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2026-02-05\ntitle:\n  fr: Suite\n  en: Follow-up\nsources:\n  fr: seeds/fr/y.txt\n  en: content/translations/en/y.yaml\nlayout: un-markdown\n",
    );
    site.write(
        "seeds/fr/y.txt",
        "1. Nous rappelons le paragraphe 2 de la résolution 99/1 et poursuivons nos travaux.\n",
    );
    site.write(
        "content/translations/en/y.yaml",
        "blocks:\n  p1: We continue our work.\n",
    );
    site.build().unwrap();
    assert!(site.0.join("public/fr/concordance-x.html").exists());
    assert!(!site.0.join("public/en/concordance-x.html").exists());
    let report = wsis::check::check(&site.0).unwrap();
    assert!(report.broken_links.is_empty(), "{:#?}", report.broken_links);
    assert!(!site.out("sitemap.xml").contains("/en/concordance-x.html"));
}
