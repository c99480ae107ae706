//! The one place where failures become HTTP responses: clients get a plain message (HTML for
//! pages, JSON for the API); the detail of an internal failure goes to the log only.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("you are not allowed to do that")]
    Forbidden,
    #[error("sign in first")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("too many requests; try again later")]
    TooMany,
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Failure {
        match e {
            store::StoreError::Invalid(m) => Failure::BadRequest(m),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl From<analysis::AnalysisError> for Failure {
    fn from(e: analysis::AnalysisError) -> Failure {
        match e {
            analysis::AnalysisError::NotFound(m) => Failure::NotFound(m),
            analysis::AnalysisError::Store(e) => e.into(),
            e => Failure::Internal(e.to_string()),
        }
    }
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Forbidden => StatusCode::FORBIDDEN,
            Failure::Unauthorized => StatusCode::UNAUTHORIZED,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::Conflict(_) => StatusCode::CONFLICT,
            Failure::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told: never the internals.
    pub fn public_message(&self) -> String {
        match self {
            Failure::Internal(detail) => {
                eprintln!("sightline: internal error: {detail}");
                "something went wrong; it has been logged".to_string()
            }
            other => other.to_string(),
        }
    }
}

/// A failure shown as a page.
#[derive(Debug)]
pub struct PageError(pub Failure);

impl<E: Into<Failure>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let message = self.0.public_message();
        let page = crate::pages::error_page(status, &message);
        (status, Html(page)).into_response()
    }
}

/// A failure given to an API client as `{"error": "..."}`.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<E: Into<Failure>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = serde_json::json!({ "error": self.0.public_message() });
        (status, axum::Json(body)).into_response()
    }
}

pub type PageResult = Result<Response, PageError>;
pub type ApiResult<T> = Result<axum::Json<T>, ApiError>;
