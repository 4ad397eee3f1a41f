// Shared by the crate (`sentiment::word_key`) and by `build.rs`, which
// includes this file to build the word table with the same keys and hash.

/// A word packed for the table: its bytes little-endian in three 64-bit
/// words, zero-padded, with its length in the top byte, so two keys are
/// equal exactly when their bytes are, and comparing them is three integer
/// compares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordKey(pub [u64; 3]);

impl WordKey {
    /// The longest word a key holds, in bytes (the longest VADER word has 19).
    pub const CAPACITY: usize = 23;

    /// The key of a word, or `None` when it is longer than [`Self::CAPACITY`].
    /// (`build.rs` keys the tables with it; the crate, in the wasm's
    /// compact tables and in tests.)
    #[allow(dead_code)]
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

    /// Whether two keys are equal, compared word by word in registers (a
    /// key just built on the stack, read back as one wide load, would stall
    /// the store forwarding).
    #[inline(always)]
    pub fn same(&self, other: &WordKey) -> bool {
        let [a, b, c] = self.0;
        let [x, y, z] = other.0;
        (a ^ x) | (b ^ y) | (c ^ z) == 0
    }

    /// The length of the key's word in bytes.
    #[inline(always)]
    pub fn length(&self) -> usize {
        (self.0[2] >> 56) as usize
    }

    /// The key's hash under a table's seed: its three words folded into one,
    /// then mixed by a full 64×64→128-bit multiply (both halves folded).
    #[inline(always)]
    pub fn hash(&self, seed: u64) -> u64 {
        let [first, second, third] = self.0;
        let folded = first ^ second.rotate_left(21) ^ third.rotate_left(42) ^ seed;
        let product = u128::from(folded) * u128::from(0x9e37_79b9_7f4a_7c15u64);
        (product >> 64) as u64 ^ product as u64
    }
}

/// The placement of a perfect-hash table of words (PTHash's scheme): a
/// key's hash picks its bucket, and the bucket's pilot (found at build time)
/// moves its keys to slots no other key takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// The seed of [`WordKey::hash`].
    pub seed: u64,
    /// How many buckets the keys are spread over.
    pub buckets: u64,
    /// How many slots the table has (a few more than keys).
    pub slots: u64,
}

impl Placement {
    /// How many 64-bit words the membership filter has.
    pub const FILTER_WORDS: usize = 1 << 10;

    /// Where a hash sits in the table's membership filter (a blocked Bloom
    /// filter): which word, and the two bits a table word sets in it. Most
    /// tokens are no table words, and the 8 KiB filter, which stays in the
    /// nearest cache, turns almost all of them away before the table.
    #[inline(always)]
    pub fn filter_bits(hash: u64) -> (usize, u64) {
        let word = (hash as usize) % Self::FILTER_WORDS;
        (
            word,
            1u64 << ((hash >> 10) & 63) | 1u64 << ((hash >> 16) & 63),
        )
    }

    /// The bucket of a hash.
    #[inline(always)]
    pub fn bucket(&self, hash: u64) -> usize {
        (((hash >> 32) * self.buckets) >> 32) as usize
    }

    /// The slot of a hash under its bucket's pilot.
    #[inline(always)]
    pub fn slot(&self, hash: u64, pilot: u16) -> usize {
        let moved = (hash ^ u64::from(pilot).wrapping_mul(0x517c_c1b7_2722_0a95))
            .wrapping_mul(0xbf58_476d_1ce4_e5b9);
        (((moved >> 32) * self.slots) >> 32) as usize
    }
}
