//! Brotli for the shipped data files (the jieba dictionary and the NER model): static hosts
//! may not compress, so the files are compressed themselves, and decoded in the worker.

use std::io::Read;

/// Decompresses `bytes`, refusing output over `limit` bytes (a corrupt or hostile file
/// must not exhaust memory).
pub fn decompress(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(3).min(limit));
    brotli_decompressor::Decompressor::new(bytes, 64 * 1024)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() > limit {
        return Err(format!("it decompresses to more than {limit} bytes"));
    }
    Ok(out)
}

/// Compresses deterministically at brotli's strongest setting (quality 11, window 2^24).
#[cfg(not(target_arch = "wasm32"))]
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
        let mut writer = brotli::CompressorWriter::with_params(&mut out, 1 << 16, &params);
        // Writing to a Vec cannot fail.
        let _ = writer.write_all(bytes);
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bombs_and_garbage() {
        let data = "郑州市 117 ns\n".repeat(1000).into_bytes();
        let packed = compress(&data);
        assert!(packed.len() < data.len() / 10);
        assert_eq!(decompress(&packed, data.len()).unwrap(), data);
        assert!(decompress(&packed, data.len() - 1).is_err(), "over the limit");
        assert!(decompress(b"\xff\xffnot brotli", 1 << 20).is_err());
    }
}
