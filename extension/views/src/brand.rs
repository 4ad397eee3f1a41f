//! The team's own brand accounts, as the worker's two modules share them.
//!
//! The replica module reads them off the team's settings
//! (`Replica::brand_accounts`); the worker keeps a copy in IndexedDB and
//! hands it to the verdict module with every batch, so a cold start marks
//! the team's own items before the replica is restored.

use socialcare::model::{ObservedItem, Platform};
use std::collections::BTreeMap;

/// The team's brand account handles per platform (the store's settings).
pub type BrandAccounts = BTreeMap<Platform, Vec<String>>;

/// Whether the item was posted by one of the team's brand accounts on its
/// platform (handles compared without `@` and without regard to case).
pub fn is_brand(accounts: &BrandAccounts, item: &ObservedItem) -> bool {
    let Some(handle) = item.author_handle.as_deref() else {
        return false;
    };
    let handle = handle.trim_start_matches('@');
    accounts.get(&item.key.platform).is_some_and(|accounts| {
        accounts
            .iter()
            .any(|account| account.trim_start_matches('@').eq_ignore_ascii_case(handle))
    })
}
