//! Every Akoma Ntoso expression of the corpus written into a folder: `<dir>/<lang>/<id>.akn.xml`
//! for each document and each language the registry gives it a source in ([`super::akn`]).
//!
//! wsis writes only into a folder that is new, empty, or that it wrote before: such a folder holds
//! the marker [`MARKER`], listing the files wsis wrote there. A second export replaces those files
//! and removes the ones it no longer makes (a document taken out of the registry); it never
//! touches a file the marker does not list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Error, Result};

use super::{akn, AknOptions, Corpus};

/// The marker of a folder wsis exported to: one relative path per line.
pub const MARKER: &str = ".wsis-export";

/// What an export wrote.
#[derive(Debug)]
pub struct AknDirReport {
    /// The files written, relative to the folder (`fr/a-res-80-173.akn.xml`), in order.
    pub files: Vec<String>,
    /// Files of a previous export that were removed.
    pub removed: Vec<String>,
}

/// Writes every expression of `corpus` into `dir`. Every expression is made before anything is
/// written, so that a failure leaves the folder as it was.
pub fn write(corpus: &Corpus, dir: &Path, opts: &AknOptions) -> Result<AknDirReport> {
    let previous = check_writable(dir)?;
    let mut made = Vec::new();
    for entry in &corpus.entries {
        for lang in entry.sources.keys() {
            let xml = akn::akn(&corpus.entries, &corpus.documents, entry, lang, opts)?;
            made.push((format!("{lang}/{}.akn.xml", entry.id), xml));
        }
    }
    for (rel, xml) in &made {
        super::write_file(&dir.join(rel), xml.as_bytes())?;
    }
    let files: Vec<String> = made.into_iter().map(|(rel, _)| rel).collect();
    let kept: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let mut removed = Vec::new();
    for old in previous.iter().filter(|p| !kept.contains(p.as_str())) {
        let path = dir.join(old);
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(old.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        // A language folder left empty goes too; one holding anything else stays.
        if let Some(parent) = path.parent().filter(|p| *p != dir) {
            let _ = std::fs::remove_dir(parent);
        }
    }
    let marker: String = files.iter().map(|f| format!("{f}\n")).collect();
    super::write_file(&dir.join(MARKER), marker.as_bytes())?;
    Ok(AknDirReport { files, removed })
}

/// Checks that wsis may write into `dir` and returns the files its marker lists (none for a new
/// or empty folder). Only relative paths without `..` are taken from a marker.
fn check_writable(dir: &Path) -> Result<Vec<String>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    if !dir.is_dir() {
        return Err(Error::Other(format!(
            "{} exists and is not a folder; choose another folder with -o",
            dir.display()
        )));
    }
    let mut listing = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    if listing.next().is_none() {
        return Ok(Vec::new());
    }
    let marker = dir.join(MARKER);
    match std::fs::read_to_string(&marker) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| {
                let p = PathBuf::from(l);
                !l.is_empty()
                    && p.is_relative()
                    && p.components()
                        .all(|c| matches!(c, std::path::Component::Normal(_)))
            })
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Other(format!(
            "{} is not empty and was not written by `wsis export` (it has no {MARKER} file); \
             wsis will not write into it. Choose a new or empty folder with -o",
            dir.display()
        ))),
        Err(e) => Err(Error::io(&marker, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("wsis-akn-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_new_or_empty_folder_may_be_written() {
        let d = temp("new");
        assert_eq!(check_writable(&d).unwrap(), Vec::<String>::new());
        std::fs::create_dir_all(&d).unwrap();
        assert_eq!(check_writable(&d).unwrap(), Vec::<String>::new());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_folder_without_the_marker_is_refused() {
        let d = temp("foreign");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("notes.txt"), "mine").unwrap();
        let err = check_writable(&d).unwrap_err().to_string();
        assert!(
            err.contains(MARKER) && err.contains("will not write"),
            "{err}"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_marked_folder_gives_the_files_it_lists_and_nothing_outside() {
        let d = temp("marked");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join(MARKER),
            "fr/a.akn.xml\n../escape.xml\n/etc/passwd\n\nen/a.akn.xml\n",
        )
        .unwrap();
        assert_eq!(
            check_writable(&d).unwrap(),
            vec!["fr/a.akn.xml".to_string(), "en/a.akn.xml".to_string()]
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_file_is_refused() {
        let d = temp("file");
        std::fs::write(&d, "x").unwrap();
        let err = check_writable(&d).unwrap_err().to_string();
        assert!(err.contains("not a folder"), "{err}");
        std::fs::remove_file(&d).unwrap();
    }
}
