//! The SDK against a real Kontor: batching, both HMAC schemes, typed errors.

mod common;

use common::{Kontor, TestResult, SECRET};
use kontor_client::{
    calls, Action, ActionVerb, Client, ClientError, ErrorCode, Language, SignatureScheme,
};

#[tokio::test]
async fn a_batch_answers_each_handle_in_queue_order_and_errors_stay_per_action() -> TestResult {
    let kontor = Kontor::start().await?;
    let client = kontor.client()?.build()?;
    let mut batch = client.batch();
    let german = batch.push(calls::actionkindtypes::get().into());
    let unknown = batch.push(Action::new(ActionVerb::Get, "nosuchresource").identifier("x"));
    let english = batch
        .push(Action::from(calls::actionkindtypes::get().lang(Language::ENG)).identifier("eng"));
    let bad_verb = batch.push(Action::new(ActionVerb::Delete, "actionkindtypes"));
    assert_eq!(batch.len(), 4);
    let responses = batch.send().await?;
    assert_eq!(responses.len(), 4);

    let german = responses.get(german)?;
    assert_eq!(german.records()[0].elements["label"], "E-Mail");
    let english = responses.get(english)?;
    assert_eq!(english.records()[0].elements["label"], "E-mail");
    assert_eq!(english.result().identifier, "eng");
    assert!(!english.from_cache());

    let error = responses.get(unknown).err().ok_or("expected an error")?;
    let action = error.action_error().ok_or("expected an action error")?;
    assert_eq!(action.code, 25);
    assert_eq!(action.kind, Some(ErrorCode::UnknownResourceType));
    assert!(action.message.contains("nosuchresource"), "{action}");
    assert!(
        error.to_string().starts_with("get nosuchresource: 25 "),
        "{error}"
    );
    let error = responses.get(bad_verb).err().ok_or("expected an error")?;
    assert!(error.action_error().is_some(), "{error}");

    // The raw body is kept for `kontor call --raw`.
    let raw: serde_json::Value = serde_json::from_slice(responses.raw_body().unwrap_or(b""))?;
    assert_eq!(raw["status"]["errorcode"], 97);

    // A handle of one batch does not read another batch's responses.
    let mut other = client.batch();
    let foreign = other.push(calls::actionkindtypes::get().into());
    assert!(matches!(
        responses.get(foreign),
        Err(ClientError::ForeignHandle)
    ));
    Ok(())
}

#[tokio::test]
async fn hmac_v1_requests_are_accepted() -> TestResult {
    let kontor = Kontor::start().await?;
    let client = kontor.client()?.signature(SignatureScheme::V1).build()?;
    // Parameters that PHP's json_encode renders specially: `/`, non-ASCII, nested order.
    let action = Action::from(calls::actionkindtypes::get().lang(Language::ENG))
        .param("note", "Aachen/Köln")
        .param("allowAutomaticTypesForActionKind", vec!["Email"])
        .param("zz", serde_json::json!({"b": 1, "a": [1.5, "x"]}));
    let reply = client.call(action).await?;
    assert_eq!(reply.records()[0].elements["key"], "Email");
    Ok(())
}

#[tokio::test]
async fn a_wrong_secret_is_a_typed_per_action_error_and_an_unknown_token_a_request_error(
) -> TestResult {
    let kontor = Kontor::start().await?;
    let wrong_secret = "x".repeat(64);
    let client = Client::with_credentials(common::TOKEN, &wrong_secret)?
        .endpoint(kontor.endpoint())
        .build()?;
    let error = client
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("a wrong secret must fail")?;
    let action = error.action_error().ok_or("expected an action error")?;
    assert_eq!(action.code, 137, "{error}");

    let client = Client::with_credentials(&"u".repeat(32), SECRET)?
        .endpoint(kontor.endpoint())
        .build()?;
    match client.call(calls::actionkindtypes::get().into()).await {
        Err(ClientError::Request { kind, .. }) => {
            assert_eq!(kind, Some(ErrorCode::NotAuthenticated))
        }
        other => return Err(format!("expected a request error, got {other:?}").into()),
    }
    Ok(())
}

#[tokio::test]
async fn cacheable_gets_are_answered_from_the_cache_the_second_time() -> TestResult {
    let kontor = Kontor::start().await?;
    let client = kontor
        .client()?
        .cache(kontor_client::MemoryCache::new(
            std::time::Duration::from_secs(60),
        ))
        .build()?;
    let first = client
        .call(Action::from(calls::actionkindtypes::get()).identifier("one"))
        .await?;
    assert!(first.cacheable() && !first.from_cache());
    let second = client
        .call(Action::from(calls::actionkindtypes::get()).identifier("two"))
        .await?;
    assert!(second.from_cache());
    assert_eq!(second.result().identifier, "two");
    assert_eq!(second.records(), first.records());
    // Other parameters are another entry.
    let english = client
        .call(calls::actionkindtypes::get().lang(Language::ENG).into())
        .await?;
    assert!(!english.from_cache());
    client.clear_cache();
    let after = client.call(calls::actionkindtypes::get().into()).await?;
    assert!(!after.from_cache());
    Ok(())
}

#[test]
fn bad_configuration_is_refused_with_one_clear_message() {
    let short = Client::with_credentials("abc", &"s".repeat(64))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        short.as_deref(),
        Some("the token must be 32 characters, got 3")
    );
    let swapped = Client::with_credentials(&"t".repeat(32), &"t".repeat(32))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        swapped.as_deref(),
        Some("the secret must be 64 characters, got 32 (token and secret may be swapped)")
    );
    let url = Client::with_credentials(&"t".repeat(32), &"s".repeat(64))
        .and_then(|b| b.endpoint("ftp://example.org/api.php").build())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(url.contains("must start with http:// or https://"), "{url}");
    let default = Client::with_credentials(&"t".repeat(32), &"s".repeat(64))
        .and_then(|b| b.build())
        .map(|c| c.endpoint().to_string())
        .unwrap_or_default();
    assert_eq!(default, "https://api.onoffice.de/api/stable/api.php");
    let latest = Client::with_credentials(&"t".repeat(32), &"s".repeat(64))
        .and_then(|b| {
            b.server("http://127.0.0.1:8080/api")
                .version(kontor_client::ApiVersion::Latest)
                .build()
        })
        .map(|c| c.endpoint().to_string())
        .unwrap_or_default();
    assert_eq!(latest, "http://127.0.0.1:8080/api/latest/api.php");
}

#[tokio::test]
async fn every_url_form_reaches_the_endpoint_and_a_404_names_the_url_and_the_forms() -> TestResult {
    let kontor = Kontor::start().await?;
    let root = format!("http://{}", kontor.addr);
    for url in [
        root.clone(),
        format!("{root}/"),
        format!("{root}/api"),
        format!("{root}/api/"),
        format!("{root}/api/latest/"),
        format!("{root}/api/stable/api.php"),
        format!("{root}/api/stable/api.php?from=test"),
    ] {
        let client = Client::with_credentials(common::TOKEN, SECRET)?
            .server(url.as_str())
            .build()?;
        let reply = client
            .call(calls::actionkindtypes::get().into())
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        assert_eq!(reply.records()[0].elements["key"], "Email", "{url}");
    }
    // A prefix that no server route has: the 404 says which URL was tried and what to write.
    let client = Client::with_credentials(common::TOKEN, SECRET)?
        .server(format!("{root}/kontor/api/"))
        .build()?;
    let error = client
        .call(calls::actionkindtypes::get().into())
        .await
        .err()
        .ok_or("a URL without an endpoint must fail")?;
    assert!(
        matches!(error, ClientError::Http { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{root}/kontor/api/stable/api.php answered HTTP 404: no API endpoint is there; \
             give the server (http://127.0.0.1:8080), its API directory \
             (http://127.0.0.1:8080/api/) or the endpoint \
             (http://127.0.0.1:8080/api/stable/api.php)"
        )
    );
    // A version asked for that the URL contradicts is refused before anything is sent.
    let conflict = Client::with_credentials(common::TOKEN, SECRET)?
        .server(format!("{root}/api/stable/api.php"))
        .version(kontor_client::ApiVersion::Latest)
        .build()
        .err()
        .ok_or("a contradicting version must be refused")?;
    assert!(matches!(conflict, ClientError::Endpoint(_)), "{conflict:?}");
    Ok(())
}

/// errorcode 1 is only ever a store failure: a real Kontor of these tests fails the test
/// that met one, whatever the SDK made of the answer.
#[tokio::test]
#[should_panic(expected = "errorcode 1")]
async fn a_store_error_fails_the_test() {
    let Ok(kontor) = Kontor::start().await else {
        return;
    };
    let Ok(client) = kontor.client().and_then(|b| b.build()) else {
        return;
    };
    // With the database gone, authentication is a store error.
    kontor.store.store.close().await;
    let _ = client.call(calls::actionkindtypes::get().into()).await;
}

/// A test that provokes a store failure on purpose says so.
#[tokio::test]
async fn an_expected_store_error_passes() -> TestResult {
    let mut kontor = Kontor::start().await?;
    kontor.expect_internal_errors();
    let client = kontor.client()?.build()?;
    kontor.store.store.close().await;
    let refused = client.call(calls::actionkindtypes::get().into()).await;
    assert!(
        matches!(refused, Err(ClientError::Request { code: 1, .. })),
        "{refused:?}"
    );
    Ok(())
}
