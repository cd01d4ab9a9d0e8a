//! The document model every reader produces and every later stage reads.
//!
//! A [`Document`] is a flat sequence of [`Block`]s (headings and paragraphs, in reading order) plus
//! the document's [`Footnote`]s and its cover metadata. Paragraph ids are stable and follow the
//! rules in `docs/data-format.md`; [`crate::ingest::builder`] is the only place that assigns them.

use serde::{Deserialize, Serialize};

/// One document in one language, as recovered from one source file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Registry id (file stem of the YAML entry), e.g. `a-res-80-173`. Empty for `wsis inspect`.
    pub id: String,
    /// Primary symbol, e.g. `A/RES/80/173`.
    pub symbol: String,
    /// Every symbol the document carries (joint documents have several).
    pub symbols: Vec<String>,
    /// BCP 47 language code of this expression (`fr`, `en`).
    pub lang: String,
    pub title: String,
    /// The layout the source was read as (`word-export`, `un-markdown`, `pdf-text`).
    pub layout: String,
    /// What kind of document this is: declared in the registry (`type:`), or recognised from
    /// its structure.
    #[serde(default, rename = "type")]
    pub doc_type: DocumentType,
    /// Path of the source file, relative to the site root where possible.
    pub source: String,
    /// Cover-page fields in the order they were printed.
    pub cover: Vec<CoverField>,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    /// References from this document's paragraphs and notes to paragraphs and documents, found
    /// and checked by [`crate::link`]. Empty until the corpus is linked.
    #[serde(default)]
    pub citations: Vec<Citation>,
}

/// The kinds of document wsis reads: each is a genre with its own structure, whatever the layout
/// its text comes in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
    /// An adopted resolution or decision: cover, title, enacting formula, preambular and
    /// operative paragraphs, closing line (A/RES/80/173).
    Resolution,
    /// A draft resolution, or a draft revision of one, with the document that proposes it
    /// (C26/93).
    DraftResolution,
    /// A report: numbered paragraphs or sections under chapters (A/81/62, ITU Council reports).
    Report,
    /// Any other document.
    #[default]
    Document,
}

impl DocumentType {
    pub const ALL: [DocumentType; 4] = [
        DocumentType::Resolution,
        DocumentType::DraftResolution,
        DocumentType::Report,
        DocumentType::Document,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::Resolution => "resolution",
            DocumentType::DraftResolution => "draft-resolution",
            DocumentType::Report => "report",
            DocumentType::Document => "document",
        }
    }
}

/// A reference from a paragraph (or note) of one document to paragraphs of a document, or to a
/// whole document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Citation {
    /// Id of the citing block or footnote (`p12`, `annex1-p67`, `fn3`).
    pub from: String,
    /// Byte range of the reference in the citing block's `text`; empty (0, 0) when the whole
    /// block is the reference (an annex entry, a reused paragraph).
    pub start: usize,
    pub end: usize,
    /// The reference as printed (`paragraphes 67 et 113 de la Résolution 80/173`).
    pub text: String,
    pub kind: CitationKind,
    pub status: CitationStatus,
    /// Canonical symbol or name of the cited text (`A/RES/80/173`, `Tunis Agenda`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_symbol: Option<String>,
    /// Registry id of the cited document when it is in the corpus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_doc: Option<String>,
    /// Cited paragraph or point numbers, as printed.
    #[serde(default)]
    pub target_paragraphs: Vec<String>,
    /// For points of an ITU resolution: the clause as printed (`décide`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_clause: Option<String>,
    /// Block ids the numbers resolve to in the cited document.
    #[serde(default)]
    pub target_ids: Vec<String>,
    /// For a mismatch: the number of the paragraph whose text the quotation does match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
    /// Address of an official copy outside the corpus (`https://undocs.org/fr/A/RES/70/125`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For quotations and reuse: how much of the cited paragraph's wording the citing text
    /// carries (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Why the reference is unresolved, or what was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    /// Paragraphs or points cited by number (`paragraphe 67 de la résolution 80/173`).
    Explicit,
    /// An annex entry that reproduces a paragraph under its number.
    AnnexQuote,
    /// A quoted passage (or unnumbered annex entry) matched to its source paragraph by text.
    Quotation,
    /// A paragraph that takes over most of another document's paragraph without citing it.
    Reuse,
    /// A document cited by its symbol only.
    Symbol,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStatus {
    /// The quoted text matches the cited paragraph.
    Verified,
    /// The quoted text does not match the cited paragraph; `suggested` names the one it matches.
    Mismatch,
    /// The target is in the corpus but there is no quoted text to compare.
    Unverified,
    /// The target is outside the corpus; `url` gives its official copy.
    External,
    /// The target could not be found; the reference stays text and is reported.
    Unresolved,
}

impl Citation {
    /// A reference not resolved yet: no target, status `unresolved`.
    pub fn new(from: &str, start: usize, end: usize, text: &str, kind: CitationKind) -> Citation {
        Citation {
            from: from.to_string(),
            start,
            end,
            text: text.to_string(),
            kind,
            status: CitationStatus::Unresolved,
            target_symbol: None,
            target_doc: None,
            target_paragraphs: Vec::new(),
            target_clause: None,
            target_ids: Vec::new(),
            suggested: None,
            url: None,
            similarity: None,
            note: None,
        }
    }

    /// Points the reference at paragraph `target` of document `doc`, with `status`.
    pub fn to_paragraph(
        mut self,
        doc: &Document,
        target: &Paragraph,
        status: CitationStatus,
    ) -> Citation {
        self.status = status;
        self.target_symbol = Some(doc.symbol.clone());
        self.target_doc = Some(doc.id.clone());
        self.target_paragraphs = target.number.iter().cloned().collect();
        self.target_ids = vec![target.id.clone()];
        self
    }
}

impl CitationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CitationKind::Explicit => "explicit",
            CitationKind::AnnexQuote => "annex-quote",
            CitationKind::Quotation => "quotation",
            CitationKind::Reuse => "reuse",
            CitationKind::Symbol => "symbol",
        }
    }
}

impl CitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CitationStatus::Verified => "verified",
            CitationStatus::Mismatch => "mismatch",
            CitationStatus::Unverified => "unverified",
            CitationStatus::External => "external",
            CitationStatus::Unresolved => "unresolved",
        }
    }
}

/// A labelled field of the cover page or cover block (`Objet`, `Distr. générale`, the date …).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CoverField {
    /// Stable key: `subject`, `action`, `strategic-link`, `financial-implications`, `references`,
    /// `body`, `distribution`, `date`, `session`, `agenda-item`, `agenda-title`, `adoption`,
    /// `committee`, `symbol`, `title`, `author`, `original-language`, `language`, `meeting`,
    /// `summary`, `note` …
    pub key: String,
    /// The label as printed, when the source prints one (`Objet`, `Suite à donner par le Conseil`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: String,
    /// 1-based line in the source.
    pub line: usize,
}

/// A heading or a paragraph.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
}

impl Block {
    pub fn id(&self) -> &str {
        match self {
            Block::Heading(h) => &h.id,
            Block::Paragraph(p) => &p.id,
        }
    }
    pub fn text(&self) -> &str {
        match self {
            Block::Heading(h) => &h.text,
            Block::Paragraph(p) => &p.text,
        }
    }
    pub fn number(&self) -> Option<&str> {
        match self {
            Block::Heading(h) => h.number.as_deref(),
            Block::Paragraph(p) => p.number.as_deref(),
        }
    }
    pub fn runs(&self) -> &[Inline] {
        match self {
            Block::Heading(h) => &h.runs,
            Block::Paragraph(p) => &p.runs,
        }
    }
    pub fn line(&self) -> usize {
        match self {
            Block::Heading(h) => h.line,
            Block::Paragraph(p) => p.line,
        }
    }
    pub fn as_paragraph(&self) -> Option<&Paragraph> {
        match self {
            Block::Paragraph(p) => Some(p),
            Block::Heading(_) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Heading {
    pub id: String,
    /// 1 = document or annex title, 2 = chapter (`I.`), 3 = section (`A.`), 4 = subsection
    /// (`1.`) or ITU clause heading (`décide`), 5 = lettered heading (`a)`), 6 = minor heading.
    pub level: u8,
    /// Number as printed, without its trailing dot (`I`, `A`), if any.
    pub number: Option<String>,
    /// Always `heading`; kept so that every block has a `role`.
    pub role: Role,
    pub text: String,
    pub runs: Vec<Inline>,
    /// Footnote numbers referenced in the heading.
    pub footnotes: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Paragraph {
    pub id: String,
    pub role: Role,
    /// Number or label as printed, without surrounding punctuation: `67`, `2.1`, `a`, `iv`, `fg`.
    pub number: Option<String>,
    /// Plain text: the runs' text concatenated, footnote marks left out.
    pub text: String,
    pub runs: Vec<Inline>,
    /// Footnote numbers referenced in this paragraph, in order.
    pub footnotes: Vec<String>,
    /// Id of the paragraph this one belongs to (an item's parent paragraph or clause).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// For ITU resolution clauses: the clause's slug (`decide`, `charge-secretaire-general`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Annex number (1-based) when the paragraph stands in an annex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex: Option<u32>,
    /// 1-based line of the paragraph's first line in the source.
    pub line: usize,
}

/// What a paragraph is in the structure of its document.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Heading,
    /// Enacting formula or opening subject: `L'Assemblée générale`, `Nous, Ministres …`,
    /// `Le Conseil de l'UIT,`.
    Formula,
    /// Preambular paragraph (`Rappelant …,`), or a lettered item of a preambular ITU clause.
    Preambular,
    /// Operative paragraph: numbered paragraph of a resolution or report, or an item of an
    /// operative ITU clause (`décide 1 …`).
    Operative,
    /// Lettered or roman item inside a paragraph (`a)`, `i)`), or a numbered sub-item (`2.1`).
    Item,
    /// Dash list item (`–\t…`).
    ListItem,
    /// Unnumbered paragraph of running text.
    Text,
    /// Annex entry quoting another document's paragraph.
    AnnexQuotation,
    /// Closing line (`68e séance plénière, 17 décembre 2025`).
    Closing,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Heading => "heading",
            Role::Formula => "formula",
            Role::Preambular => "preambular",
            Role::Operative => "operative",
            Role::Item => "item",
            Role::ListItem => "list-item",
            Role::Text => "text",
            Role::AnnexQuotation => "annex-quotation",
            Role::Closing => "closing",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Footnote {
    /// Number as printed (`1`, `12`, `*`).
    pub number: String,
    /// Anchor id: `fn1`, `fn12`, `fn-star`.
    pub id: String,
    pub text: String,
    pub runs: Vec<Inline>,
    /// Ids of the blocks whose text carries this note's mark.
    pub referenced_from: Vec<String>,
    pub line: usize,
}

/// A run of inline content.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        style: Emphasis,
        text: String,
    },
    /// A footnote mark; its number is not part of the block's `text`.
    NoteRef {
        number: String,
    },
    /// A link trace from the source (`[70/125](#)`), or a URL printed in the text.
    Link {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Emphasis {
    Bold,
    Italic,
}

impl Inline {
    /// The text this run contributes to its block's plain text.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text { text } | Inline::Emphasis { text, .. } | Inline::Link { text, .. } => {
                text
            }
            Inline::NoteRef { .. } => "",
        }
    }
}

/// The text of runs with each footnote mark written as its number, glued as marks are printed
/// (`Séville1,`): for plain-text values and for counting a source's words.
pub fn text_with_marks(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::NoteRef { number } => number.as_str(),
            other => other.text(),
        })
        .collect()
}

impl Document {
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(Block::as_paragraph)
    }
    pub fn headings(&self) -> impl Iterator<Item = &Heading> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            Block::Paragraph(_) => None,
        })
    }
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id() == id)
    }
    pub fn cover_value(&self, key: &str) -> Option<&str> {
        self.cover
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }
}
