//! The bundle's README (English) and LISEZMOI (French): when it was made, with which wsis, which
//! documents it holds in which languages, and a SHA-256 digest of each source text, so that a
//! delegate can tell which versions of the texts they hold.

use serde::Serialize;

use super::sha256;
use crate::diagnostic::{Error, Result};
use crate::registry::DocumentEntry;
use crate::render::pages::base;
use crate::render::{OutputFile, Renderer, SiteInput};

#[derive(Serialize)]
struct ReadmeContext {
    #[serde(flatten)]
    base: crate::render::pages::Base,
    built: String,
    built_iso: String,
    version: &'static str,
    documents: Vec<DocView>,
}

#[derive(Serialize)]
struct DocView {
    name: String,
    title: String,
    date: String,
    date_iso: String,
    versions: Vec<Version>,
    sources: Vec<SourceView>,
}

#[derive(Serialize)]
struct Version {
    lang: String,
    name: String,
    page: String,
    single: String,
}

#[derive(Serialize)]
struct SourceView {
    lang: String,
    file: String,
    bytes: usize,
    sha256: String,
}

/// A moment as the bundle records it: UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Utc {
    /// From seconds since 1970-01-01 UTC.
    pub fn from_unix(secs: u64) -> Utc {
        let days = (secs / 86_400) as i64;
        let rem = secs % 86_400;
        // Civil date from days since the epoch (proleptic Gregorian calendar).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
        Utc {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }

    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn iso(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.iso_date(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

/// `README.html` and `LISEZMOI.html`, at the bundle's root.
pub fn pages(
    r: &Renderer,
    input: &SiteInput,
    entries: &[DocumentEntry],
    when: Utc,
) -> Result<Vec<OutputFile>> {
    let mut out = Vec::new();
    for (lang, file) in [("en", "README.html"), ("fr", "LISEZMOI.html")] {
        let mut documents = Vec::new();
        for e in entries {
            let mut sources = Vec::new();
            for s in e.sources.values() {
                let bytes = std::fs::read(&s.path).map_err(|err| Error::io(&s.path, err))?;
                sources.push(SourceView {
                    lang: s.lang.clone(),
                    file: s.relative.clone(),
                    bytes: bytes.len(),
                    sha256: sha256::hex(&bytes),
                });
            }
            documents.push(DocView {
                name: e.name_in(lang),
                title: e.title_in(lang).to_string(),
                date: r.strings.date(lang, &e.date),
                date_iso: e.date.clone(),
                versions: input
                    .config
                    .languages
                    .iter()
                    .map(|l| Version {
                        lang: l.clone(),
                        name: r.strings.get(l, "lang_name"),
                        page: format!("{l}/{}.html", e.id),
                        single: super::single_file::path(&e.id, l),
                    })
                    .collect(),
                sources,
            });
        }
        let mut base = base(
            r,
            input,
            lang,
            file,
            r.strings.get(lang, "bundle_readme_title"),
            String::new(),
            &[],
        );
        base.root = String::new();
        base.page.switch = None;
        let ctx = ReadmeContext {
            base,
            built: format!(
                "{} {:02}:{:02} UTC",
                r.strings.date(lang, &when.iso_date()),
                when.hour,
                when.minute
            ),
            built_iso: when.iso(),
            version: env!("CARGO_PKG_VERSION"),
            documents,
        };
        out.push(OutputFile {
            path: file.to_string(),
            bytes: r.page("readme.html", &ctx)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::Utc;

    #[test]
    fn unix_seconds_become_civil_utc() {
        assert_eq!(Utc::from_unix(0).iso(), "1970-01-01T00:00:00Z");
        // 2000-02-29 (a leap day of a century leap year) 12:34:56.
        assert_eq!(Utc::from_unix(951_827_696).iso(), "2000-02-29T12:34:56Z");
        assert_eq!(Utc::from_unix(1_795_392_000).iso(), "2026-11-23T00:00:00Z");
    }
}
