// Shared by the crate (`sentiment::word_key`) and by `build.rs`, which
// includes this file to build the word table with the same keys and hash.

/// A word packed for the table: its bytes little-endian in three 64-bit
/// words, zero-padded, with its length in the top byte, so two keys are
/// equal exactly when their bytes are, and comparing them is three integer
/// compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordKey(pub [u64; 3]);

impl WordKey {
    /// The longest word a key holds, in bytes (the longest VADER word has 19).
    pub const CAPACITY: usize = 23;

    /// The key of a word, or `None` when it is longer than [`Self::CAPACITY`].
    pub fn new(word: &[u8]) -> Option<WordKey> {
        if word.len() > Self::CAPACITY {
            return None;
        }
        let mut padded = [0u8; 24];
        padded[..word.len()].copy_from_slice(word);
        Some(WordKey::from_padded(&padded, word.len()))
    }

    /// The key of the first `len` bytes of `padded`, whose other bytes are
    /// zero or are masked off here.
    #[inline(always)]
    pub fn from_padded(padded: &[u8; 24], len: usize) -> WordKey {
        let mut words = [0u64; 3];
        for (index, word) in words.iter_mut().enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&padded[index * 8..index * 8 + 8]);
            let kept = len.saturating_sub(index * 8).min(8);
            let mask = if kept == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * kept)) - 1
            };
            *word = u64::from_le_bytes(bytes) & mask;
        }
        words[2] |= (len as u64) << 56;
        WordKey(words)
    }

    /// Where the key sits in the table's membership filter (a blocked Bloom
    /// filter of [`Self::FILTER_WORDS`] 64-bit words): which word, and the
    /// two bits set in it for a table word. Most tokens are no table words,
    /// and the 8 KiB filter turns almost all of them away from the table.
    #[inline(always)]
    pub fn filter_bits(&self) -> (usize, u64) {
        let mixed = self.fold().wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let word = (mixed >> 54) as usize;
        let bits = (1u64 << ((mixed >> 48) & 63)) | (1u64 << ((mixed >> 42) & 63));
        (word, bits)
    }

    /// The number of 64-bit words in the membership filter.
    pub const FILTER_WORDS: usize = 1 << 10;

    /// The one word the table's hasher mixes. The build checks that no two
    /// table words fold to the same value (the perfect hash needs that).
    #[inline(always)]
    pub fn fold(&self) -> u64 {
        let [first, second, third] = self.0;
        first ^ second.rotate_left(21) ^ third.rotate_left(42)
    }
}

impl core::hash::Hash for WordKey {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.fold());
    }
}
