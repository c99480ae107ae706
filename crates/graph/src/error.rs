//! What can go wrong when the network is given its input or asked a question.

/// An error of this crate. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("entity id {0:?} is empty or contains white space")]
    BadEntityId(String),
    #[error("unknown indicator family {0:?}")]
    UnknownIndicatorFamily(String),
    #[error("entity {entity} is given as a {first} and as a {second}")]
    KindConflict {
        entity: String,
        first: &'static str,
        second: &'static str,
    },
    #[error("report {0} is given twice in one update")]
    DuplicateReport(String),
    #[error("report {report}: reliance {value} is not between 0 and 1")]
    BadReliance { report: String, value: f64 },
    #[error("report {report} mentions entity {entity}, which is not described")]
    UndescribedEntity { report: String, entity: String },
    #[error("report {report} gives person facts for {entity}, which is not a person")]
    NotAPerson { report: String, entity: String },
    #[error("no entity {0} in the network")]
    UnknownEntity(String),
}

/// This crate's result.
pub type Result<T> = std::result::Result<T, GraphError>;
