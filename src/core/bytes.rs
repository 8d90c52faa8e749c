//! Reading the binary data files (the NER model, the packed dictionary): a cursor that
//! answers a running-out of bytes with the caller's own error, never a panic.

pub struct ByteReader<'a, E: Clone> {
    bytes: &'a [u8],
    at: usize,
    /// What to answer when the bytes run out.
    truncated: E,
}

impl<'a, E: Clone> ByteReader<'a, E> {
    pub fn new(bytes: &'a [u8], truncated: E) -> Self {
        Self { bytes, at: 0, truncated }
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], E> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.truncated.clone())?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    pub fn byte(&mut self) -> Result<u8, E> {
        Ok(self.take(1)?[0])
    }

    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], E> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub fn f32(&mut self) -> Result<f32, E> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// The bytes up to `end`, which is consumed but not returned.
    pub fn until(&mut self, end: u8) -> Result<&'a [u8], E> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let len = rest.iter().position(|&b| b == end).ok_or_else(|| self.truncated.clone())?;
        self.at += len + 1;
        Ok(&rest[..len])
    }

    /// An unsigned LEB128 number; `None` inside the `Ok` when it does not fit in 64 bits.
    pub fn varint(&mut self) -> Result<Option<u64>, E> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(Some(value));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::ByteReader;

    #[test]
    fn reads_in_order_and_runs_out_with_the_given_error() {
        let mut r = ByteReader::new(b"ab\ncd\x96\x01\xff", "short");
        assert_eq!(r.until(b'\n'), Ok(&b"ab"[..]));
        assert_eq!(r.array::<2>(), Ok(*b"cd"));
        assert_eq!(r.varint(), Ok(Some(150)));
        assert_eq!(r.byte(), Ok(0xff));
        assert!(r.is_done());
        assert_eq!(r.byte(), Err("short"));
        assert_eq!(r.take(usize::MAX), Err("short"));
        assert_eq!(ByteReader::new(b"x", "short").until(b'\n'), Err("short"));
        assert_eq!(ByteReader::new(&[0xff; 10], "short").varint(), Ok(None), "past 64 bits");
    }
}
