//! `wsis init DIR`: a new site with its configuration, an empty registry, the editorial pages and
//! a folder for sources. The theme stays in the binary; copy a file of it under
//! `themes/default/` to change it.

use std::path::Path;

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::{Error, Result};

const REGISTRY_README: &str = "# Documents\n\nOne YAML file per document; the file name is the document's id in URLs.\n\n```yaml\nsymbols: [A/RES/80/173]\nbody: {fr: Assemblée générale, en: General Assembly}\ndate: 2025-12-17\ntitle:\n  fr: Document final …\n  en: Outcome document …\nsources:\n  fr: seeds/fr/a-res-80-173.txt\n```\n";

const ABOUT_FR: &str = "# À propos\n\nCe site publie des textes officiels paragraphe par paragraphe. Seuls les textes officiels font foi.\n";
const ABOUT_EN: &str = "# About\n\nThis site publishes official texts paragraph by paragraph. Only the official texts are authoritative.\n";

/// Creates a site in `dir`, which must not exist or be empty. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<String>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Other(format!(
                "{} is not empty; wsis init starts a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    let files: [(&str, &str); 5] = [
        (CONFIG_FILE, Config::starter()),
        ("content/documents/README.md", REGISTRY_README),
        ("content/pages/about.fr.md", ABOUT_FR),
        ("content/pages/about.en.md", ABOUT_EN),
        ("seeds/fr/.keep", ""),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(rel.to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{build, BuildOptions};

    #[test]
    fn a_new_site_builds_and_a_full_folder_is_refused() {
        let dir = std::env::temp_dir().join(format!("wsis-init-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = init(&dir).unwrap();
        assert!(files.contains(&"wsis.yaml".to_string()));
        let report = build(&BuildOptions::load(&dir).unwrap()).unwrap();
        assert!(report.documents.is_empty());
        assert!(dir.join("public/fr/index.html").is_file());
        assert!(dir.join("public/en/about.html").is_file());
        let err = init(&dir).unwrap_err().to_string();
        assert!(err.contains("not empty"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
