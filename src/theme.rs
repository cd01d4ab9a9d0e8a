//! The theme: templates, static assets and interface strings. The default theme is embedded in
//! the binary (see `build.rs`); a site overrides any of its files, one by one, by putting a file
//! with the same path under `<site>/themes/default/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Error, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// The folder, under the site root, whose files replace the embedded theme's.
pub const OVERRIDE_DIR: &str = "themes/default";

/// Where a theme file comes from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    Site(PathBuf),
}

impl Origin {
    /// How to name the file in a message: its path on disk, or `(built-in) templates/x.html`.
    pub fn describe(&self, rel: &str) -> String {
        match self {
            Origin::Embedded => format!("(built-in theme) {rel}"),
            Origin::Site(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// The theme's files by relative path (`templates/document.html`, `static/style.css`,
/// `strings.yaml`).
#[derive(Debug, Clone)]
pub struct Theme {
    files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The embedded theme with the site's overrides applied.
    pub fn load(root: &Path) -> Result<Theme> {
        let mut files: BTreeMap<String, ThemeFile> = embedded::FILES
            .iter()
            .map(|(rel, bytes)| {
                (
                    rel.to_string(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        origin: Origin::Embedded,
                    },
                )
            })
            .collect();
        let dir = root.join(OVERRIDE_DIR);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry
                    .map_err(|e| Error::Other(format!("cannot read {}: {e}", dir.display())))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel.split('/').any(|part| part.starts_with('.')) {
                    continue;
                }
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                files.insert(
                    rel,
                    ThemeFile {
                        bytes,
                        origin: Origin::Site(entry.path().to_path_buf()),
                    },
                );
            }
        }
        Ok(Theme { files })
    }

    /// A file of the theme; a clear error when there is none.
    pub fn file(&self, rel: &str) -> Result<&ThemeFile> {
        self.files.get(rel).ok_or_else(|| {
            Error::Other(format!(
                "the theme has no file {rel}: add it under {OVERRIDE_DIR}/{rel} or restore the name"
            ))
        })
    }

    /// A text file of the theme (templates, strings).
    pub fn text(&self, rel: &str) -> Result<(String, &Origin)> {
        let f = self.file(rel)?;
        let text = String::from_utf8(f.bytes.clone())
            .map_err(|_| Error::Other(format!("{} is not UTF-8 text", f.origin.describe(rel))))?;
        Ok((text, &f.origin))
    }

    /// Every template: (name relative to `templates/`, text, origin).
    pub fn templates(&self) -> Result<Vec<(String, String, Origin)>> {
        let mut out = Vec::new();
        for (rel, f) in &self.files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8(f.bytes.clone()).map_err(|_| {
                    Error::Other(format!("{} is not UTF-8 text", f.origin.describe(rel)))
                })?;
                out.push((name.to_string(), text, f.origin.clone()));
            }
        }
        Ok(out)
    }

    /// Every static asset: (path relative to `static/`, file).
    pub fn assets(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(rel, f)| rel.strip_prefix("static/").map(|r| (r, f)))
    }

    /// Every file of the embedded theme, for `wsis init --theme`-style copies and tests.
    pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
        embedded::FILES.iter().map(|(p, _)| *p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_has_its_templates_strings_and_assets() {
        let paths: Vec<&str> = Theme::embedded_paths().collect();
        for needed in [
            "strings.yaml",
            "templates/base.html",
            "templates/document.html",
            "static/style.css",
            "static/site.js",
        ] {
            assert!(paths.contains(&needed), "{needed} missing from {paths:?}");
        }
    }

    #[test]
    fn a_site_file_replaces_the_embedded_one() {
        let root = std::env::temp_dir().join(format!("wsis-theme-{}", std::process::id()));
        let dir = root.join(OVERRIDE_DIR).join("static");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("style.css"), "body{color:red}").unwrap();
        let theme = Theme::load(&root).unwrap();
        let css = theme.file("static/style.css").unwrap();
        assert_eq!(css.bytes, b"body{color:red}");
        assert!(matches!(css.origin, Origin::Site(_)));
        assert!(matches!(
            theme.file("static/site.js").unwrap().origin,
            Origin::Embedded
        ));
        let err = theme.file("templates/nope.html").unwrap_err().to_string();
        assert!(err.contains("templates/nope.html"), "{err}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
