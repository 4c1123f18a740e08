//! `do uploadfile`: send a file's bytes, then attach them to a record, in two calls.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use kontor_proto::calls::uploadfile::{AttachParams, ContentParams, RESOURCE_TYPE};
use serde_json::Value;

use super::Call;
use crate::{Action, ActionVerb, Client, ClientError, Reply};

/// What to attach the upload to.
///
/// ```no_run
/// # async fn run(client: kontor_client::Client) -> Result<(), kontor_client::ClientError> {
/// use kontor_client::calls::upload;
///
/// let bytes = std::fs::read("front.jpg").unwrap_or_default();
/// let reply = upload::upload(&client, &bytes, upload::to_estate(12, "front.jpg", "Foto").title("Front")).await?;
/// println!("file id {}", reply.records()[0].elements["fileId"]);
/// # Ok(())
/// # }
/// ```
pub fn to_estate(estate: i64, file_name: impl Into<String>, art: impl Into<String>) -> Attach {
    attach(AttachParams {
        module: "estate".into(),
        related_record_id: estate,
        file: file_name.into(),
        art: Some(art.into()),
        ..AttachParams::default()
    })
}

/// Attach to an address.
pub fn to_address(address: i64, file_name: impl Into<String>) -> Attach {
    attach(AttachParams {
        module: "address".into(),
        related_record_id: address,
        file: file_name.into(),
        ..AttachParams::default()
    })
}

fn attach(params: AttachParams) -> Attach {
    Call::new(ActionVerb::Do, RESOURCE_TYPE, params)
}

/// The second step of `do uploadfile`, with the parameters the server parses.
pub type Attach = Call<AttachParams>;

impl Call<AttachParams> {
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.params_mut().title = Some(title.into());
        self
    }

    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.params_mut().freetext = Some(text.into());
        self
    }
}

/// Step 1 alone: the action carrying the bytes.
pub fn content(bytes: &[u8]) -> Action {
    let params = ContentParams {
        data: BASE64.encode(bytes),
    };
    Call::new(ActionVerb::Do, RESOURCE_TYPE, params).into()
}

/// Both steps: uploads `bytes`, then attaches them as `attach` says. The answer of the
/// second step carries the new file's id (`fileId`).
pub async fn upload(client: &Client, bytes: &[u8], attach: Attach) -> Result<Reply, ClientError> {
    let first = client.call(content(bytes)).await?;
    let tmp = first
        .records()
        .first()
        .and_then(|r| r.elements.get("tmpUploadId"))
        .and_then(Value::as_str)
        .ok_or_else(|| ClientError::NotAnEnvelope {
            url: client.endpoint().to_string(),
            reason: "the upload answer has no tmpUploadId".to_string(),
        })?;
    let mut attach = attach;
    attach.params_mut().tmp_upload_id = tmp.to_string();
    client.call(attach.into()).await
}
