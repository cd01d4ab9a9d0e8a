//! Linking: finding references between texts and resolving them. [`citation`] reads the
//! references a paragraph or a footnote makes (paragraphs, ITU operative points, document
//! symbols, named texts) and names their targets; nothing here knows the registry yet.

pub mod citation;
