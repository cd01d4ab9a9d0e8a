//! Stand-in for the citation grammar while it is written: finds nothing.
#![allow(dead_code)]

#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub kind: CitationKind,
    pub numbers: Vec<String>,
    pub clause: Option<String>,
    pub document: Option<DocRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationKind {
    Paragraphs,
    Points,
    Document,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocRef {
    Un {
        symbol: String,
    },
    ItuCouncilResolution {
        number: String,
    },
    ItuPlenipotentiaryResolution {
        number: String,
        revision: Option<String>,
    },
    ItuDocument {
        symbol: String,
    },
    External {
        name: String,
    },
    Flattened {
        printed: String,
        parts: Vec<DocRef>,
    },
    Unresolvable {
        printed: String,
        reason: String,
    },
}

pub fn find(_text: &str, _lang: &str) -> Vec<Citation> {
    Vec::new()
}

pub fn is_ibid(text: &str) -> bool {
    text.trim_start().to_lowercase().starts_with("ibid")
}
