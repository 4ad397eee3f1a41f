//! Bearer tokens: `sct_<token id>_<secret>`; the store keeps only SHA-256 of the secret.

use sha2::{Digest, Sha256};

/// A freshly issued token: its public id and the full secret string (shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// The public id (listed, used to revoke).
    pub token_id: String,
    /// The whole bearer token.
    pub bearer: String,
    /// SHA-256 of the secret part.
    pub secret_hash: Vec<u8>,
}

/// Random lowercase hex of `bytes` random bytes from the operating system.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).expect("the operating system's random source failed");
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Makes a new token: 8 random bytes of id, 32 of secret.
pub fn generate() -> NewToken {
    let token_id = random_hex(8);
    let secret = random_hex(32);
    NewToken {
        bearer: format!("sct_{token_id}_{secret}"),
        secret_hash: hash(&secret),
        token_id,
    }
}

/// SHA-256 of a secret.
pub fn hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Splits a bearer token into its id and secret; `None` if it is not one of ours.
pub fn parse(bearer: &str) -> Option<(&str, &str)> {
    let rest = bearer.strip_prefix("sct_")?;
    let (token_id, secret) = rest.split_once('_')?;
    let hex = |part: &str, len: usize| {
        part.len() == len && part.bytes().all(|byte| byte.is_ascii_hexdigit())
    };
    (hex(token_id, 16) && hex(secret, 64)).then_some((token_id, secret))
}

/// Compares two hashes in time independent of where they differ.
pub fn hashes_match(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_token_parses_back_and_matches_its_hash() {
        let token = generate();
        let (token_id, secret) = parse(&token.bearer).unwrap();
        assert_eq!(token_id, token.token_id);
        assert!(hashes_match(&hash(secret), &token.secret_hash));
        assert!(!hashes_match(&hash("other"), &token.secret_hash));
        assert_eq!(parse("sct_short_secret"), None);
    }
}
