//! `do uploadfile`, in two steps: the content (base64) gives a `tmpUploadId`; the second
//! call attaches that upload to a record.
//!
//! ```json
//! {"data":"iVBORw0KGgo…"}                       -> {"filesize":68,"tmpUploadId":"a1b2…"}
//! {"tmpUploadId":"a1b2…","module":"estate","relatedRecordId":12,"file":"front.png",
//!  "Art":"Foto","title":"Front"}                 -> {"fileId":"3539","success":"success",…}
//! ```

use serde::{Deserialize, Serialize};

use super::params::SerdeParams;
use super::serde_params;

pub const RESOURCE_TYPE: &str = "uploadfile";

/// Step 1: the file's content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContentParams {
    /// Base64 of the bytes.
    pub data: String,
}

/// Step 2: attach the upload to a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachParams {
    #[serde(rename = "tmpUploadId")]
    pub tmp_upload_id: String,
    /// `estate`, `address`, `agentsLog`, `task` or `tmpUpload`.
    pub module: String,
    #[serde(
        rename = "relatedRecordId",
        deserialize_with = "serde_params::lenient::int"
    )]
    pub related_record_id: i64,
    /// The file name.
    pub file: String,
    /// The kind of file (`Foto`, `Titelbild`, `Grundriss`, `Expose`, …); required for estates.
    #[serde(default, rename = "Art", skip_serializing_if = "Option::is_none")]
    pub art: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freetext: Option<String>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub position: Option<i64>,
    #[serde(
        default,
        rename = "setDefaultPublicationRights",
        deserialize_with = "serde_params::lenient::flag",
        skip_serializing_if = "serde_params::is_false"
    )]
    pub set_default_publication_rights: bool,
}

impl SerdeParams for ContentParams {}

impl SerdeParams for AttachParams {}
