//! Readers: one per source layout, each turning a text file into the [`Document`] model through
//! the shared [`builder::DocBuilder`].
//!
//! - [`word_export`]: text saved from a word processor (tab-numbered items, `[footnoteRef:N]`).
//! - [`un_markdown`]: UN text with Markdown traces (superscript note marks, `[70/125](#)`).
//! - [`pdf_text`]: text extracted from a PDF (hard-wrapped lines, page furniture, page-foot notes).
//!
//! A translation can also be [`keyed`] by paragraph id to the document's reference text.

pub mod builder;
pub mod detect;
pub mod keyed;
mod labels;
mod page_lines;
pub mod pdf_text;
pub mod report;
pub mod un_markdown;
pub mod vocabulary;
pub mod word_export;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::Document;
use crate::text::decode_source;

/// A source layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    WordExport,
    UnMarkdown,
    PdfText,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::WordExport, Layout::UnMarkdown, Layout::PdfText];

    pub fn name(self) -> &'static str {
        match self {
            Layout::WordExport => "word-export",
            Layout::UnMarkdown => "un-markdown",
            Layout::PdfText => "pdf-text",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown layout `{s}`; the layouts are: {}",
                    Layout::ALL.map(Layout::name).join(", ")
                )
            })
    }
}

/// The model of one source file and the warnings met while reading it.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub document: Document,
    pub layout: Layout,
    pub warnings: Vec<Diagnostic>,
    /// What the reading found, set against what the source shows.
    pub report: report::StructureReport,
}

/// Reads a source file from disk. `layout` overrides detection.
pub fn read_file(path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    if keyed::is_keyed(path) {
        return Err(Diagnostic::error(
            path,
            0,
            "a paragraph-keyed translation is read against its document's reference text: name it under `sources:` in the document's entry and run `wsis check` or `wsis build`",
        )
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(&bytes, path, layout)
}

/// Reads a source from memory; `path` names it in messages.
pub fn read_bytes(bytes: &[u8], path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    let text = decode_source(bytes, path)?;
    read_text(&text, path, layout)
}

/// Reads decoded text (LF line ends, no BOM).
pub fn read_text(text: &str, path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    let layout = match layout {
        Some(l) => l,
        None => detect::detect(text).ok_or_else(|| {
            Diagnostic::error(
                path,
                0,
                format!(
                    "cannot tell the layout of this file; name it with `layout:` in its YAML entry or `--layout` ({}). Seen: {}",
                    Layout::ALL.map(Layout::name).join(", "),
                    detect::traces(text)
                ),
            )
        })?,
    };
    let mut b = builder::DocBuilder::new(path, layout.name());
    match layout {
        Layout::WordExport => word_export::read(text, &mut b),
        Layout::UnMarkdown => un_markdown::read(text, &mut b),
        Layout::PdfText => pdf_text::read(text, &mut b),
    }
    let (document, diagnostics) = b.finish();
    let (errors, warnings): (Vec<_>, Vec<_>) =
        diagnostics.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    if document.blocks.is_empty() {
        return Err(Diagnostic::error(
            path,
            0,
            format!("no paragraph or heading found when reading it as `{layout}`; is that the right layout?"),
        )
        .into());
    }
    let report = report::report(&document, text);
    Ok(Ingested {
        document,
        layout,
        warnings,
        report,
    })
}
