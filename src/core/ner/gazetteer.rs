//! A dictionary of known entity strings, stored only as 29-bit hashes with a type mask
//! (no text is shipped). It gives the tagger "this substring was a PER/LOC/ORG before"
//! features, which is where most of the gain on repeated names comes from.

use super::tags::TYPES;

/// Matches are looked for from 2 to this many characters.
pub const MAX_LEN: usize = 10;

/// Hash of a normalised string for the dictionary, built incrementally char by char.
#[inline]
pub fn step(h: u64, c: char) -> u64 {
    let x = (h ^ c as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}
pub const SEED: u64 = 0x6A09_E667_F3BC_C908;

/// The 29-bit key of a string hash, shifted left 3 so the low bits can hold the type mask.
/// Never 0, which marks an empty slot.
#[inline]
pub fn key(h: u64) -> u32 {
    (((h >> 35) as u32) << 3).max(8)
}

/// An open-addressing set of `key | type mask` entries.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    table: Vec<u32>,
    entries: Vec<u32>,
}

impl Gazetteer {
    /// Builds from `key(h) | mask` entries (duplicate keys have their masks merged).
    pub fn new(mut entries: Vec<u32>) -> Self {
        entries.sort_unstable();
        let mut merged: Vec<u32> = Vec::with_capacity(entries.len());
        for e in entries {
            match merged.last_mut() {
                Some(last) if *last >> 3 == e >> 3 => *last |= e & 7,
                _ => merged.push(e),
            }
        }
        merged.retain(|e| e & 7 != 0);
        let size = (merged.len() * 2).next_power_of_two().max(16);
        let mut table = vec![0u32; size];
        for &e in &merged {
            let mut i = (e >> 3) as usize & (size - 1);
            while let Some(slot) = table.get_mut(i) {
                if *slot == 0 {
                    *slot = e;
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        Self { table, entries: merged }
    }

    /// The sorted entries, for serialisation.
    pub fn entries(&self) -> &[u32] {
        &self.entries
    }

    /// The type mask of a string hash (bit t = TYPES[t]); 0 when unknown.
    #[inline]
    pub fn lookup(&self, h: u64) -> u8 {
        let k = key(h);
        let size = self.table.len();
        if size == 0 {
            return 0;
        }
        let mut i = (k >> 3) as usize & (size - 1);
        // The table is at most half full, so a probe always reaches an empty slot.
        while let Some(&slot) = self.table.get(i) {
            if slot == 0 {
                return 0;
            }
            if slot >> 3 == k >> 3 {
                return (slot & 7) as u8;
            }
            i = (i + 1) & (size - 1);
        }
        0
    }
}

/// Per character, for each type, 3 bits: begins / is inside / ends a dictionary match
/// (bits `3*t`, `3*t+1`, `3*t+2`). `lookup(hash, start, end)` gives a match's type mask,
/// which lets the trainer leave the current sentence's own entities out.
pub fn flags(chars: &[char], mut lookup: impl FnMut(u64, usize, usize) -> u8) -> Vec<u16> {
    let n = chars.len();
    let mut out = vec![0u16; n];
    for s in 0..n {
        let mut h = SEED;
        for e in s + 1..=(s + MAX_LEN).min(n) {
            let Some(&c) = chars.get(e - 1) else { break };
            h = step(h, c);
            if e - s < 2 {
                continue;
            }
            let mask = lookup(h, s, e);
            for t in 0..TYPES.len() {
                if mask & (1 << t) == 0 {
                    continue;
                }
                if let Some(f) = out.get_mut(s) {
                    *f |= 1 << (3 * t);
                }
                for f in out.iter_mut().take(e - 1).skip(s + 1) {
                    *f |= 1 << (3 * t + 1);
                }
                if let Some(f) = out.get_mut(e - 1) {
                    *f |= 1 << (3 * t + 2);
                }
            }
        }
    }
    out
}

/// The hash of a whole string, as [`flags`] computes it.
pub fn hash_str(chars: &[char]) -> u64 {
    chars.iter().fold(SEED, |h, &c| step(h, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_entries_and_marks_positions() {
        let word: Vec<char> = "郑州".chars().collect();
        let g = Gazetteer::new(vec![key(hash_str(&word)) | 0b010]);
        assert_eq!(g.lookup(hash_str(&word)), 0b010);
        assert_eq!(g.lookup(hash_str(&['州'])), 0);
        let text: Vec<char> = "在郑州市".chars().collect();
        let f = flags(&text, |h, _, _| g.lookup(h));
        assert_eq!(f, vec![0, 1 << 3, 1 << 5, 0]);
    }
}
