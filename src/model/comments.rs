//! The comments matrix of a document (`<document>/comments.yaml`): the committee's
//! comments on a review copy, each tied to a review number, with the consultant's
//! disposition and response (the UN "comments matrix").

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::source::SourceId;

/// The file name of a document's comments matrix, beside `document.yaml`.
pub const COMMENTS_FILE: &str = "comments.yaml";

/// A loaded comments matrix.
#[derive(Debug, Clone)]
pub struct CommentMatrix {
    /// The file.
    pub source: SourceId,
    /// The comments, in the order of the file.
    pub comments: Vec<Comment>,
}

/// `comments.yaml` as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentsFile {
    /// The comments.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// One comment of the matrix.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// The comment's number in the matrix (unique).
    #[schemars(with = "u32")]
    pub number: Spanned<u32>,
    /// The review number of the paragraph it is about (`4.2-3`), or `general` for the
    /// document as a whole.
    #[schemars(with = "String")]
    pub paragraph: Spanned<String>,
    /// The language of the review copy the number refers to (default: the source
    /// language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// Who made the comment.
    pub reviewer: String,
    /// The reviewer's institution.
    pub institution: String,
    /// The comment.
    pub comment: String,
    /// The change the reviewer proposes, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_change: Option<String>,
    /// What became of the comment; absent while it is pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Disposition>")]
    pub disposition: Option<Spanned<Disposition>>,
    /// The consultant's response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// The text the comment was made on (filled by `review import`), used to suggest the
    /// paragraph's new number when the text has moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// What became of a comment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Disposition {
    /// Taken into the text.
    Accepted,
    /// Taken in part.
    PartlyAccepted,
    /// Not taken.
    Rejected,
    /// To be settled by the committee.
    ForDiscussion,
}

impl Disposition {
    /// Every disposition, in the order the summary prints them.
    pub const ALL: [Disposition; 4] = [
        Disposition::Accepted,
        Disposition::PartlyAccepted,
        Disposition::Rejected,
        Disposition::ForDiscussion,
    ];

    /// Index into [`crate::l10n::Words::dispositions`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The reference of a comment about the whole document.
pub const GENERAL: &str = "general";
