//! The one fingerprint hash: 64-bit FNV-1a, for translation units (`translate`), the
//! sections `diff` aligns and the names of copied assets (`render::html`).
//!
//! FNV-1a is a fixed, keyless function (no random seed, unlike std's `DefaultHasher`), so
//! the same bytes give the same fingerprint on every machine and in every version: these
//! fingerprints are written into files (XLIFF, translation state, asset names) and
//! compared across runs. It only detects change; it is no defence against forged
//! collisions.

/// 64-bit FNV-1a of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::fnv1a64;

    /// The published FNV-1a test vectors: a change here would change every stored
    /// fingerprint.
    #[test]
    fn known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
