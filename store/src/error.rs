//! The store's error type: storage failures and refusals with a stable code.

use axum::http::StatusCode;

/// Why an operation of the store failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The database failed (retry later; nothing was acknowledged).
    #[error("storage failure: {0}")]
    Storage(String),
    /// The request was understood and refused.
    #[error("{message}")]
    Refused {
        /// HTTP status to answer with.
        status: StatusCode,
        /// Stable snake_case code.
        code: &'static str,
        /// Human-readable explanation.
        message: String,
    },
    /// The store is stopping and takes no new writes.
    #[error("the store is shutting down")]
    ShuttingDown,
}

impl StoreError {
    /// A refusal with a status, a stable code and a message.
    pub fn refused(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        StoreError::Refused {
            status,
            code,
            message: message.into(),
        }
    }

    /// A 404 refusal.
    pub fn not_found(message: impl Into<String>) -> Self {
        StoreError::refused(StatusCode::NOT_FOUND, "not_found", message)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Storage(error.to_string())
    }
}

impl From<postgres::Error> for StoreError {
    fn from(error: postgres::Error) -> Self {
        StoreError::Storage(error.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Storage(format!("stored record does not parse: {error}"))
    }
}
