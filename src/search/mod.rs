//! Search: records of every paragraph, the analysis shared by the index and the pages, the
//! glossary, the tantivy index written at build, and queries (see `docs/search.md`).

pub mod analyzer;
pub mod glossary;
pub mod index;
pub mod query;
pub mod records;
pub mod static_index;
