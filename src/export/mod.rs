//! Exports of the document model to standard formats.
//!
//! [`akn`] writes a document in one language as Akoma Ntoso 3.0 XML (OASIS LegalDocML), following
//! the UN's AKN4UN guidelines where they apply; [`akn_read`] reads such a file back into its
//! blocks and notes, so that tests can check that an export loses and adds nothing.
//!
//! [`ndjson`] writes every paragraph of the site as one JSON line, for bulk loading into a search
//! engine; [`citations`] writes the graph of references between paragraphs as CSV or JSON;
//! [`akn_dir`] writes every Akoma Ntoso expression of the corpus into a folder. All of them read
//! the corpus as a build does ([`Corpus::load`]), so that they agree with the site
//! (`docs/export.md`).

pub mod akn;
pub mod akn_dir;
pub mod akn_read;
pub mod citations;
pub mod data_files;
pub mod ndjson;

pub use akn::{akn, AknOptions};

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result};
use crate::model::Document;
use crate::registry::{self, DocumentEntry};

/// A site's corpus, read and linked as `wsis build` reads and links it.
pub struct Corpus {
    pub config: Config,
    /// The registry, in its order (by id).
    pub entries: Vec<DocumentEntry>,
    /// Every text of every document, linked.
    pub documents: Vec<Document>,
    /// What reading and linking reported (`wsis check` prints them).
    pub warnings: Vec<Diagnostic>,
}

impl Corpus {
    /// Reads `wsis.yaml`, the registry and every source of the site at `root`, and links the
    /// texts ([`crate::site::ingest_all`], [`crate::link::link`]).
    pub fn load(root: &Path) -> Result<Corpus> {
        let config = Config::load(root)?;
        let entries = registry::load(root)?;
        let (mut documents, mut warnings) = crate::site::ingest_all(&entries)?;
        warnings.extend(crate::link::link(&entries, &mut documents));
        Ok(Corpus {
            config,
            entries,
            documents,
            warnings,
        })
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a failed export leaves
/// no half-written file in its place.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use crate::diagnostic::Error;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.wsis-partial-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
