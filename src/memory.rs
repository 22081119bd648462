//! The allocator, chosen for a PDF build's pattern of memory use.
//!
//! A PDF build lays out one document per core; each layout takes tens of megabytes in
//! many small allocations, freed when its PDF is written, while the next document
//! allocates beside them. glibc's allocator kept what was freed in its arenas and
//! returned only the top of each heap, so resident memory crept up by about a megabyte
//! per document; asking it to give everything back after each document (`malloc_trim`)
//! held the peak but cost 1.5 to 2 s of system time at the bench's scale 10, and a fixed
//! trim threshold cost 8 to 18 % more CPU.
//!
//! On Linux sopdoc uses jemalloc instead, with three settings compiled in
//! (`.cargo/config.toml`): freed pages go back to the system after a second unused
//! (`dirty_decay_ms:1000`) and at once from there (`muzzy_decay_ms:0`), on jemalloc's own
//! thread rather than inside the build's allocations (`background_thread:true`). Measured
//! on the bench's scale 10 (README, Performance: Memory), the PDF build takes 8 to
//! 14 % less CPU than with glibc and a peak 70 to 95 MiB lower; with jemalloc's default
//! settings the peak was 20 to 40 MiB higher. Elsewhere, and without the `jemalloc` feature
//! (the fuzz targets turn it off for the address sanitizer), the system's allocator is used.
//!
//! The module also packs what a build holds without reading it for a while ([`deflate`]).

#[cfg(all(target_os = "linux", feature = "jemalloc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A writer that deflates what it is given into memory, at the fast level: sopdoc packs
/// what it must hold but will not read for a while (a site's pages until the checks allow
/// them to be written, the PDFs' markup until it is laid out, the chapters' text during
/// the layouts). Text compresses four- to tenfold at a cost far below rendering it.
pub(crate) fn deflater(capacity: usize) -> flate2::write::DeflateEncoder<Vec<u8>> {
    flate2::write::DeflateEncoder::new(Vec::with_capacity(capacity), flate2::Compression::fast())
}

/// `bytes` deflated ([`deflater`]).
pub(crate) fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = deflater(bytes.len() / 4);
    // Writing into a vector cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// What [`deflate`] or a [`deflater`] packed, back; `size_hint` is the expected size.
///
/// # Errors
/// Only if the bytes were altered (they never leave the process).
pub(crate) fn inflate(bytes: &[u8], size_hint: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::with_capacity(size_hint);
    flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// Appends `n` as a little-endian base-128 number: what sopdoc holds as long lists of
/// mostly small numbers (the PDFs' source maps, the search index's postings) takes one or
/// two bytes a number.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a number [`put_varint`] wrote at `*at`, moving past it; `None` at the end.
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    if *at >= bytes.len() {
        return None;
    }
    let mut n = 0u64;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        if shift < 64 {
            n |= u64::from(byte & 0x7f) << shift;
        }
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn deflated_bytes_inflate_back() {
        let text = "« Fiche de référencement » remplie par le point focal.\n".repeat(200);
        let packed = super::deflate(text.as_bytes());
        assert!(packed.len() < text.len() / 4, "{}", packed.len());
        assert_eq!(super::inflate(&packed, 0).unwrap(), text.as_bytes());
        assert!(super::inflate(&[0xff, 0x00], 0).is_err());
    }
}
