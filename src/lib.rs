//! wsis: publishes the texts of the World Summit on the Information Society as a bilingual
//! static site. The pipeline: [`registry`] names the documents, [`ingest`] reads each source
//! into the [`model`], and [`site`] writes the output.

pub mod align;
pub mod bundle;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod ingest;
pub mod init;
pub mod link;
pub mod model;
pub mod progress;
pub mod registry;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod theme;
