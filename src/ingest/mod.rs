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
pub mod doc_type;
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
use crate::model::{Document, DocumentType};
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
    /// Why the document has the type it has: recognised from what structure, or declared.
    pub type_reason: String,
}

/// Reads a source file from disk. `layout` overrides detection.
pub fn read_file(path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    read_file_as(path, layout, None)
}

/// [`read_file`], the document's type declared (by the registry) instead of recognised.
pub fn read_file_as(
    path: &Path,
    layout: Option<Layout>,
    declared: Option<DocumentType>,
) -> Result<Ingested> {
    if keyed::is_keyed(path) {
        return Err(Diagnostic::error(
            path,
            0,
            "a paragraph-keyed translation is read against its document's reference text: name it under `sources:` in the document's entry and run `wsis check` or `wsis build`",
        )
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode_source(&bytes, path)?;
    read_text_as(&text, path, layout, declared)
}

/// Reads a source from memory; `path` names it in messages.
pub fn read_bytes(bytes: &[u8], path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    let text = decode_source(bytes, path)?;
    read_text(&text, path, layout)
}

/// Reads decoded text (LF line ends, no BOM).
pub fn read_text(text: &str, path: &Path, layout: Option<Layout>) -> Result<Ingested> {
    read_text_as(text, path, layout, None)
}

/// [`read_text`], the document's type declared instead of recognised: the declared type chooses
/// the reader where a layout has several (a resolution or a report in PDF text), and the model
/// carries it; a warning says when the text reads as another type.
pub fn read_text_as(
    text: &str,
    path: &Path,
    layout: Option<Layout>,
    declared: Option<DocumentType>,
) -> Result<Ingested> {
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
        Layout::PdfText => pdf_text::read(text, &mut b, declared),
    }
    let (mut document, diagnostics) = b.finish();
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
    let (recognised, mut why) = doc_type::recognise(&document);
    let mut warnings = warnings;
    document.doc_type = match declared {
        Some(d) if d != recognised => {
            warnings.push(Diagnostic::warning(
                path,
                0,
                format!(
                    "declared a {}, but the text reads as a {} ({why})",
                    d.as_str(),
                    recognised.as_str()
                ),
            ));
            why = "declared in the registry".to_string();
            d
        }
        Some(d) => {
            why = format!("declared in the registry, and {why}");
            d
        }
        None => recognised,
    };
    let report = report::report(&document, text);
    Ok(Ingested {
        document,
        layout,
        warnings,
        report,
        type_reason: why,
    })
}
