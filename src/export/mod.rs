//! Exports of the document model to standard formats.
//!
//! [`akn`] writes a document in one language as Akoma Ntoso 3.0 XML (OASIS LegalDocML), following
//! the UN's AKN4UN guidelines where they apply; [`akn_read`] reads such a file back into its
//! blocks and notes, so that tests can check that an export loses and adds nothing.

pub mod akn;
pub mod akn_read;
pub mod data_files;

pub use akn::{akn, AknOptions};
