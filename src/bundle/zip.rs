//! A zip archive writer (and the reader the tests and `wsis bundle` use to check what was
//! written): deflated entries with UTF-8 names, no encryption, no zip64 (a bundle holds far fewer
//! than 65,535 files and 4 GiB).

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL: u32 = 0x0605_4b50;
/// Bit 11 of the flags: the name is UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// A date and time as a zip entry records them (MS-DOS format, local time of the archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    pub time: u16,
    pub date: u16,
}

impl DosTime {
    /// From a civil UTC date and time (years before 1980 are written as 1980).
    pub fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> DosTime {
        let year = year.clamp(1980, 2107) - 1980;
        DosTime {
            time: ((hour << 11) | (minute << 5) | (second / 2)) as u16,
            date: ((year << 9) | (month << 5) | day) as u16,
        }
    }
}

struct Central {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Writes a zip archive into memory, entry by entry.
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<Central>,
    when: DosTime,
}

impl ZipWriter {
    pub fn new(when: DosTime) -> ZipWriter {
        ZipWriter {
            out: Vec::new(),
            entries: Vec::new(),
            when,
        }
    }

    /// Adds a file. `name` uses `/` between folders. Data that deflate does not shrink is stored.
    pub fn add(&mut self, name: &str, data: &[u8]) -> std::io::Result<()> {
        let mut crc = Crc::new();
        crc.update(data);
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data)?;
        let deflated = encoder.finish()?;
        let (method, body) = if deflated.len() < data.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, data)
        };
        let too_big = |n: usize| {
            u32::try_from(n).map_err(|_| {
                std::io::Error::other(format!("{name} is too large for a zip without zip64"))
            })
        };
        let entry = Central {
            name: name.to_string(),
            method,
            crc: crc.sum(),
            compressed: too_big(body.len())?,
            size: too_big(data.len())?,
            offset: too_big(self.out.len())?,
        };
        let out = &mut self.out;
        put32(out, LOCAL_HEADER);
        put16(out, 20); // version needed: 2.0 (deflate)
        put16(out, UTF8_NAMES);
        put16(out, entry.method);
        put16(out, self.when.time);
        put16(out, self.when.date);
        put32(out, entry.crc);
        put32(out, entry.compressed);
        put32(out, entry.size);
        put16(out, name_len(name)?);
        put16(out, 0); // extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);
        self.entries.push(entry);
        Ok(())
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        let start = self.out.len();
        let count = u16::try_from(self.entries.len())
            .map_err(|_| std::io::Error::other("more than 65,535 files in one zip"))?;
        for e in &self.entries {
            let out = &mut self.out;
            put32(out, CENTRAL_HEADER);
            put16(out, (3 << 8) | 20); // made by: Unix, zip 2.0
            put16(out, 20);
            put16(out, UTF8_NAMES);
            put16(out, e.method);
            put16(out, self.when.time);
            put16(out, self.when.date);
            put32(out, e.crc);
            put32(out, e.compressed);
            put32(out, e.size);
            put16(out, name_len(&e.name)?);
            put16(out, 0); // extra field
            put16(out, 0); // comment
            put16(out, 0); // disk
            put16(out, 0); // internal attributes
            put32(out, 0o100_644 << 16); // a regular file, rw-r--r--
            put32(out, e.offset);
            out.extend_from_slice(e.name.as_bytes());
        }
        let size = self.out.len() - start;
        let out = &mut self.out;
        put32(out, END_OF_CENTRAL);
        put16(out, 0);
        put16(out, 0);
        put16(out, count);
        put16(out, count);
        put32(out, size as u32);
        put32(out, start as u32);
        put16(out, 0); // comment
        Ok(self.out)
    }
}

fn name_len(name: &str) -> std::io::Result<u16> {
    u16::try_from(name.len())
        .map_err(|_| std::io::Error::other(format!("file name too long: {name}")))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn get16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn get32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Reads every file of an archive written by [`ZipWriter`] (or any zip without zip64 or
/// encryption), checking each CRC. Returns (name, content) in the archive's order.
pub fn read(archive: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let bad = |what: &str| format!("not a readable zip: {what}");
    let end = (0..archive.len().saturating_sub(21))
        .rev()
        .find(|&i| get32(archive, i) == Some(END_OF_CENTRAL))
        .ok_or_else(|| bad("no end of central directory"))?;
    let count = get16(archive, end + 10).ok_or_else(|| bad("truncated"))? as usize;
    let mut at = get32(archive, end + 16).ok_or_else(|| bad("truncated"))? as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if get32(archive, at) != Some(CENTRAL_HEADER) {
            return Err(bad("broken central directory"));
        }
        let field = |off: usize| get16(archive, at + off).ok_or_else(|| bad("truncated"));
        let method = field(10)?;
        let crc = get32(archive, at + 16).ok_or_else(|| bad("truncated"))?;
        let compressed = get32(archive, at + 20).ok_or_else(|| bad("truncated"))? as usize;
        let name_len = field(28)? as usize;
        let extra = field(30)? as usize;
        let comment = field(32)? as usize;
        let local = get32(archive, at + 42).ok_or_else(|| bad("truncated"))? as usize;
        let name = archive
            .get(at + 46..at + 46 + name_len)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| bad("truncated name"))?;
        at += 46 + name_len + extra + comment;
        let local_name = get16(archive, local + 26).ok_or_else(|| bad("truncated"))? as usize;
        let local_extra = get16(archive, local + 28).ok_or_else(|| bad("truncated"))? as usize;
        let start = local + 30 + local_name + local_extra;
        let body = archive
            .get(start..start + compressed)
            .ok_or_else(|| bad(&format!("{name} is cut short")))?;
        let data = match method {
            STORED => body.to_vec(),
            DEFLATED => {
                let mut data = Vec::new();
                DeflateDecoder::new(body)
                    .read_to_end(&mut data)
                    .map_err(|e| bad(&format!("{name}: {e}")))?;
                data
            }
            m => return Err(bad(&format!("{name} uses compression method {m}"))),
        };
        let mut check = Crc::new();
        check.update(&data);
        if check.sum() != crc {
            return Err(bad(&format!("{name} fails its CRC check")));
        }
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_byte_for_byte() {
        let files: Vec<(String, Vec<u8>)> = vec![
            ("index.html".into(), b"<!doctype html>".repeat(50)),
            ("fr/résolution.html".into(), "é".repeat(300).into_bytes()),
            ("static/empty.js".into(), Vec::new()),
            (
                "random.bin".into(),
                (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            ),
        ];
        let mut z = ZipWriter::new(DosTime::new(2026, 11, 23, 10, 30, 0));
        for (n, d) in &files {
            z.add(n, d).unwrap();
        }
        let archive = z.finish().unwrap();
        assert_eq!(read(&archive).unwrap(), files);
        // Repetitive text is deflated.
        assert!(archive.len() < 2000 + 1200, "{}", archive.len());
    }

    #[test]
    fn a_damaged_archive_is_refused() {
        let mut z = ZipWriter::new(DosTime::new(2026, 1, 1, 0, 0, 0));
        z.add("a.txt", &b"hello hello hello hello".repeat(20))
            .unwrap();
        let mut archive = z.finish().unwrap();
        // Flip a byte of the compressed data (after the 30-byte header and the 5-byte name).
        archive[40] ^= 0xff;
        assert!(read(&archive).is_err());
        assert!(read(b"not a zip").is_err());
    }

    #[test]
    fn dos_time_packs_fields() {
        let t = DosTime::new(2026, 11, 23, 10, 30, 58);
        assert_eq!(t.date >> 9, 46);
        assert_eq!((t.date >> 5) & 0xf, 11);
        assert_eq!(t.date & 0x1f, 23);
        assert_eq!(t.time >> 11, 10);
        assert_eq!((t.time >> 5) & 0x3f, 30);
        assert_eq!(t.time & 0x1f, 29);
    }
}
