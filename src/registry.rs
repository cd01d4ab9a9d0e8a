//! The document registry: one YAML file per document under `content/documents/`.
//!
//! Adding a document to a site is one source file under `seeds/<lang>/` and one YAML file here;
//! no code changes. See `docs/adding-a-document.md` for the fields.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::ingest::report::AnomalyKind;
use crate::ingest::Layout;
use crate::model::DocumentType;

/// The folder, relative to the site root, that holds the registry.
pub const DOCUMENTS_DIR: &str = "content/documents";

/// One registry entry as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Symbols, primary first. May be empty for a document that prints none.
    #[serde(default)]
    symbols: Vec<String>,
    /// Issuing body per language.
    body: BTreeMap<String, String>,
    /// ISO date (`2025-12-17`).
    date: String,
    /// Title per language.
    title: BTreeMap<String, String>,
    /// Short name per language, for documents without a symbol (`Rapport UIT sur le SMSI+20`).
    #[serde(default)]
    short: BTreeMap<String, String>,
    /// Source per language: a path relative to the site root, or `{ file, layout }`.
    sources: BTreeMap<String, SourceEntry>,
    /// Layout of every source, unless a source names its own.
    #[serde(default)]
    layout: Option<String>,
    /// Anomalies of the structure report accepted for this document, each with the reason.
    #[serde(default)]
    accept: BTreeMap<AnomalyKind, String>,
    /// The document's type (`resolution`, `draft-resolution`, `report`, `document`); recognised
    /// from its structure when not given.
    #[serde(default, rename = "type")]
    doc_type: Option<DocumentType>,
    /// Free text shown to maintainers only.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum SourceEntry {
    Path(String),
    Detailed {
        file: String,
        #[serde(default)]
        layout: Option<String>,
    },
}

/// A validated registry entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentEntry {
    /// The YAML file's stem: the document's id in URLs and data files.
    pub id: String,
    /// The YAML file, for messages.
    pub yaml: PathBuf,
    pub symbols: Vec<String>,
    pub body: BTreeMap<String, String>,
    pub date: String,
    pub title: BTreeMap<String, String>,
    pub short: BTreeMap<String, String>,
    pub sources: BTreeMap<String, Source>,
    /// Anomalies of the structure report that the document really has, each with the reason
    /// (`accept: {numbering-gap: "the annex quotes some paragraphs only"}`).
    pub accept: BTreeMap<AnomalyKind, String>,
    /// The type the registry declares, if it does.
    pub doc_type: Option<DocumentType>,
}

/// One language's source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub lang: String,
    /// Absolute (or root-joined) path of the file.
    pub path: PathBuf,
    /// The path as written in the YAML, relative to the site root.
    pub relative: String,
    /// `None`: detect the layout from the text.
    pub layout: Option<Layout>,
}

impl DocumentEntry {
    /// The primary symbol, or the id when the document prints no symbol.
    pub fn symbol(&self) -> &str {
        self.symbols
            .first()
            .map_or(self.id.as_str(), String::as_str)
    }

    /// How citations name the document: its symbols, or its short name, or its title.
    pub fn name_in(&self, lang: &str) -> String {
        if !self.symbols.is_empty() {
            return self.symbols.join(" – ");
        }
        match self.short.get(lang).or_else(|| self.short.values().next()) {
            Some(s) => s.clone(),
            None => format!("« {} »", self.title_in(lang)),
        }
    }

    /// The title in `lang`, falling back to any title.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.values().next())
            .map_or("", String::as_str)
    }
}

/// Loads every `*.yaml` / `*.yml` file under `root/content/documents`, sorted by id. Collects
/// every error before failing, so that one run reports all of them.
pub fn load(root: &Path) -> Result<Vec<DocumentEntry>> {
    let dir = root.join(DOCUMENTS_DIR);
    if !dir.is_dir() {
        return Err(Error::Other(format!(
            "no document registry at {}: create it with one YAML file per document (see docs/adding-a-document.md)",
            dir.display()
        )));
    }
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .max_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    for file in files {
        match load_entry(root, &file) {
            Ok(e) => entries.push(e),
            Err(Error::Input(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for e in &entries {
        for s in &e.symbols {
            if let Some(other) = seen.insert(s.clone(), e.yaml.clone()) {
                errors.push(Diagnostic::error(
                    &e.yaml,
                    line_of(&std::fs::read_to_string(&e.yaml).unwrap_or_default(), s),
                    format!("symbol {s} is already claimed by {}", other.display()),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(entries)
}

/// Loads and checks one registry file.
pub fn load_entry(root: &Path, file: &Path) -> Result<DocumentEntry> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let entry: Entry = serde_yaml::from_str(&text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        Diagnostic::error(file, line, format!("invalid document entry: {e}")).at_column(column)
    })?;
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let mut errors = Vec::new();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(Diagnostic::error(
            file,
            0,
            "the file name is the document's id in URLs: use lower-case letters, digits and `-` (e.g. a-res-80-173.yaml)",
        ));
    }
    if !is_iso_date(&entry.date) {
        errors.push(Diagnostic::error(
            file,
            line_of(&text, "date:"),
            format!("date `{}` is not an ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when the day is not printed)", entry.date),
        ));
    }
    if entry.sources.is_empty() {
        errors.push(Diagnostic::error(
            file,
            line_of(&text, "sources:"),
            "no source: name at least one language's source file",
        ));
    }
    for (what, map) in [("title", &entry.title), ("body", &entry.body)] {
        if map.is_empty() || map.values().any(|v| v.trim().is_empty()) {
            errors.push(Diagnostic::error(
                file,
                line_of(&text, &format!("{what}:")),
                format!(
                    "`{what}` needs a non-empty text per language, e.g. `{what}: {{fr: …, en: …}}`"
                ),
            ));
        }
    }
    let default_layout = match entry.layout.as_deref().map(str::parse::<Layout>) {
        Some(Err(m)) => {
            errors.push(Diagnostic::error(file, line_of(&text, "layout:"), m));
            None
        }
        Some(Ok(l)) => Some(l),
        None => None,
    };
    for (kind, why) in &entry.accept {
        if why.trim().is_empty() {
            errors.push(Diagnostic::error(
                file,
                line_of(&text, kind.name()),
                format!("`accept: {{{kind}: …}}` needs the reason the document really is so"),
            ));
        }
    }
    let mut sources = BTreeMap::new();
    for (lang, src) in &entry.sources {
        if !is_language_code(lang) {
            errors.push(Diagnostic::error(
                file,
                line_of(&text, &format!("{lang}:")),
                format!("`{lang}` is not a language code (use `fr`, `en`, …)"),
            ));
        }
        let (relative, layout) = match src {
            SourceEntry::Path(p) => (p.clone(), default_layout),
            SourceEntry::Detailed { file: p, layout } => {
                let l = match layout.as_deref().map(str::parse::<Layout>) {
                    Some(Ok(l)) => Some(l),
                    Some(Err(m)) => {
                        errors.push(Diagnostic::error(file, line_of(&text, p), m));
                        None
                    }
                    None => default_layout,
                };
                (p.clone(), l)
            }
        };
        // Messages name the file as the user wrote it when the site is the current folder.
        let path = if root == Path::new(".") {
            PathBuf::from(&relative)
        } else {
            root.join(&relative)
        };
        if !path.is_file() {
            errors.push(Diagnostic::error(
                file,
                line_of(&text, &relative),
                format!("source file {} does not exist", path.display()),
            ));
        }
        sources.insert(
            lang.clone(),
            Source {
                lang: lang.clone(),
                path,
                relative,
                layout,
            },
        );
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    Ok(DocumentEntry {
        id,
        yaml: file.to_path_buf(),
        symbols: entry.symbols,
        body: entry.body,
        date: entry.date,
        title: entry.title,
        short: entry.short,
        sources,
        accept: entry.accept,
        doc_type: entry.doc_type,
    })
}

/// 1-based line of the first occurrence of `needle` in `text`, or 0.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a document whose day is not printed.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    let in_range = |p: &str, max: u32| (1..=max).contains(&p.parse::<u32>().unwrap_or(0));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 12) && in_range(d, 31)
        }
        _ => false,
    }
}

fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempdir::TempSite {
        tempdir::TempSite::new(files)
    }

    /// A throw-away site folder for tests.
    mod tempdir {
        use std::path::{Path, PathBuf};

        pub struct TempSite(pub PathBuf);

        impl TempSite {
            pub fn new(files: &[(&str, &str)]) -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let dir = std::env::temp_dir().join(format!(
                    "wsis-registry-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                let _ = std::fs::remove_dir_all(&dir);
                for (p, content) in files {
                    let path = dir.join(p);
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, content).unwrap();
                }
                TempSite(dir)
            }
            pub fn path(&self) -> &Path {
                &self.0
            }
        }

        impl Drop for TempSite {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    const GOOD: &str = "symbols: [A/RES/1/1]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2025-12-17\ntitle:\n  fr: Titre\n  en: Title\nsources:\n  fr: seeds/fr/x.txt\n  en: {file: seeds/en/x.txt, layout: pdf-text}\n";

    #[test]
    fn a_good_entry_loads() {
        let s = site(&[
            ("content/documents/a-res-1-1.yaml", GOOD),
            ("seeds/fr/x.txt", "x"),
            ("seeds/en/x.txt", "x"),
        ]);
        let docs = load(s.path()).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.id, "a-res-1-1");
        assert_eq!(d.symbol(), "A/RES/1/1");
        assert_eq!(d.sources["fr"].layout, None);
        assert_eq!(d.sources["en"].layout, Some(Layout::PdfText));
        assert_eq!(d.title_in("en"), "Title");
    }

    #[test]
    fn yaml_syntax_errors_name_file_line_and_column() {
        let bad = "symbols: [A/RES/1/1]\ndate: 2025-12-17\ntitle:\n  fr: [unclosed\n";
        let s = site(&[("content/documents/bad.yaml", bad)]);
        let err = load(s.path()).unwrap_err();
        let Error::Input(ds) = err else {
            panic!("expected input error")
        };
        assert!(ds[0].file.ends_with("content/documents/bad.yaml"));
        assert!(ds[0].line >= 4, "{:?}", ds[0]);
        assert!(ds[0].column > 0, "{:?}", ds[0]);
    }

    #[test]
    fn unknown_fields_and_missing_files_are_reported_together() {
        let typo = GOOD.replace("date:", "dte:");
        let missing = GOOD.replace("a-res-1-1", "x");
        let s = site(&[
            ("content/documents/typo.yaml", typo.as_str()),
            ("content/documents/missing.yaml", missing.as_str()),
        ]);
        let Error::Input(ds) = load(s.path()).unwrap_err() else {
            panic!()
        };
        let text: Vec<String> = ds.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|m| m.contains("typo.yaml:3") && m.contains("dte")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|m| m.contains("missing.yaml:8") && m.contains("does not exist")),
            "{text:?}"
        );
    }

    #[test]
    fn bad_dates_layouts_and_languages_are_caught() {
        let bad = GOOD
            .replace("2025-12-17", "17/12/2025")
            .replace("pdf-text", "scanned")
            .replace("  fr: seeds", "  french: seeds");
        let s = site(&[
            ("content/documents/d.yaml", bad.as_str()),
            ("seeds/fr/x.txt", "x"),
            ("seeds/en/x.txt", "x"),
        ]);
        let Error::Input(ds) = load(s.path()).unwrap_err() else {
            panic!()
        };
        let text: Vec<String> = ds.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|m| m.contains("ISO date")), "{text:?}");
        assert!(
            text.iter().any(|m| m.contains("unknown layout `scanned`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|m| m.contains("`french` is not a language code")),
            "{text:?}"
        );
    }

    #[test]
    fn a_declared_type_and_accepted_anomalies_are_read_and_checked() {
        let typed = format!("{GOOD}type: draft-resolution\naccept:\n  numbering-gap: the annex quotes some paragraphs\n");
        let s = site(&[
            ("content/documents/d.yaml", typed.as_str()),
            ("seeds/fr/x.txt", "x"),
            ("seeds/en/x.txt", "x"),
        ]);
        let d = &load(s.path()).unwrap()[0];
        assert_eq!(d.doc_type, Some(DocumentType::DraftResolution));
        assert!(d.accept.contains_key(&AnomalyKind::NumberingGap));
        for (bad, says) in [
            (format!("{GOOD}type: memo\n"), "unknown variant `memo`"),
            (
                format!("{GOOD}accept:\n  typo-gap: x\n"),
                "unknown variant `typo-gap`",
            ),
            (
                format!("{GOOD}accept:\n  numbering-gap: \"\"\n"),
                "needs the reason",
            ),
        ] {
            let s = site(&[
                ("content/documents/d.yaml", bad.as_str()),
                ("seeds/fr/x.txt", "x"),
                ("seeds/en/x.txt", "x"),
            ]);
            let Error::Input(ds) = load(s.path()).unwrap_err() else {
                panic!("{bad}")
            };
            assert!(
                ds.iter().any(|d| d.line > 0 && d.message.contains(says)),
                "{ds:?}"
            );
        }
    }

    #[test]
    fn a_symbol_claimed_twice_is_an_error() {
        let s = site(&[
            ("content/documents/one.yaml", GOOD),
            ("content/documents/two.yaml", GOOD),
            ("seeds/fr/x.txt", "x"),
            ("seeds/en/x.txt", "x"),
        ]);
        let Error::Input(ds) = load(s.path()).unwrap_err() else {
            panic!()
        };
        assert!(ds[0].message.contains("already claimed"));
    }
}
