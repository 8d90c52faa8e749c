//! A minimal ZIP writer: stored entries only (no compression), UTF-8 names, no ZIP64.
//! Enough to bundle a brat export (or any multi-file export) for one download, in pure Rust
//! so it runs in the browser too.

use super::ExportError;

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

struct CentralEntry {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

/// Builds a ZIP archive in memory.
pub struct ZipWriter {
    out: Vec<u8>,
    entries: Vec<CentralEntry>,
    time: u16,
    date: u16,
}

/// General-purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

impl ZipWriter {
    /// `now` is an RFC 3339 timestamp (`2026-11-25T06:42:15.000Z`) used as every entry's
    /// modification time; anything unreadable or before 1980 becomes 1980-01-01 00:00.
    pub fn new(now: &str) -> Self {
        let (time, date) = dos_time(now);
        Self { out: Vec::new(), entries: Vec::new(), time, date }
    }

    /// Adds a file. Names use `/` between folders; a name may appear only once.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), ExportError> {
        if name.is_empty() || name.starts_with('/') || name.contains('\\') || name.split('/').any(|p| p == "..") {
            return Err(ExportError::new(format!("{name:?} is not a safe file name inside a ZIP")));
        }
        if self.entries.iter().any(|e| e.name == name) {
            return Err(ExportError::new(format!("{name:?} is in the ZIP twice")));
        }
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(ExportError::new("too many files for one ZIP (65,535 at most)"));
        }
        let too_big = || ExportError::new("the export is over 4 GiB, too large for a ZIP without ZIP64");
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| ExportError::new("a file name is too long"))?;
        let crc = crc32(data);
        let out = &mut self.out;
        put32(out, 0x0403_4b50);
        put16(out, 10); // version needed: 1.0, stored
        put16(out, UTF8_NAMES);
        put16(out, 0); // method: stored
        put16(out, self.time);
        put16(out, self.date);
        put32(out, crc);
        put32(out, size); // compressed size
        put32(out, size); // uncompressed size
        put16(out, name_len);
        put16(out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        u32::try_from(self.out.len()).map_err(|_| too_big())?;
        self.entries.push(CentralEntry { name: name.to_owned(), crc, size, offset });
        Ok(())
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let too_big = || ExportError::new("the export is over 4 GiB, too large for a ZIP without ZIP64");
        let start = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        for e in &self.entries {
            let out = &mut self.out;
            put32(out, 0x0201_4b50);
            put16(out, (3 << 8) | 20); // made by: Unix, spec 2.0 (so the mode below applies)
            put16(out, 10);
            put16(out, UTF8_NAMES);
            put16(out, 0);
            put16(out, self.time);
            put16(out, self.date);
            put32(out, e.crc);
            put32(out, e.size);
            put32(out, e.size);
            put16(out, e.name.len() as u16);
            put16(out, 0); // extra
            put16(out, 0); // comment
            put16(out, 0); // disk number
            put16(out, 0); // internal attributes
            put32(out, 0o100_644 << 16); // external attributes: a regular file, rw-r--r--
            put32(out, e.offset);
            out.extend_from_slice(e.name.as_bytes());
        }
        let size = u32::try_from(self.out.len()).map_err(|_| too_big())? - start;
        let count = self.entries.len() as u16;
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0);
        put16(out, 0);
        put16(out, count);
        put16(out, count);
        put32(out, size);
        put32(out, start);
        put16(out, 0); // comment length
        Ok(self.out)
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// MS-DOS time and date fields of an RFC 3339 timestamp.
fn dos_time(now: &str) -> (u16, u16) {
    let number = |range: std::ops::Range<usize>| now.get(range).and_then(|s| s.parse::<u16>().ok());
    let parts = (number(0..4), number(5..7), number(8..10), number(11..13), number(14..16), number(17..19));
    match parts {
        (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s))
            if (1980..=2107).contains(&y)
                && (1..=12).contains(&mo)
                && (1..=31).contains(&d)
                && h < 24
                && mi < 60
                && s < 62 =>
        {
            ((h << 11) | (mi << 5) | (s.min(59) / 2), ((y - 1980) << 9) | (mo << 5) | d)
        }
        _ => (0, (1 << 5) | 1),
    }
}

/// Zips `files` (name, content) in one call.
pub fn zip(files: &[(String, Vec<u8>)], now: &str) -> Result<Vec<u8>, ExportError> {
    let mut writer = ZipWriter::new(now);
    for (name, data) in files {
        writer.add(name, data)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn dos_times_pack_fields() {
        // 2026-11-25 06:42:16 → date (46 << 9 | 11 << 5 | 25), time (6 << 11 | 42 << 5 | 8).
        assert_eq!(dos_time("2026-11-25T06:42:16.000Z"), (6 << 11 | 42 << 5 | 8, 46 << 9 | 11 << 5 | 25));
        assert_eq!(dos_time("garbage"), (0, 33));
        assert_eq!(dos_time("1970-01-01T00:00:00Z"), (0, 33));
    }

    #[test]
    fn archive_layout_is_readable() {
        let bytes =
            zip(&[("a.txt".into(), b"hello".to_vec()), ("文档/b.ann".into(), Vec::new())], "2026-11-25T00:00:00Z")
                .unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        // Local header of the first entry: name at 30, data right after.
        assert_eq!(&bytes[30..35], b"a.txt");
        assert_eq!(&bytes[35..40], b"hello");
        assert_eq!(u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]), crc32(b"hello"));
        let eocd = bytes.len() - 22;
        assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([bytes[eocd + 10], bytes[eocd + 11]]), 2, "two entries");
        let cd_offset = u32::from_le_bytes([bytes[eocd + 16], bytes[eocd + 17], bytes[eocd + 18], bytes[eocd + 19]]);
        assert_eq!(&bytes[cd_offset as usize..cd_offset as usize + 4], b"PK\x01\x02");
    }

    #[test]
    fn unsafe_or_repeated_names_are_refused() {
        let mut w = ZipWriter::new("");
        assert!(w.add("../x", b"").is_err());
        assert!(w.add("/x", b"").is_err());
        w.add("x", b"").unwrap();
        assert!(w.add("x", b"").is_err());
    }
}
